import { type Kysely, sql } from 'kysely';

/**
 * Working calendars: weekly hours (several intervals a day), the official Chinese holidays and make-up working
 * days when `follows_official`, and the workspace's own days on top (`overrides`, a few hundred at most, so jsonb).
 * One calendar per workspace is the default that policies without their own calendar count on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE calendars (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      name text NOT NULL,
      time_zone text NOT NULL,
      always_open boolean NOT NULL DEFAULT false,
      week jsonb NOT NULL,
      follows_official boolean NOT NULL DEFAULT true,
      overrides jsonb NOT NULL DEFAULT '[]',
      is_default boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, name)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX calendars_one_default ON calendars (workspace_id) WHERE is_default`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE calendars`.execute(db);
}
