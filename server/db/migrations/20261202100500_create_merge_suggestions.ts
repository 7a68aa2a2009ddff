import { type Kysely, sql } from 'kysely';

/**
 * Duplicates across channels (seed 000 step 2) that scored below the automatic merge: suggested to the agent on
 * the ticket, with the score and why, until merged or dismissed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE merge_suggestions (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      candidate_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      score real NOT NULL,
      reasons text[] NOT NULL DEFAULT '{}',
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'merged', 'dismissed')),
      created_at timestamptz NOT NULL DEFAULT now(),
      decided_at timestamptz,
      decided_by uuid REFERENCES users(id),
      PRIMARY KEY (workspace_id, ticket_id, candidate_id)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE merge_suggestions`.execute(db);
}
