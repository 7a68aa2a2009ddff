/**
 * Check digits for the corpus, written independently of ../checksums.ts (a shared bug would otherwise pass its own
 * test): GB 11643 as (12 − Σ aᵢ·2^(17−i) mod 11) mod 11, and Luhn by computing the digit to append.
 */

/** A resident identity number: the 17 given digits and their check character. */
export function idCardNumber(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const check = (12 - (sum % 11)) % 11;
  return first17 + (check === 10 ? 'X' : String(check));
}

/** The same 17 digits with a check character that is off by one: the shape of an id, not a valid one. */
export function idCardNumberWithWrongCheck(first17: string): string {
  const characters = '0123456789X';
  const right = idCardNumber(first17).slice(-1);
  return first17 + characters[(characters.indexOf(right) + 1) % 11];
}

function luhnDigitFor(body: string): number {
  let sum = 0;
  // Counting from the digit that will sit left of the check digit: it and every second one to its left double.
  for (let i = 0; i < body.length; i++) {
    const digit = Number(body[body.length - 1 - i]);
    const weighted = i % 2 === 0 ? digit * 2 : digit;
    sum += weighted > 9 ? weighted - 9 : weighted;
  }
  return (10 - (sum % 10)) % 10;
}

/** A card number: the given body and its Luhn digit. */
export function cardNumber(body: string): string {
  return body + luhnDigitFor(body);
}

/** The body with a Luhn digit that is off by one. */
export function cardNumberWithWrongCheck(body: string): string {
  return body + ((luhnDigitFor(body) + 1) % 10);
}

/** Digits written in groups (`[4, 4, 4, 4, 3]` → 6228 4804 0256 4890 018). */
export function grouped(digits: string, sizes: number[], separator = ' '): string {
  const groups: string[] = [];
  let at = 0;
  for (const size of sizes) {
    groups.push(digits.slice(at, at + size));
    at += size;
  }
  return groups.join(separator);
}

/** Full-width digits and letters, as some input methods type them. */
export function fullWidth(text: string): string {
  return text.replace(/[!-~]/g, (character) => String.fromCharCode(character.charCodeAt(0) + 0xfee0));
}
