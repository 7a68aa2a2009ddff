import type { App } from '@server/app';
import { Keyring } from '@server/privacy/keyring';
import { FAST_OUTBOX } from '@server/test/channels';
import { login, type TestClient, uploadFile } from '@server/test/client';
import { buildTestApp, testDb, testMasterKeys } from '@server/test/context';
import { buildTeam } from '@server/test/factories';
import { postPush, signedPushHeaders, startDouyinServer, TINY_PNG } from '@server/test/fakes/douyin-server';
import { until } from '@server/test/until';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';

const APP_ID = 'tt411d37a0de37d565';
const APP_SECRET = 'douyin-app-secret';
const PUSH_TOKEN = 'kefu-push-token';
const DOUYIN_OUTBOX = { ...FAST_OUTBOX, claimMs: 5000 };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A workspace with a Douyin account pointed at a fake Douyin, and a running outbox. */
async function douyinDesk() {
  const douyin = await startDouyinServer({ appId: APP_ID, appSecret: APP_SECRET });
  cleanups.push(douyin.close);
  const app = await buildTestApp({ outbox: DOUYIN_OUTBOX });
  app.kefu.outbox.start();
  cleanups.push(() => app.kefu.outbox.stop());
  const team = await buildTeam();
  const admin = await login(app, team.admin);
  const created = await admin.post('/api/v1/channel-accounts', {
    kind: 'douyin',
    name: '抖音小游戏客服',
    settings: { appId: APP_ID, apiBaseUrl: douyin.baseUrl },
    credentials: { appSecret: APP_SECRET, token: PUSH_TOKEN },
  });
  expect(created.statusCode).toBe(201);
  const account = created.json().account as { id: string; webhookPath: string };
  expect(account.webhookPath).toBe(`/api/v1/platforms/${account.id}/webhook`);
  return { douyin, app, admin, agent: await login(app, team.agent), accountId: account.id };
}

let serial = 0;
/** A customer's push as the published sample has it: 64-bit ids as bare JSON numbers. */
function customerPush(
  overrides: { conversationId?: string; msgId?: string; text?: string; picUrl?: string } = {},
) {
  serial += 1;
  const msgId =
    overrides.msgId ?? `74944609280${String(Date.now()).slice(-5)}${String(serial).padStart(3, '0')}`;
  const conversationId = overrides.conversationId ?? '7494205308479291111';
  const fields = overrides.picUrl
    ? `"msg_type": "image", "pic_url": ${JSON.stringify(overrides.picUrl)}, "content": null`
    : `"msg_type": "text", "pic_url": null, "content": ${JSON.stringify(JSON.stringify({ text: overrides.text ?? '游戏充值没到账', action: {} }))}`;
  return `{ "app_id": "${APP_ID}", "conversation_id": ${conversationId}, "msg_id": ${msgId}, "create_time": ${Date.now()}, "open_id": "_000Iuoq1hxt4Kva16Y6szdms7qujIqiwvOx", ${fields} }`;
}

const push = (
  app: App,
  accountId: string,
  body: string,
  options: Partial<Parameters<typeof postPush>[3]> = {},
) => postPush(app, accountId, body, { appId: APP_ID, token: PUSH_TOKEN, ...options });

const stored = async (accountId: string) => {
  const db = testDb();
  const [messages, receipts] = await Promise.all([
    db
      .selectFrom('ticket_messages')
      .select(['ticket_id', 'body'])
      .where('channel_account_id', '=', accountId)
      .execute(),
    db
      .selectFrom('inbound_receipts')
      .select('external_id')
      .where('channel_account_id', '=', accountId)
      .execute(),
  ]);
  return { messages, receipts };
};

const reply = (agent: TestClient, ticketId: string, body: string, extra: Record<string, unknown> = {}) =>
  agent.post(`/api/v1/tickets/${ticketId}/messages`, { direction: 'outbound', body, ...extra });

type Delivery = { state: string; error: { code: string; message: string } | null } | null;
const outbound = async (agent: TestClient, ticketId: string) =>
  (
    (await agent.get(`/api/v1/tickets/${ticketId}`)).json().messages as {
      direction: string;
      body: string;
      delivery: Delivery;
    }[]
  ).filter((m) => m.direction === 'outbound');
const settled = (agent: TestClient, ticketId: string, count: number) =>
  until(
    () => outbound(agent, ticketId),
    (list) =>
      list.length === count &&
      list.every((m) => m.delivery?.state === 'sent' || m.delivery?.state === 'failed'),
    10_000,
  );

async function openTicket(desk: Awaited<ReturnType<typeof douyinDesk>>, body = customerPush()) {
  const answer = await push(desk.app, desk.accountId, body);
  expect(answer.statusCode).toBe(200);
  const [message] = (await stored(desk.accountId)).messages;
  return message?.ticket_id as string;
}

describe('Douyin customer service (抖音客服平台)', () => {
  it('takes a push, answers {"success":true}, and delivers the agent’s reply to the conversation', async () => {
    const desk = await douyinDesk();
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

  it('refuses a bad or missing signature, a stale push, another app and a malformed body with nothing stored', async () => {
    const desk = await douyinDesk();
    const body = customerPush();
    const cases: [Promise<{ statusCode: number; headers: Record<string, unknown> }>, number][] = [
      [push(desk.app, desk.accountId, body, { token: 'guessed-token' }), 401],
      [push(desk.app, desk.accountId, body, { headers: { 'x-signature': '' } }), 401],
      [push(desk.app, desk.accountId, body, { timestampMs: Date.now() - 10 * 60_000 }), 401],
      // The genuine headers of one body on another.
      [
        push(desk.app, desk.accountId, body.replace('没到账', '已到账'), {
          headers: signedPushHeaders({ appId: APP_ID, token: PUSH_TOKEN, body }),
        }),
        401,
      ],
      [push(desk.app, desk.accountId, body, { appId: 'tt0000000000000000' }), 403],
      [push(desk.app, desk.accountId, body.replace(`"${APP_ID}"`, '"tt0000000000000000"')), 403],
      [push(desk.app, desk.accountId, '{"app_id": "tt411d37a0de37d565", "msg_id": '), 400],
      [push(desk.app, desk.accountId, '{"app_id": "tt411d37a0de37d565", "msg_type": "text"}'), 400],
    ];
    for (const [answer, status] of cases) {
      const response = await answer;
      expect(response.statusCode).toBe(status);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    // The GET echostr check of the closed 消息推送客服 is not answered as if it were configured.
    const legacyCheck = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/platforms/${desk.accountId}/webhook?signature=x&timestamp=1&nonce=2&echostr=hello`,
    });
    expect(legacyCheck.statusCode).toBe(405);
    expect(legacyCheck.body).not.toContain('hello');
    expect(await stored(desk.accountId)).toEqual({ messages: [], receipts: [] });
  });

  it('takes a push signed with the headers as bare values as well as name=value pairs, both only with the Token', async () => {
    const desk = await douyinDesk();
    const pairs = await push(desk.app, desk.accountId, customerPush({ text: '签名一' }), { layout: 'pairs' });
    const values = await push(desk.app, desk.accountId, customerPush({ text: '签名二' }), {
      layout: 'values',
    });
    expect([pairs.statusCode, values.statusCode]).toEqual([200, 200]);
    for (const layout of ['pairs', 'values'] as const) {
      for (const token of ['guessed-token', '']) {
        const forged = await push(desk.app, desk.accountId, customerPush({ text: '伪造' }), {
          layout,
          token,
        });
        expect(forged.statusCode).toBe(401);
      }
    }
    const { messages } = await stored(desk.accountId);
    expect(messages.map((m) => m.body).sort()).toEqual(['签名一', '签名二']);
  });

  it('answers 401 not_configured and stores nothing while the account has no push Token', async () => {
    const desk = await douyinDesk();
    const db = testDb();
    const row = await db
      .selectFrom('channel_accounts')
      .selectAll()
      .where('id', '=', desk.accountId)
      .executeTakeFirstOrThrow();
    const sealed = await new Keyring(db, testMasterKeys()).encrypt(
      row.workspace_id,
      JSON.stringify({ appSecret: APP_SECRET, token: '' }),
    );
    await db
      .updateTable('channel_accounts')
      .set({ credentials_ciphertext: sealed })
      .where('id', '=', desk.accountId)
      .execute();
    // Signed with the empty key, as anyone could sign it.
    const answer = await push(desk.app, desk.accountId, customerPush(), { token: '' });
    expect(answer.statusCode).toBe(401);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.json()).toMatchObject({ code: 'not_configured' });
    // No Token at all is refused the same way, before any signature is looked at.
    const body = customerPush();
    const absent = desk.app.kefu.platforms.douyin?.webhook(
      {
        method: 'POST',
        query: {},
        headers: signedPushHeaders({ appId: APP_ID, token: '', body }),
        body: Buffer.from(body),
      },
      { row, secrets: [], credentials: { appSecret: APP_SECRET } },
    );
    await expect(absent).rejects.toMatchObject({ status: 401, code: 'not_configured' });
    expect(await stored(desk.accountId)).toEqual({ messages: [], receipts: [] });
  });

  it('never fetches a pic_url off Douyin’s CDNs and the API origin, and cuts an oversize streamed picture off', async () => {
    const desk = await douyinDesk();
    // Another server on 127.0.0.1 (another port than the account's API base) that would serve a real picture.
    const elsewhere = await startDouyinServer({ appId: APP_ID, appSecret: APP_SECRET });
    cleanups.push(elsewhere.close);
    const ticketId = await openTicket(desk, customerPush({ text: '我发张截图' }));
    for (const picUrl of [
      elsewhere.hostImage(),
      'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
    ]) {
      expect((await push(desk.app, desk.accountId, customerPush({ picUrl }))).json()).toEqual({
        success: true,
      });
    }
    const total = 24 * 1024 * 1024;
    const oversize = desk.douyin.hostStreamedImage(total);
    const answer = await push(desk.app, desk.accountId, customerPush({ picUrl: oversize.url }));
    expect(answer.json()).toEqual({ success: true });

    expect(elsewhere.stats.pictureRequests).toBe(0);
    // Abandoned once past the 10 MB limit, not read to its end first.
    expect(oversize.stream.finished).toBe(false);
    expect(oversize.stream.bytesWritten).toBeLessThan(total);
    const ticket = (await desk.agent.get(`/api/v1/tickets/${ticketId}`)).json();
    expect(
      ticket.messages.map((m: { body: string; attachments: unknown[] }) => [m.body, m.attachments]),
    ).toEqual([
      ['我发张截图', []],
      ['[图片]', []],
      ['[图片]', []],
      ['[图片]', []],
    ]);
  });

  it('stores a pushed picture as an attachment, and keeps a note when the picture cannot be fetched in time', async () => {
    const desk = await douyinDesk();
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
    const desk = await douyinDesk();
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
    const desk = await douyinDesk();
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
    const desk = await douyinDesk();
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
    const desk = await douyinDesk();
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
