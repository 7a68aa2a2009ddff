import type { TestClient } from '@server/test/client';
import { testDb } from '@server/test/context';
import {
  customerMedia,
  customerText,
  notification,
  postWebhook,
  statusUpdate,
} from '@server/test/fakes/whatsapp-webhooks';
import { until } from '@server/test/until';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import {
  APP_SECRET,
  CUSTOMER,
  JPEG,
  sendNotification,
  storedMessages,
  thread,
  VERIFY_TOKEN,
  whatsappDesk,
} from './test-desk';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const setUp = () =>
  whatsappDesk({
    templates: [
      { name: 'order_shipped', language: 'zh_CN', body: '您好 {{1}}，您的订单 {{2}} 已发货。' },
      { name: 'draft_offer', language: 'zh_CN', body: '还在审核 {{1}}', status: 'PENDING' },
    ],
    cleanups,
  });

async function whatsappTickets(agent: TestClient) {
  return (await agent.get('/api/v1/tickets?view=all&channel=whatsapp')).json().items as {
    id: string;
    channel: string;
  }[];
}

describe('WhatsApp Cloud API', () => {
  it('answers Meta subscription check with the challenge only for the right verify token', async () => {
    const s = await setUp();
    const url = `/api/v1/platforms/${s.accountId}/webhook`;
    const ok = await s.app.inject({
      method: 'GET',
      url: `${url}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^text\/plain/);
    expect(ok.body).toBe('1158201444');
    const wrong = await s.app.inject({
      method: 'GET',
      url: `${url}?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444`,
    });
    expect(wrong.statusCode).toBe(403);
    const connection = await s.admin.post(`/api/v1/channel-accounts/${s.accountId}/test-connection`);
    expect(connection.json()).toEqual({ ok: true, detail: '+1 555-078-3881 (Kefu Test Shop)' });
  });

  it('carries a conversation from the customer message to a reply the customer read, storing redeliveries once', async () => {
    const s = await setUp();
    const first = customerText(CUSTOMER, '王小明', '你好，我的订单还没到');
    expect((await sendNotification(s, first)).statusCode).toBe(200);
    expect((await sendNotification(s, first)).statusCode).toBe(200);
    expect(await storedMessages(s.accountId)).toBe(1);

    const [ticket] = await whatsappTickets(s.agent);
    expect(ticket?.channel).toBe('whatsapp');
    const detail = (await s.agent.get(`/api/v1/tickets/${ticket?.id}`)).json();
    expect(detail.customer.nickname).toBe('王小明');
    expect(detail.messages[0].body).toBe('你好，我的订单还没到');

    const window = (await s.agent.get(`/api/v1/tickets/${ticket?.id}/reply-window`)).json();
    expect(window).toMatchObject({ kind: 'whatsapp', open: true, templatesOnly: false });
    expect(window.templates).toEqual([
      {
        name: 'order_shipped',
        language: 'zh_CN',
        body: '您好 {{1}}，您的订单 {{2}} 已发货。',
        parameterCount: 2,
      },
    ]);

    const reply = await s.agent.post(`/api/v1/tickets/${ticket?.id}/messages`, {
      direction: 'outbound',
      body: '您好，包裹明天送达',
    });
    expect(reply.statusCode).toBe(201);
    const [sent] = await until(
      async () => (await thread(s.agent, ticket?.id as string)).filter((m) => m.direction === 'outbound'),
      (messages) => messages[0]?.delivery?.state === 'sent',
    );
    expect(s.fake.sent).toHaveLength(1);
    expect(s.fake.sent[0]?.payload).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: CUSTOMER,
      type: 'text',
      text: { body: '您好，包裹明天送达' },
    });
    const wamid = s.fake.sent[0]?.id as string;
    expect(sent?.delivery?.platformMessageId).toBe(wamid);

    for (const status of ['sent', 'delivered'] as const) {
      expect((await sendNotification(s, statusUpdate(wamid, status, CUSTOMER))).statusCode).toBe(200);
    }
    let [agentMessage] = (await thread(s.agent, ticket?.id as string)).filter(
      (m) => m.direction === 'outbound',
    );
    expect(agentMessage).toMatchObject({ deliveryStatus: 'delivered', delivery: { state: 'delivered' } });
    await sendNotification(s, statusUpdate(wamid, 'read', CUSTOMER));
    // A late `delivered` after `read` does not move the state back.
    await sendNotification(s, statusUpdate(wamid, 'delivered', CUSTOMER));
    [agentMessage] = (await thread(s.agent, ticket?.id as string)).filter((m) => m.direction === 'outbound');
    expect(agentMessage?.delivery?.state).toBe('read');
  });

  it('refuses a wrongly signed or malformed notification with nothing stored', async () => {
    const s = await setUp();
    const payload = notification(s.fake, customerText(CUSTOMER, '王小明', '伪造的消息'));
    const forged = await postWebhook(s.app, s.accountId, 'another-app-secret', payload);
    expect(forged.statusCode).toBe(401);
    const missing = await postWebhook(s.app, s.accountId, APP_SECRET, payload, { signature: '' });
    expect(missing.statusCode).toBe(401);
    const malformed = await postWebhook(
      s.app,
      s.accountId,
      APP_SECRET,
      '{"object":"whatsapp_business_account","entry":[{}]}',
    );
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/problem\+json/);
    expect(await storedMessages(s.accountId)).toBe(0);
    expect(await whatsappTickets(s.agent)).toEqual([]);
  });

  it('outside the 24-hour window refuses free text and sends an approved template instead', async () => {
    const s = await setUp();
    await sendNotification(s, customerText(CUSTOMER, '王小明', '我的订单呢'));
    const [ticket] = await whatsappTickets(s.agent);
    const ticketId = ticket?.id as string;
    await testDb()
      .updateTable('channel_conversations')
      .set({ last_inbound_at: sql<Date>`now() - interval '25 hours'` })
      .where('channel_account_id', '=', s.accountId)
      .execute();
    s.fake.closeWindow(CUSTOMER);

    const window = (await s.agent.get(`/api/v1/tickets/${ticketId}/reply-window`)).json();
    expect(window).toMatchObject({ kind: 'whatsapp', open: false, templatesOnly: true });
    expect(Date.parse(window.closesAt)).toBeLessThan(Date.now());

    const refused = await s.agent.post(`/api/v1/tickets/${ticketId}/messages`, {
      direction: 'outbound',
      body: '在吗？',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'window_expired' });
    const unapproved = await s.agent.post(`/api/v1/tickets/${ticketId}/messages`, {
      direction: 'outbound',
      template: { name: 'draft_offer', language: 'zh_CN', parameters: ['x'] },
    });
    expect(unapproved.statusCode).toBe(422);

    const accepted = await s.agent.post(`/api/v1/tickets/${ticketId}/messages`, {
      direction: 'outbound',
      template: { name: 'order_shipped', language: 'zh_CN', parameters: ['王小明', 'A1001'] },
    });
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json().body).toBe('您好 王小明，您的订单 A1001 已发货。');
    await until(
      async () => (await thread(s.agent, ticketId)).filter((m) => m.direction === 'outbound'),
      (messages) => messages[0]?.delivery?.state === 'sent',
    );
    expect(s.fake.sent.map((m) => m.payload)).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: CUSTOMER,
        type: 'template',
        template: {
          name: 'order_shipped',
          language: { code: 'zh_CN' },
          components: [
            {
              type: 'body',
              parameters: [
                { type: 'text', text: '王小明' },
                { type: 'text', text: 'A1001' },
              ],
            },
          ],
        },
      },
    ]);
    // What the agent typed into the template is sealed in the outbox like any other original.
    const stored = await testDb()
      .selectFrom('outbound_deliveries')
      .select('template')
      .where('message_id', '=', accepted.json().id)
      .executeTakeFirstOrThrow();
    expect(stored.template).toMatchObject({ name: 'order_shipped', language: 'zh_CN' });
    expect(JSON.stringify(stored.template)).not.toContain('王小明');
  });

  it("shows the agent WhatsApp's window and recipient errors as typed delivery failures", async () => {
    const s = await setUp();
    await sendNotification(s, customerText(CUSTOMER, '王小明', '你好'));
    const [ticket] = await whatsappTickets(s.agent);
    const ticketId = ticket?.id as string;
    // Kefu thinks the window is open (clocks differ); WhatsApp says it closed.
    s.fake.closeWindow(CUSTOMER);
    await s.agent.post(`/api/v1/tickets/${ticketId}/messages`, { direction: 'outbound', body: '第一条回复' });
    const [failed] = await until(
      async () => (await thread(s.agent, ticketId)).filter((m) => m.direction === 'outbound'),
      (messages) => messages[0]?.delivery?.state === 'failed',
    );
    expect(failed).toMatchObject({
      deliveryStatus: 'failed',
      delivery: { error: { code: 'window_expired' } },
    });

    s.fake.openWindow(CUSTOMER);
    await s.agent.post(`/api/v1/tickets/${ticketId}/messages`, { direction: 'outbound', body: '第二条回复' });
    await until(
      async () => (await thread(s.agent, ticketId)).filter((m) => m.direction === 'outbound'),
      (messages) => messages[1]?.delivery?.state === 'sent',
    );
    const wamid = s.fake.sent.at(-1)?.id as string;
    await sendNotification(
      s,
      statusUpdate(wamid, 'failed', CUSTOMER, [{ code: 131026, title: 'Message undeliverable' }]),
    );
    const second = (await thread(s.agent, ticketId)).filter((m) => m.direction === 'outbound')[1];
    expect(second).toMatchObject({
      deliveryStatus: 'failed',
      delivery: { error: { code: 'invalid_recipient' } },
    });
  });

  it('stores a photo as an attachment and keeps a voice note the desk cannot store as a note', async () => {
    const s = await setUp();
    const photo = s.fake.addMedia(JPEG, 'image/jpeg');
    await sendNotification(
      s,
      customerMedia(CUSTOMER, '王小明', 'image', {
        id: photo,
        mime_type: 'image/jpeg',
        caption: '破损的包装',
      }),
    );
    const voice = s.fake.addMedia(Buffer.from('OggS\u0000\u0002voice'), 'audio/ogg; codecs=opus');
    await sendNotification(
      s,
      customerMedia(CUSTOMER, '王小明', 'audio', { id: voice, mime_type: 'audio/ogg; codecs=opus' }),
    );
    const [ticket] = await whatsappTickets(s.agent);
    const messages = await thread(s.agent, ticket?.id as string);
    expect(messages.map((m) => m.body)).toEqual(['破损的包装', '[语音]']);
    expect(messages[0]?.attachments).toMatchObject([
      { filename: 'whatsapp-image.jpg', contentType: 'image/jpeg' },
    ]);
    expect(messages[1]?.attachments).toEqual([]);
    // The media was fetched with the bearer token: the id first, then its download URL.
    const mediaCalls = s.fake.requests.filter((r) => r.path.includes(photo));
    expect(mediaCalls.map((r) => r.authorization)).toEqual([
      `Bearer ${s.fake.accessToken}`,
      `Bearer ${s.fake.accessToken}`,
    ]);
  });
});
