/**
 * Meta signs every webhook POST with the app's App Secret: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw
 * body>`. The check runs over the bytes exactly as received, before any parsing: Meta signs its own serialisation
 * (non-ASCII escaped as \u5ba2-style sequences), which a re-encoded JSON would not reproduce.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-hub-signature-256';

/** The header value Meta sends for this body. */
export function signWebhookBody(appSecret: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/** Whether the header is the App Secret's signature of these exact bytes; compared in constant time. */
export function webhookSignatureMatches(
  appSecret: string,
  body: Buffer,
  header: string | string[] | undefined,
): boolean {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return false;
  const match = /^sha256=([0-9a-f]{64})$/i.exec(value.trim());
  if (!match) return false;
  const given = Buffer.from((match[1] as string).toLowerCase(), 'hex');
  const expected = createHmac('sha256', appSecret).update(body).digest();
  return timingSafeEqual(given, expected);
}
