import { type Kysely, sql } from 'kysely';

/** Ordered routing rules (conditions → actions) and each workspace's routing settings (lexicon, thresholds). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE routing_rules (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      name text NOT NULL,
      position integer NOT NULL,
      enabled boolean NOT NULL DEFAULT true,
      triggers text[] NOT NULL DEFAULT '{ticket_created}',
      match text NOT NULL DEFAULT 'all' CHECK (match IN ('all', 'any')),
      conditions jsonb NOT NULL DEFAULT '[]',
      actions jsonb NOT NULL DEFAULT '[]',
      stop_after_match boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, name)
    )`.execute(db);
  await sql`CREATE INDEX routing_rules_workspace_idx ON routing_rules (workspace_id, position)`.execute(db);
  await sql`
    CREATE TABLE routing_settings (
      workspace_id uuid PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
      settings jsonb NOT NULL DEFAULT '{}',
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE routing_settings`.execute(db);
  await sql`DROP TABLE routing_rules`.execute(db);
}
