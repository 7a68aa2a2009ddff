import { type Kysely, sql } from 'kysely';

/** PIPL requests that run in the background (a customer's data export), with progress the app polls. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE privacy_jobs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('export')),
      customer_id uuid,
      status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed')),
      total integer NOT NULL DEFAULT 0,
      processed integer NOT NULL DEFAULT 0,
      file_key text,
      error text,
      requested_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX privacy_jobs_workspace_idx ON privacy_jobs (workspace_id, created_at DESC)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE privacy_jobs`.execute(db);
}
