import { uploadFile } from '@server/test/client';
import { testDb } from '@server/test/context';
import { TINY_PNG } from '@server/test/fakes/douyin-server';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_ID, customerPush, douyinDesk, openTicket, push, reply, settled, stored } from './test-desk';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('Douyin customer service (抖音客服平台)', () => {
  it('takes a push, answers {"success":true}, and delivers the agent’s reply to the conversation', async () => {
    const desk = await douyinDesk(cleanups);
    const check = await desk.admin.post(`/api/v1/channel-accounts/${desk.accountId}/test-connection`, {});
    expect(check.json()).toEqual({ ok: true, detail: 'access_token 已获取' });

    const verify = await push(desk.app, desk.accountId, '{}', { msgType: 'verify_request' });
    expect(verify.statusCode).toBe(200);

    const body = customerPush({ text: '游戏充值 648 没到账' });
    const answer = await push(desk.app, desk.accountId, body);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.json()).toEqual({ success: true });
    // Douyin may push the same message again (fresh nonce and timestamp): it is stored once.
    const again = await push(desk.app, desk.accountId, body);
    expect(again.json()).toEqual({ success: true });
    const { messages, receipts } = await stored(desk.accountId);
    expect(messages).toHaveLength(1);
    expect(receipts.map((r) => r.external_id)).toEqual([
      JSON.parse(body.replace(/: (\d{15,})/g, ': "$1"')).msg_id,
    ]);

    const ticketId = messages[0]?.ticket_id as string;
    const ticket = (await desk.agent.get(`/api/v1/tickets/${ticketId}`)).json();
    expect(ticket).toMatchObject({ channel: 'douyin' });
    expect(ticket.messages.map((m: { body: string }) => m.body)).toEqual(['游戏充值 648 没到账']);

    const sent = await reply(desk.agent, ticketId, '您好，已为您补发 648 钻石');
    expect(sent.statusCode).toBe(201);
    const [delivered] = await settled(desk.agent, ticketId, 1);
    expect(delivered?.delivery).toMatchObject({ state: 'sent', error: null });
    expect(desk.douyin.replies).toEqual([
      expect.objectContaining({
        kind: 'text',
        microGameId: APP_ID,
        // The 64-bit id, not its rounded double (7494205308479291000).
        conversationId: '7494205308479291111',
        content: '您好，已为您补发 648 钻石',
        msgId: expect.stringMatching(/^\d+$/),
      }),
    ]);
    expect(desk.douyin.stats.tokenFetches).toBe(1);
  });

  it('stores a pushed picture as an attachment, and keeps a note when the picture cannot be fetched in time', async () => {
    const desk = await douyinDesk(cleanups);
    const ticketId = await openTicket(desk, customerPush({ picUrl: desk.douyin.hostImage() }));
    const slow = await push(
      desk.app,
      desk.accountId,
      customerPush({ picUrl: desk.douyin.hostImage(TINY_PNG, 'image/png', 2000) }),
    );
    expect(slow.json()).toEqual({ success: true });
    const missing = await push(
      desk.app,
      desk.accountId,
      customerPush({ picUrl: `${desk.douyin.baseUrl}/gone` }),
    );
    expect(missing.json()).toEqual({ success: true });

    const ticket = (await desk.agent.get(`/api/v1/tickets/${ticketId}`)).json();
    const [picture, late, gone] = ticket.messages as {
      body: string;
      attachments: { contentType: string; sizeBytes: number; url: string }[];
    }[];
    expect(picture?.attachments).toEqual([
      expect.objectContaining({ contentType: 'image/png', sizeBytes: TINY_PNG.length }),
    ]);
    const download = await desk.agent.get(picture?.attachments[0]?.url as string);
    expect(download.rawPayload.equals(TINY_PNG)).toBe(true);
    expect(late).toMatchObject({ body: '[图片]', attachments: [] });
    expect(gone).toMatchObject({ body: '[图片]', attachments: [] });
  });

  it('sends at most five replies per customer message and shows the sixth as quota_exhausted without calling Douyin', async () => {
    const desk = await douyinDesk(cleanups);
    const ticketId = await openTicket(desk);
    for (let i = 1; i <= 6; i++)
      expect((await reply(desk.agent, ticketId, `第 ${i} 条回复`)).statusCode).toBe(201);
    const deliveries = await settled(desk.agent, ticketId, 6);
    expect(deliveries.map((m) => m.delivery?.state)).toEqual([
      'sent',
      'sent',
      'sent',
      'sent',
      'sent',
      'failed',
    ]);
    expect(deliveries[5]?.delivery?.error?.code).toBe('quota_exhausted');
    expect(desk.douyin.replies.map((r) => r.content)).toEqual([
      '第 1 条回复',
      '第 2 条回复',
      '第 3 条回复',
      '第 4 条回复',
      '第 5 条回复',
    ]);
    expect(desk.douyin.stats.replyCalls).toBe(5);
    // The agent's view of the window agrees with the refusal.
    const window = (await desk.agent.get(`/api/v1/tickets/${ticketId}/reply-window`)).json();
    expect(window).toMatchObject({ kind: 'douyin', repliesLeft: 0, open: false });

    // The customer writes again: five more replies are allowed.
    await push(desk.app, desk.accountId, customerPush({ text: '还在吗' }));
    await reply(desk.agent, ticketId, '在的');
    const after = await settled(desk.agent, ticketId, 7);
    expect(after[6]?.delivery).toMatchObject({ state: 'sent' });
  });

  it('counts the five as the agent’s reply window does: replies written since the customer’s last message', async () => {
    const desk = await douyinDesk(cleanups);
    const ticketId = await openTicket(desk);
    const repliesLeft = async () =>
      (await desk.agent.get(`/api/v1/tickets/${ticketId}/reply-window`)).json().repliesLeft;
    await reply(desk.agent, ticketId, '早先的回复一');
    await reply(desk.agent, ticketId, '早先的回复二');
    await settled(desk.agent, ticketId, 2);
    await push(desk.app, desk.accountId, customerPush({ text: '又来问了' }));
    // Douyin's later status for the earlier replies touches their rows; they were still written before the message.
    await sql`UPDATE outbound_deliveries SET updated_at = now() + interval '1 second'
              WHERE channel_account_id = ${desk.accountId}`.execute(testDb());
    expect(await repliesLeft()).toBe(5);
    for (let i = 1; i <= 6; i++) await reply(desk.agent, ticketId, `新的第 ${i} 条`);
    const deliveries = await settled(desk.agent, ticketId, 8);
    expect(deliveries.slice(2).map((m) => m.delivery?.error?.code ?? m.delivery?.state)).toEqual([
      'sent',
      'sent',
      'sent',
      'sent',
      'sent',
      'quota_exhausted',
    ]);
    expect(await repliesLeft()).toBe(0);
  });

  it('shows window_expired 48 hours after the customer’s last message, and maps Douyin’s own refusals', async () => {
    const desk = await douyinDesk(cleanups);
    const ticketId = await openTicket(desk);
    await sql`UPDATE channel_conversations SET last_inbound_at = now() - interval '49 hours'
              WHERE channel_account_id = ${desk.accountId}`.execute(testDb());
    await reply(desk.agent, ticketId, '抱歉回复晚了');
    const [late] = await settled(desk.agent, ticketId, 1);
    expect(late?.delivery).toMatchObject({ state: 'failed', error: { code: 'window_expired' } });
    expect(desk.douyin.stats.replyCalls).toBe(0);

    // Inside the window by Kefu's clock, but Douyin refuses: its refusal reaches the agent typed.
    await push(desk.app, desk.accountId, customerPush({ text: '人呢' }));
    desk.douyin.refuseNext('window', 'recipient');
    await reply(desk.agent, ticketId, '在的');
    await reply(desk.agent, ticketId, '请稍等');
    const refused = await settled(desk.agent, ticketId, 3);
    expect(refused.slice(1).map((m) => m.delivery?.error?.code)).toEqual([
      'window_expired',
      'invalid_recipient',
    ]);
  });

  it('fetches a new access_token once when Douyin calls the token expired, retries 503s, and sends pictures', async () => {
    const desk = await douyinDesk(cleanups);
    const ticketId = await openTicket(desk);
    await reply(desk.agent, ticketId, '第一条');
    await settled(desk.agent, ticketId, 1);
    desk.douyin.expireTokens();
    desk.douyin.refuseNext('server');
    const uploaded = await uploadFile(desk.agent, ticketId, '补发截图.png', TINY_PNG);
    expect(uploaded.statusCode).toBe(201);
    await reply(desk.agent, ticketId, '已补发，请查看截图', { attachmentIds: [uploaded.json().id] });
    const [, second] = await settled(desk.agent, ticketId, 2);
    expect(second?.delivery).toMatchObject({ state: 'sent' });
    expect(desk.douyin.stats.tokenFetches).toBe(2);
    expect(desk.douyin.stats.invalidTokenAnswers).toBe(1);
    expect(desk.douyin.replies.map((r) => r.kind)).toEqual(['text', 'text', 'image']);
    expect(desk.douyin.replies[2]?.image?.bytes.equals(TINY_PNG)).toBe(true);
  });
});
