/**
 * Finders for the personal numbers: identity cards, mobile and landline phones, bank cards. Each scans text that
 * foldToHalfWidth has already normalised, with one linear regex, then checks what a regex cannot: check digits,
 * birth dates, issuer ranges, and the label in front of the number.
 */
import { hasValidIdCardCheckCharacter, isCalendarDate, isProvinceCode, passesLuhn } from './checksums';
import {
  ENDS_ALONE,
  followsNonPersonalLabel,
  hasKeywordInClauseBefore,
  matchesOf,
  STARTS_ALONE,
} from './context';
import type { PiiLocation } from './pii-kinds';

function digitsOf(text: string): string {
  return text.replace(/[^\dXx]/g, '').toUpperCase();
}

// 18-digit numbers, plain or split 6-8-4 or 6-4-4-4 by spaces or dashes; the old 15-digit numbers carry no check
// digit, so they count only when 身份证 introduces them.
const ID_CARD_18 = new RegExp(
  `${STARTS_ALONE}\\d{6}(?:(?<separator>[ -]?)\\d{8}\\k<separator>|(?<groupSeparator>[ -])\\d{4}\\k<groupSeparator>\\d{4}\\k<groupSeparator>)\\d{3}[\\dXx]${ENDS_ALONE}`,
  'g',
);
const ID_CARD_15 = new RegExp(`${STARTS_ALONE}\\d{15}${ENDS_ALONE}`, 'g');
const ID_CARD_KEYWORD = /身份证/;

export function findIdCards(text: string): PiiLocation[] {
  const found: PiiLocation[] = [];
  for (const match of matchesOf(ID_CARD_18, text)) {
    const digits = digitsOf(match[0]);
    const valid =
      isProvinceCode(digits.slice(0, 2)) &&
      isCalendarDate(digits.slice(6, 14)) &&
      hasValidIdCardCheckCharacter(digits);
    if (valid && !followsNonPersonalLabel(text, match.index)) {
      found.push({ kind: 'id_card', start: match.index, end: match.index + match[0].length });
    }
  }
  for (const match of matchesOf(ID_CARD_15, text)) {
    const digits = match[0];
    const valid = isProvinceCode(digits.slice(0, 2)) && isCalendarDate(`19${digits.slice(6, 12)}`);
    if (valid && hasKeywordInClauseBefore(text, match.index, ID_CARD_KEYWORD, 24)) {
      found.push({ kind: 'id_card', start: match.index, end: match.index + digits.length });
    }
  }
  return found;
}

// Mainland mobiles: 1[3-9] and nine more digits, written whole, 3-4-4, 3-8 or 7-4, with +86, 0086, 86 or (+86)
// in front.
const MOBILE = new RegExp(
  `${STARTS_ALONE}(?:(?:\\+|00)?86[ -]?|\\(\\+?86\\)[ -]?)?1[3-9]\\d(?:\\d{8}|(?<separator>[ -])\\d{4}\\k<separator>\\d{4}|[ -]\\d{8}|\\d{4}[ -]\\d{4})${ENDS_ALONE}`,
  'g',
);

export function findMobiles(text: string): PiiLocation[] {
  const found: PiiLocation[] = [];
  for (const match of matchesOf(MOBILE, text)) {
    if (followsNonPersonalLabel(text, match.index)) continue;
    found.push({ kind: 'mobile', start: match.index, end: match.index + match[0].length });
  }
  return found;
}

// Landlines need their area code (010, 02x, 0xxx; after +86 without the 0): a bare 8-digit local number is as
// likely an invoice number as a phone. 400/800 hotlines have no area code and are a company's, so they never
// match. An extension (-801, 转801) may follow but is not part of the number.
const AREA_CODE = '(?:10|2\\d|[3-9]\\d{2})';
const LANDLINE = new RegExp(
  `${STARTS_ALONE}(?<area>(?:\\+|00)86[ -]?(?:\\(0\\))?${AREA_CODE}[ -]?|\\(0${AREA_CODE}\\)[ -]?|0${AREA_CODE}[ -]?)(?<local>[1-9]\\d{6,7}|[1-9]\\d{2,3}[ -]\\d{4})(?![0-9A-Za-z])(?!\\.\\d)(?!-\\d{6})`,
  'g',
);

export function findLandlines(text: string): PiiLocation[] {
  const found: PiiLocation[] = [];
  for (const match of matchesOf(LANDLINE, text)) {
    const areaDigits = digitsOf(match.groups?.area ?? '')
      .replace(/^(?:0086|86)/, '')
      .replace(/^0/, '');
    const localDigits = digitsOf(match.groups?.local ?? '');
    // Beijing, Tianjin, Shanghai and the 02x cities have 8-digit numbers; elsewhere 7 or 8.
    const validLength = areaDigits.length === 2 ? localDigits.length === 8 : localDigits.length >= 7;
    if (!validLength || followsNonPersonalLabel(text, match.index)) continue;
    found.push({ kind: 'landline', start: match.index, end: match.index + match[0].length });
  }
  return found;
}

// Cards are written whole or in groups of four (6228 4804 0256 4890 018); American Express 4-6-5.
const BANK_CARD = new RegExp(
  `${STARTS_ALONE}(?:\\d{4}(?<separator>[ -])\\d{4}\\k<separator>\\d{4}\\k<separator>\\d{4}(?:\\k<separator>\\d{1,3})?|\\d{4}(?<amexSeparator>[ -])\\d{6}\\k<amexSeparator>\\d{5}|\\d{15,19})${ENDS_ALONE}`,
  'g',
);

// Issuer ranges and lengths. Luhn alone would accept one 18–19-digit 淘宝 order number in ten, so a card must
// also start like one: UnionPay 62 (16–19 digits, which validator.js wrongly limits), the 60 domestic debit
// range, Visa, Mastercard, American Express, JCB, and the old 19-digit 95… debit cards.
const CARD_ISSUERS: { prefix: RegExp; lengths: number[] }[] = [
  { prefix: /^6[02]/, lengths: [16, 17, 18, 19] },
  { prefix: /^4/, lengths: [16] },
  { prefix: /^(?:5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/, lengths: [16] },
  { prefix: /^3[47]/, lengths: [15] },
  { prefix: /^35(?:2[89]|[3-8]\d)/, lengths: [16] },
  { prefix: /^9[45]/, lengths: [19] },
];

function looksLikeIssuedCard(digits: string): boolean {
  return CARD_ISSUERS.some(({ prefix, lengths }) => prefix.test(digits) && lengths.includes(digits.length));
}

export function findBankCards(text: string): PiiLocation[] {
  const found: PiiLocation[] = [];
  for (const match of matchesOf(BANK_CARD, text)) {
    const digits = digitsOf(match[0]);
    if (!looksLikeIssuedCard(digits) || !passesLuhn(digits)) continue;
    if (followsNonPersonalLabel(text, match.index)) continue;
    found.push({ kind: 'bank_card', start: match.index, end: match.index + match[0].length });
  }
  return found;
}
