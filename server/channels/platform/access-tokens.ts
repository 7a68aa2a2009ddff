/**
 * Platform access tokens (WeChat's and WeCom's `access_token`, Douyin's `client_token`) shared by every app
 * process. The platforms cap how often a token may be fetched and a new fetch can cut the old token short, so one
 * process refreshes at a time: it claims the row for a moment, fetches outside any transaction, and stores the
 * token; the others wait for it and read it. Tokens are kept sealed under the workspace key.
 */
import type { Database } from '@server/db/schema';
import type { Keyring } from '@server/privacy/keyring';
import { type Kysely, sql } from 'kysely';
import type { ChannelAccount } from '../repo';

export interface FetchedToken {
  token: string;
  expiresInSeconds: number;
}

export class TokenFetchError extends Error {
  constructor(
    message: string,
    /** The platform's error code, when it answered with one. */
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'TokenFetchError';
  }
}

interface CachedToken {
  token: string;
  expiresAt: number;
  generation: number;
  /** The account's updated_at when the token was read: an admin's change of AppID or secret retires it. */
  accountVersion?: number;
}

export interface AccessTokenOptions {
  /** A token this close to expiry is refreshed before use (WeChat keeps the old one valid 5 minutes). */
  refreshMarginMs?: number;
  /** How long a refresh claim holds; a process that died mid-fetch is replaced after this. */
  claimMs?: number;
  /** How long a process waits for another's refresh before it gives up. */
  waitMs?: number;
}

export class PlatformAccessTokens {
  private readonly cache = new Map<string, CachedToken>();
  private readonly inFlight = new Map<string, Promise<CachedToken>>();
  private readonly margin: number;
  private readonly claimMs: number;
  private readonly waitMs: number;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly keyring: Keyring,
    options: AccessTokenOptions = {},
  ) {
    this.margin = options.refreshMarginMs ?? 5 * 60_000;
    this.claimMs = options.claimMs ?? 30_000;
    this.waitMs = options.waitMs ?? 15_000;
  }

  /** A token with more than the margin left: this process's copy, the shared one, or a new one. */
  async get(account: ChannelAccount, fetchToken: () => Promise<FetchedToken>): Promise<string> {
    const id = account.row.id;
    const cached = this.cache.get(id);
    if (cached && this.fresh(cached.expiresAt) && cached.accountVersion === versionOf(account)) {
      return cached.token;
    }
    let pending = this.inFlight.get(id);
    if (!pending) {
      pending = this.obtain(account, fetchToken).finally(() => this.inFlight.delete(id));
      this.inFlight.set(id, pending);
    }
    return (await pending).token;
  }

  /**
   * The platform refused this token (WeChat 40001 / 42001, WeCom 40014 / 42001): the next get() fetches a new one,
   * unless another process already has.
   */
  async invalidate(account: ChannelAccount, token: string): Promise<void> {
    const id = account.row.id;
    const cached = this.cache.get(id);
    if (!cached || cached.token !== token) return;
    this.cache.delete(id);
    await this.db
      .updateTable('platform_access_tokens')
      .set({ expires_at: new Date(0), updated_at: sql<Date>`now()` })
      .where('workspace_id', '=', account.row.workspace_id)
      .where('channel_account_id', '=', id)
      .where('generation', '=', cached.generation)
      .execute();
  }

  /** Forgets this process's copy (the admin changed the account's credentials). */
  forget(accountId: string): void {
    this.cache.delete(accountId);
  }

  private fresh(expiresAt: number) {
    return expiresAt - this.margin > Date.now();
  }

  private async obtain(account: ChannelAccount, fetchToken: () => Promise<FetchedToken>) {
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const stored = await this.readStored(account);
      if (stored && this.fresh(stored.expiresAt)) return this.remember(account, stored);
      if (await this.claim(account)) return this.refresh(account, fetchToken);
      if (Date.now() > deadline) {
        throw new TokenFetchError('Another process is fetching the access token and has not finished');
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private remember(account: ChannelAccount, token: CachedToken) {
    this.cache.set(account.row.id, { ...token, accountVersion: versionOf(account) });
    return token;
  }

  private async readStored(account: ChannelAccount): Promise<CachedToken | null> {
    const row = await this.db
      .selectFrom('platform_access_tokens')
      .select(['token_ciphertext', 'expires_at', 'generation'])
      .where('workspace_id', '=', account.row.workspace_id)
      .where('channel_account_id', '=', account.row.id)
      .executeTakeFirst();
    if (!row?.token_ciphertext || !row.expires_at) return null;
    return {
      token: await this.keyring.decrypt(account.row.workspace_id, row.token_ciphertext),
      expiresAt: row.expires_at.getTime(),
      generation: row.generation,
    };
  }

  /** Takes the right to refresh, unless another process holds it or the stored token is still fresh. */
  private async claim(account: ChannelAccount): Promise<boolean> {
    const claimed = await sql<{ channel_account_id: string }>`
      INSERT INTO platform_access_tokens (channel_account_id, workspace_id, refresh_claimed_until)
      VALUES (${account.row.id}, ${account.row.workspace_id}, now() + make_interval(secs => ${this.claimMs / 1000}))
      ON CONFLICT (channel_account_id) DO UPDATE
        SET refresh_claimed_until = excluded.refresh_claimed_until, updated_at = now()
        WHERE (platform_access_tokens.refresh_claimed_until IS NULL
               OR platform_access_tokens.refresh_claimed_until < now())
          AND (platform_access_tokens.expires_at IS NULL
               OR platform_access_tokens.expires_at < now() + make_interval(secs => ${this.margin / 1000}))
      RETURNING channel_account_id`.execute(this.db);
    return claimed.rows.length > 0;
  }

  private async refresh(account: ChannelAccount, fetchToken: () => Promise<FetchedToken>) {
    const { workspace_id: workspaceId, id } = account.row;
    let fetched: FetchedToken;
    try {
      fetched = await fetchToken();
    } catch (error) {
      await this.db
        .updateTable('platform_access_tokens')
        .set({ refresh_claimed_until: null })
        .where('workspace_id', '=', workspaceId)
        .where('channel_account_id', '=', id)
        .execute();
      throw error;
    }
    const expiresAt = Date.now() + fetched.expiresInSeconds * 1000;
    const ciphertext = await this.keyring.encrypt(workspaceId, fetched.token);
    const row = await this.db
      .updateTable('platform_access_tokens')
      .set({
        token_ciphertext: ciphertext,
        expires_at: new Date(expiresAt),
        refresh_claimed_until: null,
        generation: sql<number>`generation + 1`,
        updated_at: sql<Date>`now()`,
      })
      .where('workspace_id', '=', workspaceId)
      .where('channel_account_id', '=', id)
      .returning('generation')
      .executeTakeFirstOrThrow();
    return this.remember(account, { token: fetched.token, expiresAt, generation: row.generation });
  }
}

/** Changes with every admin edit of the account (its row's updated_at), seen by each process within the account cache's TTL. */
const versionOf = (account: ChannelAccount) => account.row.updated_at.getTime();
