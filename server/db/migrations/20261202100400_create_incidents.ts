import { type Kysely, sql } from 'kysely';

/**
 * Emergency mode (seed 002): an incident gathers the tickets of one outage or one surge of complaints, so that one
 * holding reply and one final resolution reach all of them, each exactly once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE incidents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      title text NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
      -- The tokens that define "similar" for this incident; new tickets are compared with them.
      signature text[] NOT NULL,
      holding_reply text,
      holding_reply_at timestamptz,
      resolution text,
      opened_at timestamptz NOT NULL DEFAULT now(),
      resolved_at timestamptz,
      opened_by uuid REFERENCES users(id),
      resolved_by uuid REFERENCES users(id)
    )`.execute(db);
  await sql`CREATE INDEX incidents_open_idx ON incidents (workspace_id, opened_at DESC) WHERE status = 'open'`.execute(
    db,
  );
  await sql`
    CREATE TABLE incident_tickets (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      incident_id uuid NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      linked_at timestamptz NOT NULL DEFAULT now(),
      -- Set when the holding reply / the resolution was written to this ticket: each goes out once.
      holding_message_id uuid,
      resolution_message_id uuid,
      PRIMARY KEY (incident_id, ticket_id)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX incident_tickets_ticket_idx ON incident_tickets (workspace_id, ticket_id)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE incident_tickets`.execute(db);
  await sql`DROP TABLE incidents`.execute(db);
}
