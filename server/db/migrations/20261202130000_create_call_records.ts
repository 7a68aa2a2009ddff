import { type Kysely, sql } from 'kysely';

/**
 * Call records from a CTI/PBX (or, later, the agent's call-log form): one row per call, on the ticket it was
 * linked to. The customer's number is kept as the keyed hash customers are looked up by and a masked display; its
 * original is sealed on the customer. Answer time and duration feed the phone SLA (seed 003: answered within 15 s).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE call_records (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      -- The CTI's id of the call: a redelivered record is answered with the first one's result.
      external_id text NOT NULL,
      direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
      customer_number_hash text NOT NULL,
      customer_number_masked text NOT NULL,
      -- The workspace's line that was called (inbound) or called from (outbound), masked like the customer's.
      line text NOT NULL,
      started_at timestamptz NOT NULL,
      -- Null: nobody answered (a missed call).
      answered_after_seconds integer CHECK (answered_after_seconds >= 0),
      duration_seconds integer NOT NULL CHECK (duration_seconds >= 0),
      recording_url text,
      agent_user_id uuid REFERENCES users(id),
      -- Masked; the originals are sealed on the ticket message the notes were logged as.
      notes text NOT NULL DEFAULT '',
      message_id uuid REFERENCES ticket_messages(id) ON DELETE SET NULL,
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      customer_id uuid REFERENCES customers(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, external_id)
    )`.execute(db);
  await sql`CREATE INDEX call_records_ticket ON call_records (workspace_id, ticket_id)`.execute(db);
  await sql`CREATE INDEX call_records_started ON call_records (workspace_id, started_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE call_records`.execute(db);
}
