import { type Kysely, sql } from 'kysely';

/**
 * Conversations Kefu must never write to by itself: one opened by machine-written mail (a list, a platform's
 * notice, a contact form's robot) gets no acceptance notice or rule message — a list would spread the ticket number
 * and the agent's name to every member, and two automatic senders could answer each other forever. Agents still
 * reply by hand.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE channel_conversations ADD COLUMN automatic_replies boolean NOT NULL DEFAULT true`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE channel_conversations DROP COLUMN automatic_replies`.execute(db);
}
