/**
 * The signature on Douyin's message pushes (消息推送配置接入指引, developer.open-douyin.com → 小游戏 → 服务端 → 消息推送):
 * the headers x-appid, x-msg-type, x-nonce-str and x-timestamp sorted by name and joined as `name=value` with `&`,
 * then the raw body and the push Token appended without separators; MD5 of that, Base64-encoded, is x-signature.
 * The `name=value` form is the one the platform's own sample code uses for its sibling signature (推荐流直出 签名计算方式);
 * the push page says only "sorted and joined with &" and publishes no body/token with its header sample.
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

export function douyinPushSignature(headers: DouyinPushHeaders, body: Buffer, token: string): string {
  const signed = [
    ['x-appid', headers.appId],
    ['x-msg-type', headers.msgType],
    ['x-nonce-str', headers.nonce],
    ['x-timestamp', headers.timestamp],
  ]
    .sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  return createHash('md5')
    .update(Buffer.concat([Buffer.from(signed, 'utf8'), body, Buffer.from(token, 'utf8')]))
    .digest('base64');
}

export type PushCheck = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' };

/** Checks a push's signature and age; compares in constant time. */
export function verifyDouyinPush(options: {
  headers: Partial<DouyinPushHeaders>;
  signature: string | undefined;
  body: Buffer;
  token: string;
  nowMs: number;
}): PushCheck {
  const { appId, msgType, nonce, timestamp } = options.headers;
  if (!appId || !msgType || !nonce || !timestamp || !options.signature)
    return { ok: false, reason: 'missing' };
  const sentAt = /^\d{1,16}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
  if (!Number.isFinite(sentAt) || Math.abs(options.nowMs - sentAt) > PUSH_MAX_AGE_MS) {
    return { ok: false, reason: 'stale' };
  }
  const expected = Buffer.from(
    douyinPushSignature({ appId, msgType, nonce, timestamp }, options.body, options.token),
  );
  const given = Buffer.from(options.signature);
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? { ok: true }
    : { ok: false, reason: 'mismatch' };
}
