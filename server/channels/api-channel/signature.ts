/**
 * The signed API channel's request signature, used both ways: a connector signs what it posts to Kefu, and Kefu
 * signs the replies it posts to the connector's callback URL. `sha256=` + hex HMAC-SHA256 over
 * `<unix seconds>.<raw body>`; the timestamp is part of the signed text, so a captured request cannot be replayed
 * outside the window.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'x-kefu-timestamp';
export const SIGNATURE_HEADER = 'x-kefu-signature';
/** Seconds a signed request stays valid either side of the receiver's clock. */
export const REPLAY_WINDOW_SECONDS = 300;

export function signPayload(secret: string, timestamp: number | string, body: Buffer | string): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`${timestamp}.`);
  hmac.update(body);
  return `sha256=${hmac.digest('hex')}`;
}

/** The headers of a signed JSON request (a connector's post to Kefu, or Kefu's callback to a connector). */
export function signedHeaders(
  secret: string,
  body: Buffer | string,
  timestamp: number = Math.floor(Date.now() / 1000),
): Record<string, string> {
  return {
    'content-type': 'application/json',
    [TIMESTAMP_HEADER]: String(timestamp),
    [SIGNATURE_HEADER]: signPayload(secret, timestamp, body),
  };
}

export type SignatureCheck =
  | { ok: true }
  | { ok: false; reason: 'missing' | 'stale_timestamp' | 'bad_signature' };

/**
 * Checks a signed request against the channel's secrets (the current one, and the one replaced by a rotation while
 * it is still valid). The timestamp window is checked first, so a stale request is told so even when signed right.
 */
export function verifySignature(options: {
  secrets: readonly string[];
  timestamp: string | undefined;
  signature: string | undefined;
  body: Buffer;
  nowSeconds: number;
}): SignatureCheck {
  const { timestamp, signature } = options;
  if (!timestamp || !signature) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'stale_timestamp' };
  if (Math.abs(options.nowSeconds - Number(timestamp)) > REPLAY_WINDOW_SECONDS) {
    return { ok: false, reason: 'stale_timestamp' };
  }
  const given = Buffer.from(signature.trim().toLowerCase());
  for (const secret of options.secrets) {
    const expected = Buffer.from(signPayload(secret, timestamp, options.body));
    if (expected.length === given.length && timingSafeEqual(expected, given)) return { ok: true };
  }
  return { ok: false, reason: 'bad_signature' };
}
