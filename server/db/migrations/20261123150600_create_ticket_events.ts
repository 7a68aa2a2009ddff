import { type Kysely, sql } from 'kysely';

/** The timeline (seed 000 处理进度记录表): every change to a ticket, with who and when. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE ticket_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      actor_user_id uuid REFERENCES users(id),
      kind text NOT NULL,
      data jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX ticket_events_ticket_idx ON ticket_events (workspace_id, ticket_id, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE ticket_events`.execute(db);
}
