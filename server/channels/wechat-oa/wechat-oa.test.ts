import type { App } from '@server/app';
import { FAST_OUTBOX } from '@server/test/channels';
import { login, type TestClient, uploadFile } from '@server/test/client';
import { buildTestApp, testDb } from '@server/test/context';
import { buildTeam } from '@server/test/factories';
import {
  encryptedPush,
  eventXml,
  type FakeWechatServer,
  messageXml,
  plaintextPush,
  serverUrlCheck,
  startWechatServer,
  type WechatPush,
} from '@server/test/fakes/wechat-server';
import { until } from '@server/test/until';
import { afterEach, describe, expect, it } from 'vitest';
import { MEDIA_MISSING_MARKER, MEDIA_UNSUPPORTED_MARKER } from './inbound';

const APP = { appId: 'wx0123456789abcdef', appSecret: 'fake-app-secret-0001' };
const TOKEN = 'kefuWechatToken2026';
const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const NEW_KEY = 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut';
const SECRETS = { token: TOKEN, encodingAesKey: KEY, appId: APP.appId };
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(100, 1)]);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Setup {
  app: App;
  fake: FakeWechatServer;
  admin: TestClient;
  agent: TestClient;
  accountId: string;
  webhookPath: string;
}

async function setup(
  settings: { encryption?: 'plaintext' | 'compatible' | 'safe'; contactMenuKeys?: string[] } = {},
): Promise<Setup> {
  const app = await buildTestApp({ outbox: FAST_OUTBOX });
  app.kefu.outbox.start();
  cleanups.push(() => app.kefu.outbox.stop());
  const fake = await startWechatServer(APP);
  cleanups.push(fake.close);
  const team = await buildTeam();
  const admin = await login(app, team.admin);
  const created = await admin.post('/api/v1/channel-accounts', {
    kind: 'wechat_oa',
    name: '官方公众号',
    settings: { appId: APP.appId, encryption: 'safe', apiBaseUrl: fake.baseUrl, ...settings },
    credentials: { appSecret: APP.appSecret, token: TOKEN, encodingAesKey: KEY },
  });
  expect(created.statusCode, created.body).toBe(201);
  const account = created.json().account;
  expect(account).toMatchObject({
    platform: 'wechat',
    webhookPath: `/api/v1/platforms/${account.id}/webhook`,
  });
  return {
    app,
    fake,
    admin,
    agent: await login(app, team.agent),
    accountId: account.id,
    webhookPath: account.webhookPath,
  };
}

const post = (s: Setup, push: WechatPush) =>
  s.app.inject({
    method: 'POST',
    url: `${s.webhookPath}?${new URLSearchParams(push.query)}`,
    headers: { 'content-type': 'text/xml' },
    payload: push.body,
  });

const storedMessages = (accountId: string) =>
  testDb()
    .selectFrom('ticket_messages')
    .select(['ticket_id', 'id'])
    .where('channel_account_id', '=', accountId)
    .execute();

const ticketOf = async (s: Setup) => {
  const rows = await storedMessages(s.accountId);
  expect(rows.length).toBeGreaterThan(0);
  return (await s.agent.get(`/api/v1/tickets/${rows[0]?.ticket_id}`)).json();
};

type OutboundView = {
  body: string;
  delivery: { state: string; error: { code: string; message: string } | null } | null;
};
const outboundOf = async (s: Setup, ticketId: string) =>
  (
    (await s.agent.get(`/api/v1/tickets/${ticketId}`)).json().messages as (OutboundView & {
      direction: string;
    })[]
  ).filter((m) => m.direction === 'outbound');

describe('WeChat Official Account (公众号)', () => {
  it('verifies the server URL, takes a safe-mode message once, and delivers the agent reply through 客服消息', async () => {
    const s = await setup();
    const check = serverUrlCheck(TOKEN, '6350012345678');
    const echoed = await s.app.inject({
      method: 'GET',
      url: `${s.webhookPath}?${new URLSearchParams(check)}`,
    });
    expect(echoed.statusCode).toBe(200);
    expect(echoed.headers['content-type']).toMatch(/^text\/plain/);
    expect(echoed.body).toBe('6350012345678');
    const forged = await s.app.inject({
      method: 'GET',
      url: `${s.webhookPath}?${new URLSearchParams({ ...serverUrlCheck('anotherToken'), echostr: 'x' })}`,
    });
    expect(forged.statusCode).toBe(401);

    const openid = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o';
    const push = encryptedPush(
      SECRETS,
      messageXml(openid, { MsgType: 'text', Content: '你好，订单 231027-123456789012345 还没发货' }),
    );
    const answer = await post(s, push);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/plain/);
    expect(answer.body).toBe('success');
    // WeChat pushes again when it thinks the answer came too late: the same MsgId is stored once.
    const again = await post(s, push);
    expect(again.body).toBe('success');
    expect(await storedMessages(s.accountId)).toHaveLength(1);

    const ticket = await ticketOf(s);
    expect(ticket.channel).toBe('wechat');
    expect(ticket.messages.map((m: { body: string }) => m.body)).toEqual([
      '你好，订单 231027-123456789012345 还没发货',
    ]);

    const reply = await s.agent.post(`/api/v1/tickets/${ticket.id}/messages`, {
      direction: 'outbound',
      body: '您好，已为您催促仓库发货',
    });
    expect(reply.statusCode).toBe(201);
    const [delivered] = await until(
      () => outboundOf(s, ticket.id),
      (list) => list[0]?.delivery?.state === 'sent',
    );
    expect(delivered?.delivery?.error).toBeNull();
    expect(s.fake.sent.map((m) => m.body)).toEqual([
      { touser: openid, msgtype: 'text', text: { content: '您好，已为您催促仓库发货' } },
    ]);
    expect(s.fake.state.tokenFetches).toBe(1);

    const tested = await s.admin.post(`/api/v1/channel-accounts/${s.accountId}/test-connection`);
    expect(tested.json()).toMatchObject({ ok: true });
    await s.admin.patch(`/api/v1/channel-accounts/${s.accountId}`, {
      credentials: { appSecret: 'wrong-secret' },
    });
    const refused = await s.admin.post(`/api/v1/channel-accounts/${s.accountId}/test-connection`);
    expect(refused.json()).toEqual({ ok: false, detail: '40125: invalid appsecret' });
  });

  it('refuses a wrong signature, a tampered body, another AppID, a stale timestamp and plaintext in safe mode, storing nothing', async () => {
    const s = await setup();
    const xml = () => messageXml('oOpenidAttacker', { MsgType: 'text', Content: '伪造的消息' });
    const good = encryptedPush(SECRETS, xml());
    const attempts: WechatPush[] = [
      { ...good, query: { ...good.query, msg_signature: '0'.repeat(40) } },
      {
        ...good,
        body: good.body.replace(
          /<Encrypt><!\[CDATA\[(.)/,
          (_all, first) => `<Encrypt><![CDATA[${first === 'A' ? 'B' : 'A'}`,
        ),
      },
      encryptedPush({ ...SECRETS, appId: 'wxffffffffffffffff' }, xml()),
      encryptedPush({ ...SECRETS, encodingAesKey: NEW_KEY }, xml()),
      encryptedPush(SECRETS, xml(), { timestamp: String(Math.floor(Date.now() / 1000) - 10 * 60) }),
      plaintextPush(TOKEN, xml()),
    ];
    for (const attempt of attempts) {
      const answer = await post(s, attempt);
      expect(answer.statusCode, JSON.stringify(attempt.query)).toBe(401);
      expect(answer.headers['content-type']).toMatch(/problem\+json/);
    }
    const garbage = await post(s, { ...good, body: 'not xml at all' });
    expect(garbage.statusCode).toBe(400);
    expect(await storedMessages(s.accountId)).toHaveLength(0);
    expect(s.fake.state.tokenFetches).toBe(0);
  });

  it('takes plaintext and encrypted pushes in compatible mode; follows and clicks open no ticket unless a contact menu', async () => {
    const s = await setup({ encryption: 'compatible', contactMenuKeys: ['CONTACT_US'] });
    const openid = 'oCompatibleCustomer01';
    expect(
      (await post(s, plaintextPush(TOKEN, messageXml(openid, { MsgType: 'text', Content: '明文消息' }))))
        .body,
    ).toBe('success');
    const forged = plaintextPush(TOKEN, messageXml(openid, { MsgType: 'text', Content: '签名不对' }));
    expect(
      (await post(s, { ...forged, query: { ...forged.query, signature: 'f'.repeat(40) } })).statusCode,
    ).toBe(401);
    const encrypted = encryptedPush(SECRETS, messageXml(openid, { MsgType: 'text', Content: '加密消息' }), {
      compatible: true,
    });
    expect(encrypted.body).toContain('<Content><![CDATA[加密消息]]></Content>');
    expect((await post(s, encrypted)).body).toBe('success');

    for (const event of [
      eventXml(openid, 'subscribe', { EventKey: 'qrscene_42', Ticket: 'gQH47joAAAAAAAAAASxodHRw' }),
      eventXml(openid, 'CLICK', { EventKey: 'V1001_TODAY_MUSIC' }),
      eventXml(openid, 'unsubscribe'),
      eventXml(openid, 'LOCATION', { Latitude: '23.1', Longitude: '113.3', Precision: '119.3' }),
    ]) {
      expect((await post(s, encryptedPush(SECRETS, event))).body).toBe('success');
    }
    expect(await storedMessages(s.accountId)).toHaveLength(2);
    const click = encryptedPush(SECRETS, eventXml(openid, 'CLICK', { EventKey: 'CONTACT_US' }, '1764700000'));
    const clickAgain = encryptedPush(
      SECRETS,
      eventXml(openid, 'CLICK', { EventKey: 'CONTACT_US' }, '1764700000'),
    );
    expect((await post(s, click)).body).toBe('success');
    expect((await post(s, clickAgain)).body).toBe('success');
    const ticket = await ticketOf(s);
    expect(ticket.messages.map((m: { body: string }) => m.body)).toEqual([
      '明文消息',
      '加密消息',
      '[菜单] 点击了「CONTACT_US」',
    ]);
  });

  it('stores a pushed image and video as attachments, and keeps the text with a marker when the file cannot be had', async () => {
    const s = await setup();
    const openid = 'oMediaCustomer000001';
    s.fake.addMedia('img-media-1', { content: JPEG, contentType: 'image/jpeg' });
    s.fake.addMedia('video-media-1', { content: MP4, contentType: 'video/mp4', viaVideoUrl: true });
    s.fake.addMedia('voice-speex', { content: Buffer.from('Speex   raw voice'), contentType: 'audio/speex' });
    const pushes = [
      messageXml(openid, { MsgType: 'image', PicUrl: s.fake.fileUrl('missing'), MediaId: 'img-media-1' }),
      messageXml(openid, { MsgType: 'video', MediaId: 'video-media-1', ThumbMediaId: 'thumb-1' }),
      messageXml(openid, {
        MsgType: 'voice',
        MediaId: 'voice-speex',
        Format: 'speex',
        Recognition: '我要退货',
      }),
      messageXml(openid, {
        MsgType: 'image',
        PicUrl: 'http://127.0.0.1:1/nothing.jpg',
        MediaId: 'expired-media',
      }),
      // media/get no longer has it, but the image's own link on WeChat's host still works.
      messageXml(openid, {
        MsgType: 'image',
        PicUrl: s.fake.fileUrl('img-media-1'),
        MediaId: 'expired-media',
      }),
    ];
    const posted = pushes.map((xml) => encryptedPush(SECRETS, xml));
    for (const push of posted) expect((await post(s, push)).body).toBe('success');
    // A redelivered image is answered from the first delivery, without downloading the file again.
    const downloads = s.fake.state.mediaGets;
    expect((await post(s, posted[0] as WechatPush)).body).toBe('success');
    expect(s.fake.state.mediaGets).toBe(downloads);
    expect(await storedMessages(s.accountId)).toHaveLength(5);

    const ticket = await ticketOf(s);
    const messages = ticket.messages as {
      body: string;
      attachments: { filename: string; contentType: string; sizeBytes: number }[];
    }[];
    expect(messages.map((m) => m.body)).toEqual([
      '[图片]',
      '[视频]',
      `[语音] 我要退货 ${MEDIA_UNSUPPORTED_MARKER}`,
      `[图片] ${MEDIA_MISSING_MARKER}`,
      '[图片]',
    ]);
    expect(messages[0]?.attachments).toEqual([
      expect.objectContaining({
        contentType: 'image/jpeg',
        sizeBytes: JPEG.length,
        filename: expect.stringMatching(/^image-\d+\.jpg$/),
      }),
    ]);
    expect(messages[1]?.attachments).toEqual([
      expect.objectContaining({ contentType: 'video/mp4', sizeBytes: MP4.length }),
    ]);
    expect(messages[2]?.attachments).toEqual([]);
    expect(messages[3]?.attachments).toEqual([]);
    expect(messages[4]?.attachments).toEqual([
      expect.objectContaining({ contentType: 'image/jpeg', sizeBytes: JPEG.length }),
    ]);
  });

  it("shows the agent WeChat's 48-hour window (45015) and reply quota (45047) refusals", async () => {
    const s = await setup();
    const openid = 'oWindowCustomer00001';
    await post(s, encryptedPush(SECRETS, messageXml(openid, { MsgType: 'text', Content: '三天前的问题' })));
    const ticket = await ticketOf(s);
    const failures: [number, string][] = [
      [45015, 'window_expired'],
      [45047, 'quota_exhausted'],
    ];
    for (const [index, [errcode, code]] of failures.entries()) {
      s.fake.state.sendErrcode = errcode;
      await s.agent.post(`/api/v1/tickets/${ticket.id}/messages`, {
        direction: 'outbound',
        body: `回复 ${errcode}`,
      });
      const list = await until(
        () => outboundOf(s, ticket.id),
        (all) => all[index]?.delivery?.state === 'failed',
      );
      expect(list[index]?.delivery?.error).toEqual({
        code,
        message: expect.stringContaining(String(errcode)),
      });
    }
    expect(s.fake.sent).toHaveLength(0);
  });

  it('sends the text of a reply once when its picture fails, and tells the agent so', async () => {
    const s = await setup();
    const openid = 'oPictureCustomer0001';
    await post(s, encryptedPush(SECRETS, messageXml(openid, { MsgType: 'text', Content: '发张图看看' })));
    const ticket = await ticketOf(s);
    const uploaded = await uploadFile(s.agent, ticket.id, '包装照片.png');
    expect(uploaded.statusCode).toBe(201);
    // -1 (system busy) would be retried — but the text already reached the customer, and custom/send has no
    // idempotency key: a retry would show it twice.
    s.fake.state.imageSendErrcode = -1;
    await s.agent.post(`/api/v1/tickets/${ticket.id}/messages`, {
      direction: 'outbound',
      body: '这是包装照片',
      attachmentIds: [uploaded.json().id],
    });
    const [reply] = await until(
      () => outboundOf(s, ticket.id),
      (all) => all[0]?.delivery?.state === 'failed',
    );
    expect(reply?.delivery?.error?.message).toContain('文字已发送，图片未发送');
    // Longer than the outbox's whole backoff (20 ms, then up to 200 ms): nothing is sent again.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(s.fake.sent.map((m) => m.body.msgtype)).toEqual(['text']);
  });

  it('still accepts pushes encrypted with the old EncodingAESKey after the admin rotates it', async () => {
    const s = await setup();
    const patched = await s.admin.patch(`/api/v1/channel-accounts/${s.accountId}`, {
      credentials: { encodingAesKey: NEW_KEY },
    });
    expect(patched.statusCode).toBe(200);
    const openid = 'oRotationCustomer001';
    const old = await post(
      s,
      encryptedPush(SECRETS, messageXml(openid, { MsgType: 'text', Content: '旧密钥加密' })),
    );
    const current = await post(
      s,
      encryptedPush(
        { ...SECRETS, encodingAesKey: NEW_KEY },
        messageXml(openid, { MsgType: 'text', Content: '新密钥加密' }),
      ),
    );
    expect([old.statusCode, current.statusCode]).toEqual([200, 200]);
    const ticket = await ticketOf(s);
    expect(ticket.messages.map((m: { body: string }) => m.body)).toEqual(['旧密钥加密', '新密钥加密']);
  });
});
