import type { App } from '@server/app';
import { readSyncCursor } from '@server/channels/platform/sync-cursors';
import { FAST_OUTBOX } from '@server/test/channels';
import { login, type TestClient, uploadFile } from '@server/test/client';
import { buildTestApp, testDb } from '@server/test/context';
import { buildTeam } from '@server/test/factories';
import {
  createWecomChannel,
  startWecomServer,
  WECOM_TEST_CREDENTIALS,
  type WecomFake,
} from '@server/test/fakes/wecom-server';
import { until } from '@server/test/until';
import { afterEach, describe, expect, it } from 'vitest';

const CORP_ID = 'ww1a2b3c4d5e6f7a8b';
const SECRET = 'kf-secret-9f8e7d';
const KF = 'wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q';
const WELCOME = '您好，这里是售后客服，请描述您的问题。';
/** A PNG's signature and a little more: what the customer's screenshot starts with. */
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(200, 7),
]);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Setup {
  app: App;
  fake: WecomFake;
  channel: { id: string; webhookPath: string };
  agent: TestClient;
  workspaceId: string;
}

async function setup(options: { welcomeMessage?: string } = {}): Promise<Setup> {
  const fake = await startWecomServer({ corpId: CORP_ID, secret: SECRET, openKfIds: [KF] });
  cleanups.push(fake.close);
  const app = await buildTestApp({ outbox: FAST_OUTBOX });
  app.kefu.outbox.start();
  cleanups.push(() => app.kefu.outbox.stop());
  const team = await buildTeam();
  const channel = await createWecomChannel(await login(app, team.admin), fake, {
    corpId: CORP_ID,
    secret: SECRET,
    ...options,
  });
  return { app, fake, channel, agent: await login(app, team.agent), workspaceId: team.workspace.id };
}

const notify = (s: Pick<Setup, 'app' | 'fake' | 'channel'>, openKfId = KF) => {
  const callback = s.fake.callback(WECOM_TEST_CREDENTIALS, openKfId);
  return s.app.inject({
    method: 'POST',
    url: `${s.channel.webhookPath}?${callback.query}`,
    headers: { 'content-type': 'text/xml' },
    payload: callback.body,
  });
};

const storedInbound = (channelId: string) =>
  testDb()
    .selectFrom('ticket_messages')
    .select(['id', 'ticket_id', 'body', 'sent_at'])
    .where('channel_account_id', '=', channelId)
    .orderBy('created_at')
    .execute();

const cursorOf = (s: Pick<Setup, 'channel' | 'workspaceId'>, scope = KF) =>
  readSyncCursor(testDb(), { workspaceId: s.workspaceId, channelAccountId: s.channel.id, scope });

/** Waits until the sync has read the fake's whole log and saved the cursor past it. */
const synced = (s: Pick<Setup, 'channel' | 'workspaceId' | 'fake'>) =>
  until(
    () => cursorOf(s),
    (cursor) => cursor === s.fake.endCursor(),
  );

const deliveriesOf = async (agent: TestClient, ticketId: string) =>
  (
    (await agent.get(`/api/v1/tickets/${ticketId}`)).json().messages as {
      direction: string;
      body: string;
      delivery: {
        state: string;
        platformMessageId?: string;
        error: { code: string; message: string } | null;
      } | null;
    }[]
  ).filter((m) => m.direction === 'outbound');

describe('WeCom 微信客服', () => {
  it('turns a customer message into a wecom ticket, delivers the agent reply through kf/send_msg, and stores a redelivery once', async () => {
    const s = await setup();
    s.fake.customerText(KF, 'wm-customer-1', '你好，订单 231027-123456789012345 还没发货');

    const answered = await notify(s);
    expect(answered.statusCode).toBe(200);
    expect(answered.body).toBe('success');
    await synced(s);
    const [stored] = await storedInbound(s.channel.id);
    expect(stored?.body).toBe('你好，订单 231027-123456789012345 还没发货');
    const syncCall = s.fake.calls.find((c) => c.path === '/cgi-bin/kf/sync_msg')?.body as Record<
      string,
      unknown
    >;
    // The callback's Token goes with the sync (no throttling); the first sync has no cursor.
    expect(syncCall).toMatchObject({ open_kfid: KF, limit: 1000 });
    expect(String(syncCall.token)).toMatch(/^ENC/);
    expect(syncCall.cursor).toBeUndefined();

    const ticketId = stored?.ticket_id as string;
    const ticket = (await s.agent.get(`/api/v1/tickets/${ticketId}`)).json();
    expect(ticket.channel).toBe('wecom');
    expect(ticket.orderNumbers).toEqual(['231027-123456789012345']);

    // The token expired meanwhile: WeCom says 42001, one new token is fetched and the reply goes through.
    const fetchesBefore = s.fake.state.tokenFetches;
    s.fake.expireTokens();
    const sent = await s.agent.post(`/api/v1/tickets/${ticketId}/messages`, {
      direction: 'outbound',
      body: '已为您催促仓库，今天发出。',
    });
    expect(sent.statusCode).toBe(201);
    const [delivered] = await until(
      () => deliveriesOf(s.agent, ticketId),
      (list) => list[0]?.delivery?.state === 'sent',
    );
    expect(s.fake.state.tokenFetches).toBe(fetchesBefore + 1);
    expect(s.fake.sent).toHaveLength(1);
    const shown = s.fake.sent[0];
    expect(shown).toMatchObject({
      touser: 'wm-customer-1',
      open_kfid: KF,
      msgtype: 'text',
      text: { content: '已为您催促仓库，今天发出。' },
    });
    expect(shown?.msgid).toMatch(/^[0-9a-f]{32}$/);
    expect(delivered?.delivery?.platformMessageId).toBe(shown?.msgid);

    // WeCom calls back again (a retry, or another event): the sync goes on from the saved cursor.
    const cursor = await cursorOf(s);
    expect((await notify(s)).statusCode).toBe(200);
    await until(
      async () => s.fake.calls.filter((c) => c.path === '/cgi-bin/kf/sync_msg').length,
      (n) => n === 2,
    );
    expect((s.fake.calls.at(-1)?.body as { cursor?: string } | undefined)?.cursor).toBe(cursor);
    s.fake.customerText(KF, 'wm-customer-1', '好的谢谢');
    await notify(s);
    await synced(s);
    const all = await storedInbound(s.channel.id);
    expect(all.map((m) => m.body)).toEqual(['你好，订单 231027-123456789012345 还没发货', '好的谢谢']);
    expect(new Set(all.map((m) => m.ticket_id))).toEqual(new Set([ticketId]));
  });

  it('tells customer messages (origin 3) from events (4) and servicer messages (5); welcomes once per welcome_code even when re-read', async () => {
    const s = await setup({ welcomeMessage: WELCOME });
    s.fake.enterSession(KF, 'wm-new', 'WELCOMECODE1');
    s.fake.customerText(KF, 'wm-new', '我想退货');
    s.fake.servicerText(KF, 'wm-new', '接待人员在企业微信里回复的话');
    s.fake.customerImage(KF, 'wm-new', PNG);
    // A file WeCom no longer has (past its 3 days): the message stays, with a note.
    s.fake.customerMessage(KF, 'wm-new', 'image', { media_id: 'MEDIA_GONE' });
    s.fake.customerMessage(KF, 'wm-new', 'location', {
      latitude: 23.1,
      longitude: 113.3,
      name: '广州塔',
      address: '阅江西路',
    });
    await notify(s);
    await synced(s);

    expect(s.fake.welcomes).toEqual([{ code: 'WELCOMECODE1', content: WELCOME }]);
    const stored = await storedInbound(s.channel.id);
    expect(stored.map((m) => m.body)).toEqual([
      '我想退货',
      '[图片]',
      '[图片]（未能从企业微信获取文件）',
      '[位置] 广州塔 阅江西路',
    ]);
    // The picture is on the ticket as the customer sent it.
    const files = await testDb()
      .selectFrom('attachments')
      .select(['content_type', 'size_bytes'])
      .where('message_id', '=', stored[1]?.id as string)
      .execute();
    expect(files).toEqual([{ content_type: 'image/png', size_bytes: PNG.length }]);
    const ticket = (await s.agent.get(`/api/v1/tickets/${stored[0]?.ticket_id}`)).json();
    expect(ticket.customer).toBeTruthy();
    expect(ticket.messages.every((m: { direction: string }) => m.direction === 'inbound')).toBe(true);

    // The cursor is lost (say, restored from an old backup): everything is read again and nothing is new.
    await testDb()
      .deleteFrom('platform_sync_cursors')
      .where('channel_account_id', '=', s.channel.id)
      .execute();
    await notify(s);
    await synced(s);
    expect(await storedInbound(s.channel.id)).toHaveLength(4);
    expect(s.fake.welcomes).toHaveLength(1);
    expect(s.fake.calls.filter((c) => c.path === '/cgi-bin/kf/send_msg_on_event')).toHaveLength(1);
  });

  it('pages through has_more until every message is stored once, saving the cursor as it goes', async () => {
    const s = await setup();
    s.fake.state.pageSize = 3;
    for (let i = 0; i < 8; i++) s.fake.customerText(KF, `wm-buyer-${i % 2}`, `第 ${i} 条`);
    await notify(s);
    await synced(s);
    const stored = await storedInbound(s.channel.id);
    expect(stored.map((m) => m.body).sort()).toEqual(
      Array.from({ length: 8 }, (_, i) => `第 ${i} 条`).sort(),
    );
    expect(new Set(stored.map((m) => m.ticket_id)).size).toBe(2);
    const syncs = s.fake.calls
      .filter((c) => c.path === '/cgi-bin/kf/sync_msg')
      .map((c) => c.body as { cursor?: string });
    expect(syncs).toHaveLength(3);
    // Each page starts where the previous one ended.
    expect(syncs[0]?.cursor).toBeUndefined();
    expect(syncs[1]?.cursor).toBeTruthy();
    expect(syncs[2]?.cursor).not.toBe(syncs[1]?.cursor);
  });

  it('shows the agent a typed failure when WeCom refuses the reply: 95001 quota, 95013 session ended', async () => {
    const s = await setup();
    s.fake.customerText(KF, 'wm-quota', '在吗');
    await notify(s);
    await synced(s);
    const ticketId = (await storedInbound(s.channel.id))[0]?.ticket_id as string;

    s.fake.state.sendErrors.push(95001);
    await s.agent.post(`/api/v1/tickets/${ticketId}/messages`, { direction: 'outbound', body: '第六条回复' });
    const [quota] = await until(
      () => deliveriesOf(s.agent, ticketId),
      (list) => list[0]?.delivery?.state === 'failed',
    );
    expect(quota?.delivery?.error?.code).toBe('quota_exhausted');
    expect(quota?.delivery?.error?.message).toContain('95001');

    s.fake.state.sendErrors.push(95013);
    await s.agent.post(`/api/v1/tickets/${ticketId}/messages`, {
      direction: 'outbound',
      body: '会话结束后的回复',
    });
    const [, ended] = await until(
      () => deliveriesOf(s.agent, ticketId),
      (list) => list[1]?.delivery?.state === 'failed',
    );
    expect(ended?.delivery?.error?.code).toBe('window_expired');
    // Permanent refusals are not retried: WeCom saw each reply once.
    expect(s.fake.calls.filter((c) => c.path === '/cgi-bin/kf/send_msg')).toHaveLength(2);
    expect(s.fake.sent).toHaveLength(0);
  });

  it('turns a reply WeCom accepted but could not deliver (msg_send_fail) into a failed delivery with the reason', async () => {
    const s = await setup();
    s.fake.customerText(KF, 'wm-refuser', '你好');
    await notify(s);
    await synced(s);
    const ticketId = (await storedInbound(s.channel.id))[0]?.ticket_id as string;
    await s.agent.post(`/api/v1/tickets/${ticketId}/messages`, {
      direction: 'outbound',
      body: '您好，请问有什么可以帮您？',
    });
    const [sent] = await until(
      () => deliveriesOf(s.agent, ticketId),
      (list) => list[0]?.delivery?.state === 'sent',
    );
    // fail_type 10: the customer refuses messages from this account.
    s.fake.sendFailed(KF, 'wm-refuser', sent?.delivery?.platformMessageId as string, 10);
    await notify(s);
    await synced(s);
    const [failed] = await until(
      () => deliveriesOf(s.agent, ticketId),
      (list) => list[0]?.delivery?.state === 'failed',
    );
    expect(failed?.delivery?.error?.code).toBe('blocked');
    expect(failed?.delivery?.error?.message).toContain('fail_type 10');
  });

  it('sends a picture with the reply: uploaded with media/upload, then sent as an image after the text', async () => {
    const s = await setup();
    s.fake.customerText(KF, 'wm-photo', '发张图看看');
    await notify(s);
    await synced(s);
    const ticketId = (await storedInbound(s.channel.id))[0]?.ticket_id as string;
    const uploaded = await uploadFile(s.agent, ticketId, '包装照片.png');
    expect(uploaded.statusCode).toBe(201);
    await s.agent.post(`/api/v1/tickets/${ticketId}/messages`, {
      direction: 'outbound',
      body: '这是包装照片',
      attachmentIds: [uploaded.json().id],
    });
    await until(
      () => deliveriesOf(s.agent, ticketId),
      (list) => list[0]?.delivery?.state === 'sent',
    );
    expect(s.fake.sent.map((m) => m.msgtype)).toEqual(['text', 'image']);
    const mediaId = s.fake.sent[1]?.image?.media_id as string;
    expect(s.fake.media.get(mediaId)?.filename).toBe('包装照片.png');
    expect(new Set(s.fake.sent.map((m) => m.msgid)).size).toBe(2);
  });

  it('catches up after a restart from the saved cursor: exactly the messages sent while Kefu was down, none twice', async () => {
    const first = await setup();
    first.fake.customerText(KF, 'wm-restart', '第一条');
    first.fake.customerText(KF, 'wm-restart', '第二条');
    await notify(first);
    await synced(first);
    const cursorBeforeStop = await cursorOf(first);
    await first.app.close();

    // WeCom's callbacks reach nobody while Kefu is down; the messages wait in WeCom's log.
    first.fake.customerText(KF, 'wm-restart', '停机时的第三条');
    first.fake.customerText(KF, 'wm-other', '停机时另一位客户');
    first.fake.customerText(KF, 'wm-restart', '停机时的第四条');
    const syncsBefore = first.fake.calls.filter((c) => c.path === '/cgi-bin/kf/sync_msg').length;

    const app = await buildTestApp();
    app.kefu.platforms.wecom_kf?.start?.();
    const second = { ...first, app };
    await synced(second);
    await app.close();

    const stored = await storedInbound(first.channel.id);
    // Two conversations commit side by side: the order across them is not fixed, the count and content are.
    expect(stored.map((m) => m.body).sort()).toEqual(
      ['第一条', '第二条', '停机时的第三条', '停机时另一位客户', '停机时的第四条'].sort(),
    );
    const catchUp = first.fake.calls.filter((c) => c.path === '/cgi-bin/kf/sync_msg').slice(syncsBefore);
    expect(catchUp).toHaveLength(1);
    // Read from the persisted cursor, without a callback token.
    expect(catchUp[0]?.body).toEqual({ cursor: cursorBeforeStop, limit: 1000, open_kfid: KF });
    expect(await cursorOf(first)).toBe(first.fake.endCursor());
  });
});
