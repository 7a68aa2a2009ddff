import { type Kysely, sql } from 'kysely';

/**
 * Per-workspace data keys that encrypt the originals of masked personal data. Stored only wrapped (encrypted) by
 * the installation's master key, which never enters the database.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE workspace_data_keys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      wrapped_key text NOT NULL,
      master_key_id text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      retired_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX workspace_data_keys_workspace_idx ON workspace_data_keys (workspace_id, created_at DESC)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE workspace_data_keys`.execute(db);
}
