import { type Kysely, sql } from 'kysely';

/**
 * Messaging platforms as channels (WeChat Official Account, WeCom 微信客服, WhatsApp Cloud API, Douyin mini-app).
 * A platform account keeps its public settings (AppID, CorpID, phone number id, base URLs) in `settings` and its
 * secrets (AppSecret, Token, EncodingAESKey, access tokens) sealed under the workspace key in
 * `credentials_ciphertext`. Access tokens the platforms issue live in `platform_access_tokens`, one row per account,
 * so every app process uses the same token and only one of them refreshes it. `platform_sync_cursors` keeps where
 * a pull-style platform (WeCom `kf/sync_msg`) left off: it only serves three days, so the cursor must survive.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE channel_accounts ADD COLUMN settings jsonb NOT NULL DEFAULT '{}'`.execute(db);
  await sql`ALTER TABLE channel_accounts ADD COLUMN credentials_ciphertext text`.execute(db);

  await sql`
    CREATE TABLE platform_access_tokens (
      channel_account_id uuid PRIMARY KEY REFERENCES channel_accounts(id) ON DELETE CASCADE,
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      token_ciphertext text,
      expires_at timestamptz,
      -- One process refreshes at a time: it claims the row until then, the others wait for its token.
      refresh_claimed_until timestamptz,
      -- Bumped on every new token, so a process can tell "the token I was refused is still the current one".
      generation integer NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE platform_sync_cursors (
      channel_account_id uuid NOT NULL REFERENCES channel_accounts(id) ON DELETE CASCADE,
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      -- What the cursor is for within the account (a WeCom kf account's open_kfid).
      scope text NOT NULL,
      cursor text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (channel_account_id, scope)
    )`.execute(db);

  // A WhatsApp reply outside the 24-hour window must be an approved template: name, language and parameters.
  await sql`ALTER TABLE outbound_deliveries ADD COLUMN template jsonb`.execute(db);
  // Platforms report delivery states by their own message id (WhatsApp's wamid).
  await sql`
    CREATE INDEX outbound_deliveries_platform_message ON outbound_deliveries (channel_account_id, platform_message_id)
    WHERE platform_message_id IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX outbound_deliveries_platform_message`.execute(db);
  await sql`ALTER TABLE outbound_deliveries DROP COLUMN template`.execute(db);
  await sql`DROP TABLE platform_sync_cursors`.execute(db);
  await sql`DROP TABLE platform_access_tokens`.execute(db);
  await sql`ALTER TABLE channel_accounts DROP COLUMN credentials_ciphertext`.execute(db);
  await sql`ALTER TABLE channel_accounts DROP COLUMN settings`.execute(db);
}
