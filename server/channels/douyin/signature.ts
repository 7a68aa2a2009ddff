/**
 * The signature on Douyin's message pushes (消息推送配置接入指引, developer.open-douyin.com → 小游戏 → 服务端 → 消息推送):
 * the headers x-appid, x-msg-type, x-nonce-str and x-timestamp sorted by name and joined with `&`, then the raw body
 * and the push Token appended without separators; MD5 of that, Base64-encoded, is x-signature.
 * The page does not say whether the joined parts are `name=value` pairs or the bare values, and publishes no body or
 * Token with its header sample to settle it. `name=value` is the form the platform's own sample code uses for its
 * sibling signature (推荐流直出 签名计算方式); the bare-value form is the literal reading. Both are accepted — each
 * still needs the Token, so neither lets an unsigned push through.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export interface DouyinPushHeaders {
  appId: string;
  msgType: string;
  nonce: string;
  /** Milliseconds since the epoch, as sent. */
  timestamp: string;
}

/** A push older or newer than this is refused: a captured push cannot be replayed later. */
export const PUSH_MAX_AGE_MS = 5 * 60_000;

/** How the sorted headers are joined: `x-appid=tt…&x-msg-type=…` or `tt…&douyin_microgame_im&…`. */
export type SignatureLayout = 'pairs' | 'values';
export const SIGNATURE_LAYOUTS: readonly SignatureLayout[] = ['pairs', 'values'];

export function douyinPushSignature(
  headers: DouyinPushHeaders,
  body: Buffer,
  token: string,
  layout: SignatureLayout = 'pairs',
): string {
  const signed = [
    ['x-appid', headers.appId],
    ['x-msg-type', headers.msgType],
    ['x-nonce-str', headers.nonce],
    ['x-timestamp', headers.timestamp],
  ]
    .sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1))
    .map(([name, value]) => (layout === 'pairs' ? `${name}=${value}` : (value as string)))
    .join('&');
  return createHash('md5')
    .update(Buffer.concat([Buffer.from(signed, 'utf8'), body, Buffer.from(token, 'utf8')]))
    .digest('base64');
}

export type PushCheck = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' };

/** Checks a push's signature (either layout) and age; compares each candidate in constant time. */
export function verifyDouyinPush(options: {
  headers: Partial<DouyinPushHeaders>;
  signature: string | undefined;
  body: Buffer;
  token: string;
  nowMs: number;
}): PushCheck {
  // Never verify against an empty key: the caller refuses an unconfigured account, this is the last guard.
  if (!options.token) return { ok: false, reason: 'mismatch' };
  const { appId, msgType, nonce, timestamp } = options.headers;
  if (!appId || !msgType || !nonce || !timestamp || !options.signature)
    return { ok: false, reason: 'missing' };
  const sentAt = /^\d{1,16}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
  if (!Number.isFinite(sentAt) || Math.abs(options.nowMs - sentAt) > PUSH_MAX_AGE_MS) {
    return { ok: false, reason: 'stale' };
  }
  const given = Buffer.from(options.signature);
  let matched = false;
  // Both candidates are always computed and compared, so the time taken does not tell which layout is in use.
  for (const layout of SIGNATURE_LAYOUTS) {
    const expected = Buffer.from(
      douyinPushSignature({ appId, msgType, nonce, timestamp }, options.body, options.token, layout),
    );
    const equal = given.length === expected.length && timingSafeEqual(given, expected);
    matched = matched || equal;
  }
  return matched ? { ok: true } : { ok: false, reason: 'mismatch' };
}
