/**
 * A phone number as the keyed lookup hash sees it: one value per line however it was written, so that
 * 010-12345678, (010) 1234 5678 and +86 10 1234 5678 find the same customer. The values are the ones hashes were
 * stored under before libphonenumber was used: mainland mobiles are their 11 digits, mainland landlines and
 * 400/800 numbers their national form without separators (01012345678, 4001234567), other regions' numbers their
 * E.164 digits without the plus (85221234567). Extensions are dropped.
 */
import { type PhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';

// Chinese ways of writing an extension (转 / 分机 / 内线), read as the `ext.` libphonenumber understands.
const EXTENSION_WORDS = /\s*(?:转|分机|分機|内线|內線)\s*/g;
// 010-12345678-123: an extension after a dash, tried only when the whole is not a valid number.
const DASHED_EXTENSION = /^(.*\d)\s*[-－]\s*\d{1,6}\s*$/;

function validNumber(text: string): PhoneNumber | undefined {
  const parsed = parsePhoneNumberFromString(text, 'CN');
  return parsed?.isValid() ? parsed : undefined;
}

// What the lookup hash was keyed on before: the digits, without a +86 / 0086 / 86 before a mobile number. Numbers
// libphonenumber does not know (short service numbers, local numbers without their area code) keep it.
function plainDigits(value: string): string {
  return value.replace(/\D/g, '').replace(/^(?:0086|86)(?=1\d{10}$)/, '');
}

function parseLine(value: string): PhoneNumber | undefined {
  const text = value.replace(EXTENSION_WORDS, ' ext. ');
  const dashed = DASHED_EXTENSION.exec(text)?.[1];
  return validNumber(text) ?? (dashed ? validNumber(dashed) : undefined);
}

// The national format carries the trunk 0 of a landline and none for mobiles and 400/800 numbers.
const mainlandDigits = (parsed: PhoneNumber) =>
  parsed.format('NATIONAL', { formatExtension: (number) => number }).replace(/\D/g, '');

/** The value a phone number is hashed as for exact lookups (see the module comment). */
export function normalizePhone(value: string): string {
  const parsed = parseLine(value);
  if (!parsed) return plainDigits(value);
  return parsed.countryCallingCode === '86' ? mainlandDigits(parsed) : parsed.number.slice(1);
}

/** How a number is written when Kefu stores one it was given: the lookup value, with a + before other regions'. */
export function canonicalPhone(value: string): string {
  const parsed = parseLine(value);
  if (!parsed) return value.trim();
  return parsed.countryCallingCode === '86' ? mainlandDigits(parsed) : parsed.number;
}
