import { type Kysely, sql } from 'kysely';

/**
 * Messages, timeline entries and dedupe receipts keep their workspace id (every query filters by it) but no longer
 * a foreign key to workspaces. Each such key made every inserted row look up and key-share-lock the one workspace
 * row: three of the ten foreign-key checks every inbound message paid, about 8 µs each on PostgreSQL
 * (docs/performance.md). The rows still go when their workspace goes: each references its ticket (or channel
 * account), which cascades from the workspace.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE ticket_messages DROP CONSTRAINT ticket_messages_workspace_id_fkey`.execute(db);
  await sql`ALTER TABLE ticket_events DROP CONSTRAINT ticket_events_workspace_id_fkey`.execute(db);
  await sql`ALTER TABLE inbound_receipts DROP CONSTRAINT inbound_receipts_workspace_id_fkey`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['ticket_messages', 'ticket_events', 'inbound_receipts']) {
    await sql`
      ALTER TABLE ${sql.table(table)} ADD CONSTRAINT ${sql.ref(`${table}_workspace_id_fkey`)}
      FOREIGN KEY (workspace_id) REFERENCES workspaces(id) ON DELETE CASCADE`.execute(db);
  }
}
