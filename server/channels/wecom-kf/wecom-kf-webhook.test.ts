import { login } from '@server/test/client';
import { buildTestApp, testDb } from '@server/test/context';
import { buildTeam } from '@server/test/factories';
import {
  createWecomChannel,
  startWecomServer,
  WECOM_TEST_CREDENTIALS,
} from '@server/test/fakes/wecom-server';
import { until } from '@server/test/until';
import { afterEach, describe, expect, it, vi } from 'vitest';

const CORP_ID = 'ww1a2b3c4d5e6f7a8b';
const SECRET = 'kf-secret-9f8e7d';
const KF = 'wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(corpId = CORP_ID) {
  const fake = await startWecomServer({ corpId, secret: SECRET, openKfIds: [KF] });
  cleanups.push(fake.close);
  const app = await buildTestApp();
  const team = await buildTeam();
  const admin = await login(app, team.admin);
  const channel = await createWecomChannel(admin, fake, { corpId, secret: SECRET, openKfId: KF });
  const post = (callback: { query: string; body: string }) =>
    app.inject({
      method: 'POST',
      url: `${channel.webhookPath}?${callback.query}`,
      headers: { 'content-type': 'text/xml' },
      payload: callback.body,
    });
  return { fake, app, admin, channel, post, team };
}

const storedCount = async (channelId: string) =>
  (
    await testDb()
      .selectFrom('ticket_messages')
      .select('id')
      .where('channel_account_id', '=', channelId)
      .execute()
  ).length;

describe('the WeCom 微信客服 callback URL', () => {
  it("answers WeCom's published URL-check sample with the decrypted echostr, and refuses it once the timestamp is stale", async () => {
    // 企业微信 回调配置 sample (developer.work.weixin.qq.com, 加解密方案说明; also in WXBizMsgCrypt's sample code).
    const sample = new URLSearchParams({
      msg_signature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
      timestamp: '1409659589',
      nonce: '263014780',
      echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
    });
    const { app, channel } = await setup('wx5823bf96d3bd56c7');
    const check = () => app.inject({ method: 'GET', url: `${channel.webhookPath}?${sample}` });

    vi.spyOn(Date, 'now').mockReturnValue(1409659589_000 + 30_000);
    const answered = await check();
    vi.restoreAllMocks();
    expect(answered.statusCode).toBe(200);
    expect(answered.headers['content-type']).toMatch(/^text\/plain/);
    expect(answered.body).toBe('1616140317555161061');

    const replayed = await check();
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json().code).toBe('stale_timestamp');
  });

  it('echoes a fresh URL check and refuses one with a wrong signature', async () => {
    const { app, channel, fake } = await setup();
    const query = fake.urlCheck(WECOM_TEST_CREDENTIALS, '8437216509843');
    const answered = await app.inject({ method: 'GET', url: `${channel.webhookPath}?${query}` });
    expect(answered.statusCode).toBe(200);
    expect(answered.body).toBe('8437216509843');

    const forged = new URLSearchParams(query);
    forged.set('msg_signature', 'a'.repeat(40));
    const refused = await app.inject({ method: 'GET', url: `${channel.webhookPath}?${forged}` });
    expect(refused.statusCode).toBe(401);
    expect(refused.body).not.toContain('8437216509843');
  });

  it('refuses forged, tampered, replayed, foreign and malformed callbacks with nothing read or stored', async () => {
    const { fake, channel, post } = await setup();
    fake.customerText(KF, 'wm-victim', '这条消息只能被真正的回调读取');
    const keys = WECOM_TEST_CREDENTIALS;
    const refusals: [string, { query: string; body: string }, number, string][] = [
      ['bad signature', fake.callback(keys, KF, { signature: 'f'.repeat(40) }), 401, 'bad_signature'],
      ['wrong CorpID', fake.callback(keys, KF, { corpId: 'ww9999999999999999' }), 401, 'undecryptable'],
      [
        'tampered ciphertext',
        // The last block holds the padding and the CorpID: changed, the plaintext cannot be ours.
        fake.callback(keys, KF, {
          ciphertext: (c) => `${c.slice(0, -5)}${c.at(-5) === 'A' ? 'B' : 'A'}${c.slice(-4)}`,
        }),
        401,
        'undecryptable',
      ],
      [
        'another EncodingAESKey',
        fake.callback({ ...keys, encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' }, KF),
        401,
        'undecryptable',
      ],
      [
        'stale timestamp',
        fake.callback(keys, KF, { timestamp: Math.floor(Date.now() / 1000) - 3600 }),
        401,
        'stale_timestamp',
      ],
      ['not XML', { ...fake.callback(keys, KF), body: '{"Encrypt":"x"}' }, 400, 'bad_callback'],
      [
        'plaintext XML',
        {
          ...fake.callback(keys, KF),
          body: '<xml><MsgType>event</MsgType><Event>kf_msg_or_event</Event></xml>',
        },
        400,
        'not_encrypted',
      ],
    ];
    for (const [what, callback, status, code] of refusals) {
      const answered = await post(callback);
      expect({ what, status: answered.statusCode, code: answered.json().code }).toEqual({
        what,
        status,
        code,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fake.calls.filter((c) => c.path === '/cgi-bin/kf/sync_msg')).toHaveLength(0);
    expect(await storedCount(channel.id)).toBe(0);

    // The genuine callback reads it.
    expect((await post(fake.callback(keys, KF))).statusCode).toBe(200);
    await until(
      () => storedCount(channel.id),
      (n) => n === 1,
    );
  });

  it('keeps accepting callbacks encrypted with the previous EncodingAESKey after the admin changes it', async () => {
    const { fake, channel, post, admin } = await setup();
    const newKey = 'Zyxwvutsrqponmlkjihgfedcba9876543210ZYXWVUT';
    const changed = await admin.patch(`/api/v1/channel-accounts/${channel.id}`, {
      credentials: { encodingAesKey: newKey },
    });
    expect(changed.statusCode).toBe(200);
    fake.customerText(KF, 'wm-rotation', '换密钥期间的消息');
    expect((await post(fake.callback(WECOM_TEST_CREDENTIALS, KF))).statusCode).toBe(200);
    expect(
      (await post(fake.callback({ ...WECOM_TEST_CREDENTIALS, encodingAesKey: newKey }, KF))).statusCode,
    ).toBe(200);
    await until(
      () => storedCount(channel.id),
      (n) => n === 1,
    );
  });

  it('ignores a notice for a 客服账号 the channel does not serve', async () => {
    const { fake, channel, post } = await setup();
    const answered = await post(fake.callback(WECOM_TEST_CREDENTIALS, 'wkOtherAccount000000000000000000'));
    expect(answered.statusCode).toBe(200);
    expect(answered.body).toBe('success');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fake.calls).toHaveLength(0);
    expect(await storedCount(channel.id)).toBe(0);
  });

  it('tests the connection: a token and the 客服账号 in kf/account/list, or the refusal', async () => {
    const { fake, channel, admin } = await setup();
    const ok = await admin.post(`/api/v1/channel-accounts/${channel.id}/test-connection`);
    expect(ok.json()).toMatchObject({ ok: true });
    expect(ok.json().detail).toContain(KF);
    expect(fake.state.tokenFetches).toBe(1);

    await admin.patch(`/api/v1/channel-accounts/${channel.id}`, {
      settings: { openKfId: 'wkMissing0000000000000000000000' },
    });
    const missing = await admin.post(`/api/v1/channel-accounts/${channel.id}/test-connection`);
    expect(missing.json()).toMatchObject({ ok: false });
    expect(missing.json().detail).toContain('wkMissing');

    const wrongSecret = await createWecomChannel(admin, fake, { corpId: CORP_ID, secret: 'not-the-secret' });
    const refused = await admin.post(`/api/v1/channel-accounts/${wrongSecret.id}/test-connection`);
    expect(refused.json()).toMatchObject({ ok: false });
    expect(refused.json().detail).toContain('40001');
  });
});

describe('the WeCom access_token', () => {
  it('is fetched once for two app processes, and refreshed once when WeCom says it expired', async () => {
    const { fake, channel, admin, team } = await setup();
    // A second app process on the same database: its own token cache, the shared token row.
    const otherAdmin = await login(await buildTestApp(), team.admin);
    const test = (client: typeof admin) =>
      client.post(`/api/v1/channel-accounts/${channel.id}/test-connection`);

    expect((await test(admin)).json().ok).toBe(true);
    expect((await test(otherAdmin)).json().ok).toBe(true);
    expect(fake.state.tokenFetches).toBe(1);

    fake.expireTokens();
    const answers = await Promise.all([test(admin), test(otherAdmin)]);
    expect(answers.map((a) => a.json().ok)).toEqual([true, true]);
    expect(fake.state.tokenFetches).toBe(2);
  });
});
