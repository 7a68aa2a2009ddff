import { type CallbackAnswer, startCallbackServer } from '@server/test/callback-server';
import { buyerMessage, createApiChannel, postSigned, type TestChannel } from '@server/test/channels';
import { login, type TestClient } from '@server/test/client';
import { buildTestApp } from '@server/test/context';
import { buildTeam } from '@server/test/factories';
import { until } from '@server/test/until';
import { afterEach, describe, expect, it } from 'vitest';

const FAST_OUTBOX = {
  backoff: { baseMs: 20, maxMs: 200, maxAttempts: 4 },
  sendTimeoutMs: 300,
  claimMs: 3000,
  pollMs: 30,
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A workspace with a channel whose callback is `url`, a buyer's ticket on it, and a running outbox worker. */
async function channelTicket(url: string, conversations = 1, maxAttempts = FAST_OUTBOX.backoff.maxAttempts) {
  const app = await buildTestApp({
    outbox: { ...FAST_OUTBOX, backoff: { ...FAST_OUTBOX.backoff, maxAttempts } },
  });
  app.kefu.outbox.start();
  cleanups.push(() => app.kefu.outbox.stop());
  const team = await buildTeam();
  const admin = await login(app, team.admin);
  const channel = await createApiChannel(admin, { callbackUrl: url });
  const ticketIds: string[] = [];
  for (let i = 0; i < conversations; i++) {
    const posted = await postSigned(
      app,
      channel,
      // Each buyer with their own order: the same order and words from two buyers would be merged as one request.
      buyerMessage({
        conversationId: `conv-${i}`,
        sender: { id: `buyer-${i}` },
        text: `你好，订单 231027-12345678901234${i} 还没发货`,
      }),
    );
    ticketIds.push(posted.json().ticketId);
  }
  return { app, team, channel, agent: await login(app, team.agent), ticketIds };
}

const reply = (agent: TestClient, ticketId: string, body: string, extra: Record<string, unknown> = {}) =>
  agent.post(`/api/v1/tickets/${ticketId}/messages`, { direction: 'outbound', body, ...extra });

const deliveriesOf = async (agent: TestClient, ticketId: string) =>
  (
    (await agent.get(`/api/v1/tickets/${ticketId}`)).json().messages as {
      direction: string;
      body: string;
      delivery: { state: string; attempts: number; error: { code: string; message: string } | null } | null;
    }[]
  ).filter((m) => m.direction === 'outbound');

describe('outbound delivery through the outbox', () => {
  it('delivers a reply signed, with an idempotency key and the personal data the agent confirmed', async () => {
    let channel: TestChannel | undefined;
    const callback = await startCallbackServer(
      () => channel?.secret ?? '',
      () => ({ kind: 'ok', platformMessageId: 'tb-777' }),
    );
    cleanups.push(callback.close);
    const setup = await channelTicket(callback.url);
    channel = setup.channel;
    const ticketId = setup.ticketIds[0] as string;
    const blocked = await reply(setup.agent, ticketId, '退款会打到您的卡 6228480402564890018');
    expect(blocked.statusCode).toBe(409);
    const sent = await reply(setup.agent, ticketId, '退款会打到您的卡 6228480402564890018', {
      confirmPersonalData: true,
    });
    expect(sent.statusCode).toBe(201);
    expect(sent.json().body).toBe('退款会打到您的卡 6228 **** **** 0018');

    const [delivered] = await until(
      () => deliveriesOf(setup.agent, ticketId),
      (list) => list[0]?.delivery?.state === 'sent',
    );
    expect(delivered?.delivery).toMatchObject({
      state: 'sent',
      attempts: 1,
      error: null,
      platformMessageId: 'tb-777',
    });
    expect(callback.requests).toHaveLength(1);
    const [request] = callback.requests;
    expect(request?.signatureValid).toBe(true);
    expect(request?.idempotencyKey).toBe(`reply-${sent.json().id}`);
    expect(request?.body).toMatchObject({
      type: 'message',
      conversationId: 'conv-0',
      text: '退款会打到您的卡 6228480402564890018',
      ticketId,
    });

    // The connector reports the customer read it.
    const receipt = await postSigned(
      setup.app,
      setup.channel,
      { statuses: [{ idempotencyKey: request?.idempotencyKey, status: 'read' }] },
      { path: 'statuses' },
    );
    expect(receipt.json()).toEqual({ updated: 1 });
    expect((await deliveriesOf(setup.agent, ticketId))[0]?.delivery?.state).toBe('read');
  });

  it('gets every reply to a flaky callback server (500s and timeouts) shown once per idempotency key, in order per conversation', async () => {
    let channel: TestChannel | undefined;
    // Each reply meets 0–3 failures before it goes through (a 500, a timeout after the reply was taken, a 503), so
    // more than half of all attempts fail, reproducibly.
    const failures: CallbackAnswer[] = [
      { kind: 'status', status: 500 },
      { kind: 'slow', delayMs: 600 },
      { kind: 'status', status: 503 },
    ];
    const callback = await startCallbackServer(
      () => channel?.secret ?? '',
      (_attempt, keyAttempt, key) => {
        const failing = Number.parseInt(key.slice(-2), 16) % 4;
        return keyAttempt < failing ? (failures[keyAttempt] as CallbackAnswer) : { kind: 'ok' };
      },
    );
    cleanups.push(callback.close);
    const setup = await channelTicket(callback.url, 3);
    channel = setup.channel;
    const written: string[] = [];
    for (let i = 0; i < 24; i++) {
      const ticketId = setup.ticketIds[i % 3] as string;
      const response = await reply(setup.agent, ticketId, `第 ${i} 条回复`);
      expect(response.statusCode).toBe(201);
      written.push(response.json().id);
    }
    const all = await until(
      async () => (await Promise.all(setup.ticketIds.map((id) => deliveriesOf(setup.agent, id)))).flat(),
      (list) =>
        list.length === 24 &&
        list.every((m) => m.delivery?.state === 'sent' || m.delivery?.state === 'failed'),
      30_000,
    );
    const failed = all.filter((m) => m.delivery?.state !== 'sent');
    expect(failed).toEqual([]);
    expect(callback.shown.map((r) => r.idempotencyKey).sort()).toEqual(
      written.map((id) => `reply-${id}`).sort(),
    );
    const failedAttempts = callback.requests.length - 24;
    expect(failedAttempts / callback.requests.length).toBeGreaterThan(0.4);
    // Timed-out sends were sent again; the idempotency key kept the customer from seeing them twice.
    expect(callback.stats.repeatsOfShown).toBeGreaterThan(0);
    expect(all.some((m) => (m.delivery?.attempts ?? 0) > 1)).toBe(true);
    expect(callback.requests.every((r) => r.signatureValid)).toBe(true);
    // Each conversation's customer saw its replies in the order the agent wrote them.
    for (let c = 0; c < 3; c++) {
      const seen = callback.shown
        .filter((r) => r.body.conversationId === `conv-${c}`)
        .map((r) => r.body.text);
      expect(seen).toEqual(written.map((_, i) => `第 ${i} 条回复`).filter((_, i) => i % 3 === c));
    }
  });

  it('dead-letters a reply after the last attempt, shows the reason, and sends it again on retry', async () => {
    let channel: TestChannel | undefined;
    let up = false;
    const callback = await startCallbackServer(
      () => channel?.secret ?? '',
      () => (up ? { kind: 'ok' } : { kind: 'status', status: 500, body: { detail: '平台维护中' } }),
    );
    cleanups.push(callback.close);
    const setup = await channelTicket(callback.url);
    channel = setup.channel;
    const ticketId = setup.ticketIds[0] as string;
    const sent = await reply(setup.agent, ticketId, '您好，已为您登记');
    const [failed] = await until(
      () => deliveriesOf(setup.agent, ticketId),
      (list) => list[0]?.delivery?.state === 'failed',
    );
    expect(failed?.delivery).toMatchObject({
      state: 'failed',
      attempts: 4,
      error: { code: 'transient', message: '平台维护中' },
    });
    expect(callback.requests).toHaveLength(4);

    up = true;
    const retried = await setup.agent.post(
      `/api/v1/tickets/${ticketId}/messages/${sent.json().id}/retry-delivery`,
    );
    expect(retried.statusCode).toBe(200);
    expect(retried.json().delivery.state).not.toBe('failed');
    await until(
      () => deliveriesOf(setup.agent, ticketId),
      (list) => list[0]?.delivery?.state === 'sent',
    );
    expect(new Set(callback.requests.map((r) => r.idempotencyKey)).size).toBe(1);
    const again = await setup.agent.post(
      `/api/v1/tickets/${ticketId}/messages/${sent.json().id}/retry-delivery`,
    );
    expect(again.statusCode).toBe(409);
  });

  it("stops at a platform's permanent refusal (reply window closed) after one attempt", async () => {
    let channel: TestChannel | undefined;
    const callback = await startCallbackServer(
      () => channel?.secret ?? '',
      () => ({
        kind: 'status',
        status: 400,
        body: { code: 'window_expired', detail: '已超过 48 小时回复时限' },
      }),
    );
    cleanups.push(callback.close);
    const setup = await channelTicket(callback.url);
    channel = setup.channel;
    const ticketId = setup.ticketIds[0] as string;
    await reply(setup.agent, ticketId, '抱歉久等了');
    const [failed] = await until(
      () => deliveriesOf(setup.agent, ticketId),
      (list) => list[0]?.delivery?.state === 'failed',
    );
    expect(failed?.delivery).toMatchObject({
      attempts: 1,
      error: { code: 'window_expired', message: '已超过 48 小时回复时限' },
    });
    const notes = await setup.agent.post(`/api/v1/tickets/${ticketId}/messages`, {
      direction: 'note',
      body: '内部备注不发给客户',
    });
    expect(notes.json().delivery).toBeNull();
  });
});
