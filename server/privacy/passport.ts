/**
 * Passport numbers. Chinese ordinary passports have a shape distinctive enough to stand alone (E + 8 digits,
 * E + letter + 7 digits since the E numbers ran out, G + 8 digits before 2012). Other countries' numbers (US and UK
 * 9 digits, Japan TK1234567, Korea M12345678, Germany C01X00T47) look like any product or order code, so they
 * count only after 护照 or passport in the same clause.
 */
import { isCalendarDate } from './checksums';
import {
  ENDS_ALONE,
  followsNonPersonalLabel,
  hasKeywordInClauseBefore,
  matchesOf,
  STARTS_ALONE,
} from './context';
import type { PiiLocation } from './pii-kinds';

const CHINESE_PASSPORT = new RegExp(
  `${STARTS_ALONE}(?:[EeGg]\\d{8}|[Ee][A-HJ-NP-Za-hj-np-z]\\d{7})${ENDS_ALONE}`,
  'g',
);
const ANY_PASSPORT = new RegExp(`${STARTS_ALONE}[A-Za-z0-9]{7,9}${ENDS_ALONE}`, 'g');
const PASSPORT_KEYWORD = /护照|passport/i;

// A passport number is mostly digits: at least five of them, at most three letters.
function passportShaped(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '').length;
  return digits >= 5 && candidate.length - digits <= 3;
}

export function findPassports(text: string): PiiLocation[] {
  const found: PiiLocation[] = [];
  const starts = new Set<number>();
  const add = (start: number, length: number) => {
    if (starts.has(start) || followsNonPersonalLabel(text, start)) return;
    starts.add(start);
    found.push({ kind: 'passport', start, end: start + length });
  };
  for (const match of matchesOf(CHINESE_PASSPORT, text)) {
    // G20231027, E20240105: a letter and a date is a batch or lot code far more often than a passport.
    if (!isCalendarDate(match[0].slice(1))) add(match.index, match[0].length);
  }
  for (const match of matchesOf(ANY_PASSPORT, text)) {
    if (!passportShaped(match[0])) continue;
    if (hasKeywordInClauseBefore(text, match.index, PASSPORT_KEYWORD, 24)) add(match.index, match[0].length);
  }
  return found;
}
