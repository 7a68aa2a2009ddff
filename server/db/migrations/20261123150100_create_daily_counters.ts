import { type Kysely, sql } from 'kysely';

/** Per-workspace, per-day serials for ticket numbers (20231027001) and customer numbers (CUS20240501001). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE daily_counters (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      scope text NOT NULL,
      day date NOT NULL,
      last_serial integer NOT NULL,
      PRIMARY KEY (workspace_id, scope, day)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE daily_counters`.execute(db);
}
