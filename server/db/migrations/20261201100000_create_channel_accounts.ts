import { type Kysely, sql } from 'kysely';

/** Channel accounts: one configured adapter per row (the signed API channel first), credentials encrypted. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE channel_accounts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      kind text NOT NULL,
      platform text NOT NULL,
      name text NOT NULL,
      enabled boolean NOT NULL DEFAULT true,
      secret_ciphertext text NOT NULL,
      secret_hint text NOT NULL,
      previous_secret_ciphertext text,
      previous_secret_expires_at timestamptz,
      callback_url text,
      rate_limit_per_second integer NOT NULL DEFAULT 20,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX channel_accounts_workspace_idx ON channel_accounts (workspace_id, created_at)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE channel_accounts`.execute(db);
}
