import { describe, expect, it } from 'vitest';
import { REPLAY_WINDOW_SECONDS, signPayload, verifySignature } from './signature';

// The worked example of docs/channels-api.*.md, computed there with openssl:
//   printf '%s.%s' "$ts" "$body" | openssl dgst -sha256 -hmac "$secret" -hex
const SECRET = 'kefu_whsec_Zk3vQ9mT2pX7rB4nW8cY5dL1';
const TIMESTAMP = 1796090400;

describe('the API channel signature', () => {
  it('matches the documented openssl computation byte for byte', () => {
    const body = Buffer.from(
      '{"externalId":"msg-10001","sender":{"id":"buyer_ahua"},"text":"你好，订单还没发货"}',
    );
    const signature = signPayload(SECRET, TIMESTAMP, body);
    expect(signature).toBe('sha256=8d8adae34c3ec10ec43a38e48f77e79f67e4db4e607001e4c86dc19bb453e39e');
    expect(signPayload(SECRET, String(TIMESTAMP), body.toString('utf8'))).toBe(signature);
    expect(
      verifySignature({
        secrets: [SECRET],
        timestamp: String(TIMESTAMP),
        signature,
        body,
        nowSeconds: TIMESTAMP,
      }),
    ).toEqual({ ok: true });
  });

  it('refuses a tampered body, another timestamp, another secret, and requests outside the window', () => {
    const body = Buffer.from('{"text":"退款"}');
    const signature = signPayload(SECRET, TIMESTAMP, body);
    const check = (overrides: Partial<Parameters<typeof verifySignature>[0]>) =>
      verifySignature({
        secrets: [SECRET],
        timestamp: String(TIMESTAMP),
        signature,
        body,
        nowSeconds: TIMESTAMP,
        ...overrides,
      });
    expect(check({ body: Buffer.from('{"text":"退款 "}') })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(check({ timestamp: String(TIMESTAMP + 1), nowSeconds: TIMESTAMP })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(check({ secrets: ['kefu_whsec_other'] })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(check({ secrets: ['kefu_whsec_other', SECRET] })).toEqual({ ok: true });
    expect(check({ nowSeconds: TIMESTAMP + REPLAY_WINDOW_SECONDS })).toEqual({ ok: true });
    expect(check({ nowSeconds: TIMESTAMP + REPLAY_WINDOW_SECONDS + 1 })).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    });
    expect(check({ nowSeconds: TIMESTAMP - REPLAY_WINDOW_SECONDS - 1 })).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    });
    expect(check({ timestamp: '17960904e2' })).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(check({ signature: undefined })).toEqual({ ok: false, reason: 'missing' });
    expect(check({ signature: signature.toUpperCase() })).toEqual({ ok: true });
  });
});
