import { createChannelAccount, updateChannelAccount } from '@server/channels/service';
import { Keyring } from '@server/privacy/keyring';
import { testDb, testMasterKeys } from '@server/test/context';
import { buildTeam, principalFor } from '@server/test/factories';
import { describe, expect, it } from 'vitest';
import { loadChannelAccount } from '../repo';
import { type FetchedToken, PlatformAccessTokens, TokenFetchError } from './access-tokens';

const db = testDb();
let lastAdmin: Awaited<ReturnType<typeof buildTeam>>['admin'];
const keyring = new Keyring(db, testMasterKeys());

async function wechatAccount() {
  const { admin } = await buildTeam();
  lastAdmin = admin;
  const { row } = await createChannelAccount(db, keyring, {
    actor: principalFor(admin),
    input: {
      kind: 'wechat_oa',
      name: '服务号',
      callbackUrl: null,
      rateLimitPerSecond: 10,
      settings: { appId: 'wx0123456789abcdef' },
      credentials: { appSecret: 'secret', token: 'kefuToken1' },
    },
  });
  const account = await loadChannelAccount(db, keyring, row.id);
  if (!account) throw new Error('the account was not stored');
  return account;
}

/** A platform's token endpoint: counts fetches, answers slowly, so that concurrent callers overlap. */
function tokenEndpoint(expiresInSeconds = 7200) {
  let fetches = 0;
  return {
    fetches: () => fetches,
    fetch: async (): Promise<FetchedToken> => {
      fetches++;
      await new Promise((resolve) => setTimeout(resolve, 150));
      return { token: `token-${fetches}`, expiresInSeconds };
    },
  };
}

describe('platform access tokens shared by app processes', () => {
  it('fetches once for many concurrent callers in two processes, and both then use the same token', async () => {
    const account = await wechatAccount();
    const endpoint = tokenEndpoint();
    // Two stores on one database are two app processes: they share nothing but the table.
    const processA = new PlatformAccessTokens(db, keyring);
    const processB = new PlatformAccessTokens(db, keyring);
    const tokens = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? processA : processB).get(account, endpoint.fetch)),
    );
    expect(endpoint.fetches()).toBe(1);
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    const stored = await db
      .selectFrom('platform_access_tokens')
      .selectAll()
      .where('channel_account_id', '=', account.row.id)
      .executeTakeFirstOrThrow();
    // Sealed: the token is never in the table in the clear.
    expect(stored.token_ciphertext).not.toContain('token-1');
    expect(stored.refresh_claimed_until).toBeNull();
  });

  it('replaces a refused token once, however many processes were refused', async () => {
    const account = await wechatAccount();
    const endpoint = tokenEndpoint();
    const processA = new PlatformAccessTokens(db, keyring);
    const processB = new PlatformAccessTokens(db, keyring);
    const first = await processA.get(account, endpoint.fetch);
    expect(await processB.get(account, endpoint.fetch)).toBe(first);
    // The platform says 42001 (expired) to both processes.
    await Promise.all([processA.invalidate(account, first), processB.invalidate(account, first)]);
    const [a, b] = await Promise.all([
      processA.get(account, endpoint.fetch),
      processB.get(account, endpoint.fetch),
    ]);
    expect(endpoint.fetches()).toBe(2);
    expect(a).toBe('token-2');
    expect(b).toBe('token-2');
    // A late report about the old token does not throw the new one away.
    await processB.invalidate(account, first);
    expect(await processA.get(account, endpoint.fetch)).toBe('token-2');
    expect(endpoint.fetches()).toBe(2);
  });

  it('refreshes a token before it expires, and frees the claim when the platform refuses the credentials', async () => {
    const account = await wechatAccount();
    // Valid for 60 s: inside the 5-minute margin, so every get() wants a new one.
    const shortLived = tokenEndpoint(60);
    const tokens = new PlatformAccessTokens(db, keyring);
    expect(await tokens.get(account, shortLived.fetch)).toBe('token-1');
    expect(await tokens.get(account, shortLived.fetch)).toBe('token-2');

    const misconfigured = await wechatAccount();
    await expect(
      tokens.get(misconfigured, async () => {
        throw new TokenFetchError('invalid appsecret', '40125');
      }),
    ).rejects.toThrow('invalid appsecret');
    const row = await db
      .selectFrom('platform_access_tokens')
      .select('refresh_claimed_until')
      .where('channel_account_id', '=', misconfigured.row.id)
      .executeTakeFirstOrThrow();
    // Freed at once: after the admin fixes the secret, the next call fetches instead of waiting 30 s.
    expect(row.refresh_claimed_until).toBeNull();
    const fixed = tokenEndpoint();
    expect(await tokens.get(misconfigured, fixed.fetch)).toBe('token-1');
  });

  it('retires the token in every process when the admin changes the AppID or secret', async () => {
    const account = await wechatAccount();
    const endpoint = tokenEndpoint();
    const processA = new PlatformAccessTokens(db, keyring);
    const processB = new PlatformAccessTokens(db, keyring);
    expect(await processA.get(account, endpoint.fetch)).toBe('token-1');
    expect(await processB.get(account, endpoint.fetch)).toBe('token-1');
    await updateChannelAccount(db, keyring, {
      actor: principalFor(lastAdmin),
      accountId: account.row.id,
      changes: { settings: { appId: 'wxfedcba9876543210' }, credentials: { appSecret: 'the new secret' } },
    });
    // Each process reloads the account (its cache lives 5 s); the token issued to the old AppID is not used again.
    const changed = await loadChannelAccount(db, keyring, account.row.id);
    if (!changed) throw new Error('the account is gone');
    const [a, b] = await Promise.all([
      processA.get(changed, endpoint.fetch),
      processB.get(changed, endpoint.fetch),
    ]);
    expect([a, b]).toEqual(['token-2', 'token-2']);
    expect(endpoint.fetches()).toBe(2);
  });
});
