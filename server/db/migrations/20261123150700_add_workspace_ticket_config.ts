import { type Kysely, sql } from 'kysely';

/** The workspace's request taxonomy and priority names; null means the default seed preset. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE workspaces ADD COLUMN ticket_config jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE workspaces DROP COLUMN ticket_config`.execute(db);
}
