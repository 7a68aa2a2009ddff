import { checkPassword } from '@shared/password-policy';

// No look-alike characters (0/O, 1/l/I), since admins often read temporary passwords out to colleagues.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random 14-character password that passes the policy, for the initial or temporary password of a user. */
export function generatePassword(email?: string): string {
  let password: string;
  do {
    const bytes = crypto.getRandomValues(new Uint8Array(14));
    // 256 is not a multiple of the alphabet size; the slight bias is irrelevant for a password this long.
    password = Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length]).join('');
  } while (checkPassword(password, { email }).length > 0);
  return password;
}
