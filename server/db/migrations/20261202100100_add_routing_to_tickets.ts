import { type Kysely, sql } from 'kysely';

/**
 * A ticket's routing facts: its first owner 第一责任人 (kept through transfers, seed 002), why it has its
 * priority (紧急：包含『曝光』), and the classifier's type suggestion with its confidence.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE tickets
      ADD COLUMN first_owner_id uuid REFERENCES users(id),
      ADD COLUMN priority_reason jsonb,
      ADD COLUMN type_suggestion jsonb`.execute(db);
  await sql`UPDATE tickets SET first_owner_id = assignee_id WHERE assignee_id IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE tickets DROP COLUMN type_suggestion, DROP COLUMN priority_reason, DROP COLUMN first_owner_id`.execute(
    db,
  );
}
