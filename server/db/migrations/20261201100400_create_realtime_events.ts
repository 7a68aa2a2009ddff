import { type Kysely, sql } from 'kysely';

/**
 * What the agent app is pushed, per workspace stream. Sequence numbers come from the stream's counter row, taken
 * at the end of the writing transaction and held until commit, so they are gapless and in commit order: a
 * reconnecting client asks for everything after the last number it saw and gets exactly what it missed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE realtime_streams (
      workspace_id uuid PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
      last_seq bigint NOT NULL DEFAULT 0
    )`.execute(db);
  await sql`
    CREATE TABLE realtime_events (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      seq bigint NOT NULL,
      kind text NOT NULL,
      ticket_id uuid,
      message_id uuid,
      data jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, seq)
    )`.execute(db);
  await sql`CREATE INDEX realtime_events_created_idx ON realtime_events (created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE realtime_events`.execute(db);
  await sql`DROP TABLE realtime_streams`.execute(db);
}
