import { describe, expect, it } from 'vitest';
import { douyinPushSignature, PUSH_MAX_AGE_MS, verifyDouyinPush } from './signature';

// The header values of the 消息推送配置接入指引 sample (x-appid tt12321, x-msg-type verify_request,
// x-nonce-str 313932313532383034, x-timestamp 1737635474798). The page publishes neither the body nor the Token
// behind its x-signature, nor whether the headers are joined as name=value pairs or as bare values, so the
// expected values of both layouts were computed outside this code:
//   printf '%s' 'x-appid=tt12321&x-msg-type=verify_request&x-nonce-str=313932313532383034&x-timestamp=1737635474798{"app_id":"tt12321"}kefu-token' | openssl md5 -binary | base64
//   printf '%s' 'tt12321&verify_request&313932313532383034&1737635474798{"app_id":"tt12321"}kefu-token' | openssl md5 -binary | base64
// and, for the "no Token" cases, the same two strings without `kefu-token`.
const sample = {
  appId: 'tt12321',
  msgType: 'verify_request',
  nonce: '313932313532383034',
  timestamp: '1737635474798',
};
const body = Buffer.from('{"app_id":"tt12321"}');
const sentAt = Number(sample.timestamp);

describe('the Douyin push signature', () => {
  it('is Base64(MD5(sorted x-…=value joined by & + body + Token))', () => {
    expect(douyinPushSignature(sample, body, 'kefu-token')).toBe('TSseqksSCQ4XTJVYon9u8g==');
    expect(douyinPushSignature(sample, body, 'kefu-token', 'values')).toBe('wo8FS5Xo5A7t7ppOVTMRUQ==');
  });

  it('accepts a push signed in either layout, and neither layout without the right Token', () => {
    const check = (signature: string, token = 'kefu-token') =>
      verifyDouyinPush({ headers: sample, signature, body, token, nowMs: sentAt + 1000 });
    // Signed by Douyin as name=value pairs, and as bare values.
    expect(check('TSseqksSCQ4XTJVYon9u8g==')).toEqual({ ok: true });
    expect(check('wo8FS5Xo5A7t7ppOVTMRUQ==')).toEqual({ ok: true });
    // Either layout with the Token left out, or verified with another Token, or with an empty one.
    expect(check('CwHr3CmdP//2chokgCzG+Q==')).toEqual({ ok: false, reason: 'mismatch' });
    expect(check('kad4uMpuLt1sG+cWooFUkw==')).toEqual({ ok: false, reason: 'mismatch' });
    expect(check('TSseqksSCQ4XTJVYon9u8g==', 'other-token')).toEqual({ ok: false, reason: 'mismatch' });
    expect(check('wo8FS5Xo5A7t7ppOVTMRUQ==', 'other-token')).toEqual({ ok: false, reason: 'mismatch' });
    expect(check('CwHr3CmdP//2chokgCzG+Q==', '')).toEqual({ ok: false, reason: 'mismatch' });
    expect(check('kad4uMpuLt1sG+cWooFUkw==', '')).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('accepts the genuine push and refuses a tampered body, another token, a missing header and a stale one', () => {
    const signature = douyinPushSignature(sample, body, 'kefu-token');
    const check = (overrides: Partial<Parameters<typeof verifyDouyinPush>[0]>) =>
      verifyDouyinPush({
        headers: sample,
        signature,
        body,
        token: 'kefu-token',
        nowMs: sentAt + 1000,
        ...overrides,
      });
    expect(check({})).toEqual({ ok: true });
    expect(check({ body: Buffer.from('{"app_id":"tt12322"}') })).toEqual({ ok: false, reason: 'mismatch' });
    expect(check({ token: 'other-token' })).toEqual({ ok: false, reason: 'mismatch' });
    expect(check({ headers: { ...sample, appId: 'tt99999' } })).toEqual({ ok: false, reason: 'mismatch' });
    expect(check({ headers: { ...sample, nonce: undefined } })).toEqual({ ok: false, reason: 'missing' });
    expect(check({ signature: undefined })).toEqual({ ok: false, reason: 'missing' });
    expect(check({ nowMs: sentAt + PUSH_MAX_AGE_MS + 1 })).toEqual({ ok: false, reason: 'stale' });
    expect(check({ headers: { ...sample, timestamp: 'soon' } })).toEqual({ ok: false, reason: 'stale' });
    expect(check({ signature: `${signature.slice(0, -3)}x==` })).toEqual({ ok: false, reason: 'mismatch' });
  });
});
