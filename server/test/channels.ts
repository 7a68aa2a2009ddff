import { randomBytes } from 'node:crypto';
import type { App } from '@server/app';
import { signedHeaders } from '@server/channels/api-channel/signature';
import type { TestClient } from './client';

/** Outbox timings for platform-adapter tests: retries within a fraction of a second, a send that hangs gives up soon. */
export const FAST_OUTBOX = {
  backoff: { baseMs: 20, maxMs: 200, maxAttempts: 3 },
  sendTimeoutMs: 2000,
  claimMs: 3000,
  pollMs: 30,
};

export interface TestChannel {
  id: string;
  secret: string;
}

/** Configures a signed API channel through the admin route, as an admin would in 管理 → 渠道接入. */
export async function createApiChannel(
  admin: TestClient,
  overrides: { platform?: string; callbackUrl?: string | null; rateLimitPerSecond?: number } = {},
): Promise<TestChannel> {
  const response = await admin.post('/api/v1/channel-accounts', {
    kind: 'api',
    platform: overrides.platform ?? 'taobao',
    name: `千牛桥接 ${randomBytes(3).toString('hex')}`,
    callbackUrl: overrides.callbackUrl ?? null,
    rateLimitPerSecond: overrides.rateLimitPerSecond ?? 100,
  });
  if (response.statusCode !== 201) throw new Error(`channel not created: ${response.body}`);
  return { id: response.json().account.id, secret: response.json().signingSecret };
}

/** Posts a body to a channel endpoint signed as a connector would sign it (or deliberately not). */
export function postSigned(
  app: App,
  channel: TestChannel,
  body: unknown,
  options: { path?: string; timestamp?: number; secret?: string; signature?: string } = {},
) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const headers = signedHeaders(options.secret ?? channel.secret, raw, options.timestamp);
  return app.inject({
    method: 'POST',
    url: `/api/v1/channels/${channel.id}/${options.path ?? 'messages'}`,
    headers: options.signature ? { ...headers, 'x-kefu-signature': options.signature } : headers,
    payload: raw,
  });
}

let serial = 0;
/** A buyer's message as a connector posts it. */
export function buyerMessage(overrides: Record<string, unknown> = {}) {
  serial += 1;
  return {
    externalId: `msg-${randomBytes(6).toString('hex')}-${serial}`,
    conversationId: 'conv-1',
    sender: { id: 'buyer-小王', nickname: '小王' },
    text: '你好，订单 231027-123456789012345 还没发货',
    ...overrides,
  };
}
