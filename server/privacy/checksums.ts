/**
 * Check digits that tell a real identity or card number from any other digit run of the same length: an order
 * number passes MOD 11-2 one time in eleven and Luhn one time in ten, so the callers add date, region and
 * issuer rules on top.
 */

// GB 11643-1999: weights 2^(17-i) mod 11 over the first 17 digits; the remainder picks the check character.
const ID_CARD_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CARD_CHECK_CHARACTERS = '10X98765432';

/** The 18th character of a resident identity card number, from its first 17 digits. */
export function idCardCheckCharacter(first17Digits: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17Digits[i]) * (ID_CARD_WEIGHTS[i] ?? 0);
  return ID_CARD_CHECK_CHARACTERS[sum % 11] ?? '';
}

export function hasValidIdCardCheckCharacter(idCardNumber: string): boolean {
  if (!/^\d{17}[\dX]$/i.test(idCardNumber)) return false;
  return idCardCheckCharacter(idCardNumber.slice(0, 17)) === idCardNumber[17]?.toUpperCase();
}

// Province-level codes (the first two digits): mainland provinces, plus 71 (Taiwan) and 81–83 used by the
// residence permits of Hong Kong, Macao and Taiwan residents.
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82, 83,
]);

export function isProvinceCode(twoDigits: string): boolean {
  return PROVINCE_CODES.has(Number(twoDigits));
}

/** A calendar date written YYYYMMDD between 1900 and 2099, such as the birth date inside an id. */
export function isCalendarDate(yyyymmdd: string): boolean {
  if (!/^(19|20)\d{6}$/.test(yyyymmdd)) return false;
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= daysInMonth;
}

/** Luhn (ISO/IEC 7812): every second digit from the right doubled, the digit sum a multiple of ten. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
