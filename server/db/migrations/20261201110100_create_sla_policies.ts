import { type Kysely, sql } from 'kysely';

/** Ordered SLA policies: the first enabled one whose conditions match a ticket sets its targets. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE sla_policies (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      name text NOT NULL,
      position integer NOT NULL,
      enabled boolean NOT NULL DEFAULT true,
      calendar_id uuid REFERENCES calendars(id) ON DELETE SET NULL,
      match jsonb NOT NULL DEFAULT '{}',
      targets jsonb NOT NULL DEFAULT '[]',
      pause_statuses text[] NOT NULL DEFAULT '{pending_customer}',
      warn_at_share real NOT NULL DEFAULT 0.8,
      warning_actions jsonb NOT NULL DEFAULT '[]',
      escalations jsonb NOT NULL DEFAULT '[]',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, name)
    )`.execute(db);
  await sql`CREATE INDEX sla_policies_workspace_idx ON sla_policies (workspace_id, position)`.execute(db);
  // Which preset (if any) the workspace's service levels came from; shown by the preset chooser.
  await sql`ALTER TABLE workspaces ADD COLUMN sla_preset_id text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE workspaces DROP COLUMN sla_preset_id`.execute(db);
  await sql`DROP TABLE sla_policies`.execute(db);
}
