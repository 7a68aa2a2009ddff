import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random URL-safe secret; 32 bytes is 256 bits, beyond guessing. */
export function generateSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Session, API and setup tokens are long random values, so a fast hash is enough to keep the stored form useless
 * to someone who reads the database; argon2 is for low-entropy passwords only.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
