import { type TestClient, TINY_PNG, uploadFile } from '@server/test/client';
import { testDb } from '@server/test/context';
import { startForeignHost } from '@server/test/fakes/whatsapp-server';
import { customerMedia, customerText, notification, postWebhook } from '@server/test/fakes/whatsapp-webhooks';
import { until } from '@server/test/until';
import { afterEach, describe, expect, it } from 'vitest';
import { CUSTOMER, JPEG, sendNotification, storedMessages, thread, whatsappDesk } from './test-desk';

// What a compromised or tampered Graph answer, a missing secret, a half-sent reply or an odd item in a batch must
// not be able to do: leak the token, fill memory, accept forged pushes, message the customer twice, lose messages.
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const setUp = () =>
  whatsappDesk({
    templates: [
      { name: 'order_shipped', language: 'zh_CN', body: '您好 {{1}}，您的订单 {{2}} 已发货。' },
      { name: 'refund_done', language: 'zh_CN', body: '退款 {{1}} 已到账' },
    ],
    cleanups,
  });

async function onlyTicket(agent: TestClient): Promise<string> {
  const items = (await agent.get('/api/v1/tickets?view=all&channel=whatsapp')).json().items as {
    id: string;
  }[];
  expect(items).toHaveLength(1);
  return items[0]?.id as string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('WhatsApp adapter against hostile or broken input', () => {
  it('never fetches a media URL on a foreign host (no token sent there) and keeps the message with its marker', async () => {
    const desk = await setUp();
    const foreign = await startForeignHost();
    cleanups.push(foreign.close);
    const photo = desk.fake.addMedia(JPEG, 'image/jpeg', { url: `${foreign.origin}/lookaside/photo.jpg` });
    const answer = await sendNotification(
      desk,
      customerMedia(CUSTOMER, '王小明', 'image', {
        id: photo,
        mime_type: 'image/jpeg',
        caption: '破损的包装',
      }),
    );
    expect(answer.statusCode).toBe(200);
    expect(foreign.requests).toEqual([]);
    const [message] = await thread(desk.agent, await onlyTicket(desk.agent));
    expect(message).toMatchObject({ body: '[图片] 破损的包装', attachments: [] });
  });

  it('cuts off a media download past 16 MB sent chunked without Content-Length', async () => {
    const desk = await setUp();
    const huge = desk.fake.addStreamedMedia(JPEG, 'image/jpeg', 64 * 1024 * 1024);
    const answer = await sendNotification(
      desk,
      customerMedia(CUSTOMER, '王小明', 'image', { id: huge, mime_type: 'image/jpeg', caption: '大图' }),
    );
    expect(answer.statusCode).toBe(200);
    const [message] = await thread(desk.agent, await onlyTicket(desk.agent));
    expect(message).toMatchObject({ body: '[图片] 大图', attachments: [] });
    // Kefu hung up soon after the limit instead of reading the whole 64 MB.
    const [stream] = desk.fake.streams;
    expect(stream?.finished).toBe(false);
    expect(stream?.bytesWritten).toBeLessThan(32 * 1024 * 1024);
  });

  it('downloads at most 4 files of one notification at once, and stores them all', async () => {
    const desk = await setUp();
    desk.fake.downloads.delayMs = 100;
    const messages = Array.from({ length: 6 }, (_, i) => {
      const id = desk.fake.addMedia(JPEG, 'image/jpeg');
      return customerMedia(CUSTOMER, '王小明', 'image', { id, mime_type: 'image/jpeg', caption: `图${i}` })
        .messages[0];
    });
    const answer = await sendNotification(desk, {
      contacts: [{ profile: { name: '王小明' }, wa_id: CUSTOMER }],
      messages,
    });
    expect(answer.statusCode).toBe(200);
    expect(desk.fake.downloads.maxInFlight).toBe(4);
    const stored = await thread(desk.agent, await onlyTicket(desk.agent));
    expect(stored.map((m) => m.attachments.length)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('answers 401 not_configured without an App Secret or verify token, storing nothing', async () => {
    const desk = await setUp();
    await testDb()
      .updateTable('channel_accounts')
      .set({ credentials_ciphertext: null })
      .where('id', '=', desk.accountId)
      .execute();
    // Signed with an empty key: what anyone could compute if an empty secret were accepted.
    const forged = await postWebhook(
      desk.app,
      desk.accountId,
      '',
      notification(desk.fake, customerText(CUSTOMER, '王小明', '伪造')),
    );
    expect(forged.statusCode).toBe(401);
    expect(forged.headers['content-type']).toMatch(/problem\+json/);
    expect(forged.json()).toMatchObject({ code: 'not_configured' });
    const check = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/platforms/${desk.accountId}/webhook?hub.mode=subscribe&hub.verify_token=&hub.challenge=42`,
    });
    expect(check.statusCode).toBe(401);
    expect(check.json()).toMatchObject({ code: 'not_configured' });
    expect(await storedMessages(desk.accountId)).toBe(0);
  });

  it('fails a reply for good when its image fails after the text went out, never sending the text twice', async () => {
    const desk = await setUp();
    await sendNotification(desk, customerText(CUSTOMER, '王小明', '包装破了'));
    const ticketId = await onlyTicket(desk.agent);
    const uploaded = await uploadFile(desk.agent, ticketId, '补发说明.png', TINY_PNG);
    expect(uploaded.statusCode).toBe(201);
    desk.fake.failNextSendsOfType('image', 131000);
    await desk.agent.post(`/api/v1/tickets/${ticketId}/messages`, {
      direction: 'outbound',
      body: '请看截图',
      attachmentIds: [uploaded.json().id],
    });
    const [reply] = await until(
      async () => (await thread(desk.agent, ticketId)).filter((m) => m.direction === 'outbound'),
      (outbound) => outbound[0]?.delivery?.state === 'failed',
    );
    expect(reply?.delivery?.error).toEqual({
      code: 'transient',
      message: '文字已发送，附件未发送：WhatsApp 131000: temporary error at WhatsApp',
    });
    // Well past the outbox's retry backoff (200 ms at most): no second attempt.
    await sleep(800);
    expect(desk.fake.sent.map((m) => m.type)).toEqual(['text']);
    const delivery = await testDb()
      .selectFrom('outbound_deliveries')
      .select(['attempts', 'state'])
      .where('message_id', '=', reply?.id as string)
      .executeTakeFirstOrThrow();
    expect(delivery).toEqual({ attempts: 1, state: 'failed' });
  });

  it('stores the good message of a notification that also carries a malformed one', async () => {
    const desk = await setUp();
    const good = customerText(CUSTOMER, '王小明', '我的订单呢');
    const answer = await sendNotification(desk, {
      contacts: [...good.contacts, { wa_id: '' }],
      messages: [{ id: 'wamid.broken', type: 'text', text: { body: 'no sender' } }, ...good.messages],
    });
    expect(answer.statusCode).toBe(200);
    expect(await storedMessages(desk.accountId)).toBe(1);
    const [message] = await thread(desk.agent, await onlyTicket(desk.agent));
    expect(message?.body).toBe('我的订单呢');
  });

  it('pages the templates on the API host and stops at a next page on another host', async () => {
    const desk = await setUp();
    await sendNotification(desk, customerText(CUSTOMER, '王小明', '你好'));
    const ticketId = await onlyTicket(desk.agent);
    desk.fake.pageTemplates(1);
    const window = (await desk.agent.get(`/api/v1/tickets/${ticketId}/reply-window`)).json();
    expect(window.templates.map((t: { name: string }) => t.name)).toEqual(['order_shipped', 'refund_done']);

    const other = await setUp();
    const foreign = await startForeignHost();
    cleanups.push(foreign.close);
    await sendNotification(other, customerText(CUSTOMER, '王小明', '你好'));
    other.fake.pageTemplates(1, foreign.origin);
    const otherTicket = await onlyTicket(other.agent);
    const cut = (await other.agent.get(`/api/v1/tickets/${otherTicket}/reply-window`)).json();
    expect(cut.templates.map((t: { name: string }) => t.name)).toEqual(['order_shipped']);
    expect(foreign.requests).toEqual([]);
  });

  it('shows the open window with no templates when Meta cannot list them, and refuses only once they are needed', async () => {
    const desk = await setUp();
    await sendNotification(desk, customerText(CUSTOMER, '王小明', '你好'));
    const ticketId = await onlyTicket(desk.agent);
    await desk.fake.close();
    const inside = await desk.agent.get(`/api/v1/tickets/${ticketId}/reply-window`);
    expect(inside.statusCode).toBe(200);
    expect(inside.json()).toMatchObject({
      kind: 'whatsapp',
      open: true,
      templatesOnly: false,
      templates: [],
    });

    // 25 hours later only a template can be sent: without the list there is nothing to offer, and the agent is told.
    await testDb()
      .updateTable('channel_conversations')
      .set({ last_inbound_at: new Date(Date.now() - 25 * 3_600_000) })
      .where('channel_account_id', '=', desk.accountId)
      .execute();
    const outside = await desk.agent.get(`/api/v1/tickets/${ticketId}/reply-window`);
    expect(outside.statusCode).toBe(502);
    expect(outside.json().code).toBe('templates_unavailable');
  });
});
