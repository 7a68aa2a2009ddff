import { loadChannelAccount } from '@server/channels/repo';
import { createApiChannel } from '@server/test/channels';
import { login, type TestClient } from '@server/test/client';
import { buildTestApp, testDb, testVault } from '@server/test/context';
import { buildTeam } from '@server/test/factories';
import { describe, expect, it } from 'vitest';

/** What an admin types on 管理 → 渠道接入 for each platform: public settings and secrets as the consoles show them. */
const PLATFORM_ACCOUNTS = {
  wechat_oa: {
    platform: 'wechat',
    settings: { appId: 'wx5823bf96d3bd56c7', encryption: 'safe' },
    credentials: {
      appSecret: 'oaAppSecret9f86d081884c7d659a2feaa0',
      token: 'oaToken7Hq2',
      encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
    },
  },
  wecom_kf: {
    platform: 'wecom',
    settings: {
      corpId: 'ww1436e0e65a779aee',
      openKfId: 'wkAJ2GCAAAZSfhHCt7IFSvLKtMPxyJTw',
      welcomeMessage: '您好，有什么可以帮您？',
    },
    credentials: {
      secret: 'kfSecretQ2xY8mN4pL6vB1cZ9wE3rT5u',
      token: 'kfTokenQDG6eK',
      encodingAesKey: 'a8Kf3LmN9pQrS2tUvWxYz0AbCdEfGhIjKlMnOpQrStU',
    },
  },
  whatsapp: {
    platform: 'whatsapp',
    settings: { phoneNumberId: '106540352242922', businessAccountId: '102290129340398' },
    credentials: {
      accessToken: 'EAAJB3waAccessTokenZCZBf2s9LmQ7xYz',
      appSecret: 'waAppSecret6c1e671f9af5b46d9c1a52067bdf0e53',
      verifyToken: 'waVerifyToken-kefu-7d3f1c',
    },
  },
  douyin: {
    platform: 'douyin',
    settings: { appId: 'tt07e3715e98c9aac0' },
    credentials: { appSecret: 'dyAppSecret4f5e6d7c8b9a0f1e2d3c', token: 'dyPushToken8a7b6c' },
  },
} as const;

type PlatformKindName = keyof typeof PLATFORM_ACCOUNTS;

async function createPlatformAccount(admin: TestClient, kind: PlatformKindName) {
  const { settings, credentials } = PLATFORM_ACCOUNTS[kind];
  const response = await admin.post('/api/v1/channel-accounts', {
    kind,
    name: `${kind} 账号`,
    settings,
    credentials,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response;
}

async function adminOfNewTeam() {
  const app = await buildTestApp();
  const team = await buildTeam();
  return { app, team, admin: await login(app, team.admin) };
}

/** Field paths of a 400, compared without a leading slash (`/body/…` here, `body/…` in Fastify's own errors). */
const fieldPathsOf = (response: { json: () => { errors: { path: string }[] } }) =>
  response.json().errors.map((error) => error.path.replace(/^\//, ''));

const auditDetailsOf = async (targetId: string) =>
  JSON.stringify(
    await testDb()
      .selectFrom('audit_events')
      .select(['action', 'detail'])
      .where('target_id', '=', targetId)
      .execute(),
  );

describe('platform channel accounts on 管理 → 渠道接入', () => {
  it('creates each platform kind with its webhook path and the names of its secrets, never their values', async () => {
    const { admin } = await adminOfNewTeam();
    for (const kind of Object.keys(PLATFORM_ACCOUNTS) as PlatformKindName[]) {
      const expected = PLATFORM_ACCOUNTS[kind];
      const created = await createPlatformAccount(admin, kind);
      const { account, signingSecret } = created.json();
      expect(signingSecret).toBeNull();
      expect(account).toMatchObject({
        kind,
        platform: expected.platform,
        enabled: true,
        inboundPath: null,
        webhookPath: `/api/v1/platforms/${account.id}/webhook`,
        settings: expected.settings,
      });
      expect(account.settings.apiBaseUrl).toMatch(/^https:\/\//);
      expect([...account.credentialsSet].sort()).toEqual(Object.keys(expected.credentials).sort());

      const listed = await admin.get('/api/v1/channel-accounts');
      expect(listed.json().items.find((item: { id: string }) => item.id === account.id)).toMatchObject({
        webhookPath: account.webhookPath,
        credentialsSet: account.credentialsSet,
      });
      const stored = await testDb()
        .selectFrom('channel_accounts')
        .select('credentials_ciphertext')
        .where('id', '=', account.id)
        .executeTakeFirstOrThrow();
      for (const secret of Object.values(expected.credentials)) {
        expect(created.body, `${kind} create answer`).not.toContain(secret);
        expect(listed.body, `${kind} list`).not.toContain(secret);
        expect(stored.credentials_ciphertext, `${kind} sealed`).not.toContain(secret);
        expect(await auditDetailsOf(account.id), `${kind} audit`).not.toContain(secret);
      }
      const unsealed = await loadChannelAccount(testDb(), testVault().keyring, account.id);
      expect(unsealed?.credentials).toMatchObject(expected.credentials);
    }
  });

  it('answers invalid settings and secrets with 400 naming each field, and creates nothing', async () => {
    const { admin, team } = await adminOfNewTeam();
    const badSettings = await admin.post('/api/v1/channel-accounts', {
      kind: 'wechat_oa',
      name: '公众号',
      settings: { appId: 'not-an-appid', encryption: 'rot13' },
      credentials: PLATFORM_ACCOUNTS.wechat_oa.credentials,
    });
    expect(badSettings.statusCode).toBe(400);
    expect(badSettings.headers['content-type']).toContain('application/problem+json');
    expect(fieldPathsOf(badSettings)).toEqual(
      expect.arrayContaining(['body/settings/appId', 'body/settings/encryption']),
    );

    const badCredentials = await admin.post('/api/v1/channel-accounts', {
      kind: 'wecom_kf',
      name: '微信客服',
      settings: PLATFORM_ACCOUNTS.wecom_kf.settings,
      credentials: { secret: 'kfSecret', token: 'x', encodingAesKey: 'too-short' },
    });
    expect(badCredentials.statusCode).toBe(400);
    const credentialPaths = fieldPathsOf(badCredentials);
    expect(credentialPaths).toEqual(
      expect.arrayContaining(['body/credentials/token', 'body/credentials/encodingAesKey']),
    );
    expect(credentialPaths).not.toContain('body/credentials/secret');
    // The answer names the wrong field, not what was typed into it.
    expect(badCredentials.body).not.toContain('kfSecret');

    const missingSecret = await admin.post('/api/v1/channel-accounts', {
      kind: 'whatsapp',
      name: 'WhatsApp',
      settings: PLATFORM_ACCOUNTS.whatsapp.settings,
      credentials: { accessToken: 'EAAJB3wa', verifyToken: 'short' },
    });
    expect(missingSecret.statusCode).toBe(400);
    expect(fieldPathsOf(missingSecret)).toEqual(
      expect.arrayContaining(['body/credentials/appSecret', 'body/credentials/verifyToken']),
    );

    const accounts = await testDb()
      .selectFrom('channel_accounts')
      .select('id')
      .where('workspace_id', '=', team.workspace.id)
      .execute();
    expect(accounts).toEqual([]);
  });

  it('replaces only the secrets named in a PATCH, keeps the replaced EncodingAESKey, and merges settings', async () => {
    const { admin } = await adminOfNewTeam();
    const { account } = (await createPlatformAccount(admin, 'wechat_oa')).json();
    const original = PLATFORM_ACCOUNTS.wechat_oa.credentials;
    const newKey = 'Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa9876543';

    const patched = await admin.patch(`/api/v1/channel-accounts/${account.id}`, {
      name: '公众号 · 售后',
      settings: { encryption: 'compatible' },
      // An empty input on the form means "keep the stored value".
      credentials: { appSecret: '', encodingAesKey: newKey },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      name: '公众号 · 售后',
      settings: { appId: PLATFORM_ACCOUNTS.wechat_oa.settings.appId, encryption: 'compatible' },
    });
    expect(patched.json().credentialsSet).toEqual(
      expect.arrayContaining(['appSecret', 'token', 'encodingAesKey', 'previousEncodingAesKey']),
    );
    for (const secret of [newKey, ...Object.values(original)]) expect(patched.body).not.toContain(secret);

    const stored = await loadChannelAccount(testDb(), testVault().keyring, account.id);
    expect(stored?.credentials).toMatchObject({
      appSecret: original.appSecret,
      token: original.token,
      encodingAesKey: newKey,
      previousEncodingAesKey: original.encodingAesKey,
    });
    const audit = await auditDetailsOf(account.id);
    expect(audit).toContain('channel_account.updated');
    for (const secret of [newKey, ...Object.values(original)]) expect(audit).not.toContain(secret);

    const invalid = await admin.patch(`/api/v1/channel-accounts/${account.id}`, {
      settings: { appId: 'wx-oops' },
      credentials: { token: 'a b' },
    });
    expect(invalid.statusCode).toBe(400);
    expect((await loadChannelAccount(testDb(), testVault().keyring, account.id))?.row.settings).toMatchObject(
      {
        appId: PLATFORM_ACCOUNTS.wechat_oa.settings.appId,
      },
    );
  });

  it('has no Kefu signing secret to rotate on a platform account, and nothing to test on the API channel', async () => {
    const { admin } = await adminOfNewTeam();
    const { account } = (await createPlatformAccount(admin, 'douyin')).json();
    const rotated = await admin.post(`/api/v1/channel-accounts/${account.id}/rotate-secret`);
    expect(rotated.statusCode).toBe(404);

    const apiChannel = await createApiChannel(admin);
    const tested = await admin.post(`/api/v1/channel-accounts/${apiChannel.id}/test-connection`);
    expect(tested.statusCode).toBe(400);
    expect(tested.json().code).toBe('not_a_platform');
    const apiSettings = await admin.patch(`/api/v1/channel-accounts/${apiChannel.id}`, {
      settings: { appId: 'wx5823bf96d3bd56c7' },
    });
    expect(apiSettings.statusCode).toBe(400);
  });

  it('lets an agent neither create, change nor test a platform account', async () => {
    const { app, admin, team } = await adminOfNewTeam();
    const { account } = (await createPlatformAccount(admin, 'whatsapp')).json();
    const agent = await login(app, team.agent);
    const attempts = await Promise.all([
      agent.post('/api/v1/channel-accounts', {
        kind: 'douyin',
        name: '抖音',
        settings: PLATFORM_ACCOUNTS.douyin.settings,
        credentials: PLATFORM_ACCOUNTS.douyin.credentials,
      }),
      agent.patch(`/api/v1/channel-accounts/${account.id}`, { credentials: { appSecret: 'stolen-secret' } }),
      agent.post(`/api/v1/channel-accounts/${account.id}/test-connection`),
    ]);
    expect(attempts.map((response) => response.statusCode)).toEqual([403, 403, 403]);
    const stored = await loadChannelAccount(testDb(), testVault().keyring, account.id);
    expect(stored?.credentials.appSecret).toBe(PLATFORM_ACCOUNTS.whatsapp.credentials.appSecret);
  });
});

describe('platform API addresses', () => {
  it("keeps an account on the platform's own API host unless the server allows relays", async () => {
    const app = await buildTestApp({ allowCustomPlatformUrls: false });
    const team = await buildTeam();
    const admin = await login(app, team.admin);
    const { settings, credentials } = PLATFORM_ACCOUNTS.whatsapp;
    // An admin could otherwise send the stored access token to a server of their own and read it there.
    const elsewhere = await admin.post('/api/v1/channel-accounts', {
      kind: 'whatsapp',
      name: 'WhatsApp',
      settings: { ...settings, apiBaseUrl: 'https://graph.facebook.com.attacker.example' },
      credentials,
    });
    expect(elsewhere.statusCode).toBe(400);
    expect(fieldPathsOf(elsewhere)).toEqual(['body/settings/apiBaseUrl']);

    const official = await admin.post('/api/v1/channel-accounts', {
      kind: 'whatsapp',
      name: 'WhatsApp',
      settings: { ...settings, apiBaseUrl: 'https://graph.facebook.com' },
      credentials,
    });
    expect(official.statusCode, official.body).toBe(201);
    const id = official.json().account.id;
    const moved = await admin.patch(`/api/v1/channel-accounts/${id}`, {
      settings: { apiBaseUrl: 'http://127.0.0.1:9/' },
    });
    expect(moved.statusCode).toBe(400);
    expect((await admin.get('/api/v1/channel-accounts')).json().items[0].settings.apiBaseUrl).toBe(
      'https://graph.facebook.com',
    );
  });
});
