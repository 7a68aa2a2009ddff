import { type Kysely, sql } from 'kysely';

/**
 * One row per metric of a ticket. `next_fire_at` is the next instant something must happen (warning, breach, next
 * escalation level); the scheduler claims rows by it, so a sweep costs the number of due rows, not of open tickets.
 * `sla_firings` makes each (clock, cycle, level) fire once even if two processes raced past SKIP LOCKED.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE ticket_sla_clocks (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      metric text NOT NULL,
      policy_id uuid REFERENCES sla_policies(id) ON DELETE SET NULL,
      calendar_id uuid REFERENCES calendars(id) ON DELETE SET NULL,
      target jsonb NOT NULL,
      state text NOT NULL,
      cycle integer NOT NULL DEFAULT 1,
      started_at timestamptz NOT NULL,
      paused_at timestamptz,
      paused_seconds double precision NOT NULL DEFAULT 0,
      warn_at timestamptz,
      due_at timestamptz,
      warned_at timestamptz,
      breached_at timestamptz,
      met_at timestamptz,
      escalation_level smallint NOT NULL DEFAULT 0,
      next_fire_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (ticket_id, metric)
    )`.execute(db);
  await sql`CREATE INDEX ticket_sla_clocks_due_idx ON ticket_sla_clocks (next_fire_at) WHERE next_fire_at IS NOT NULL`.execute(
    db,
  );
  // The inbox's "nearest deadline first" walks this index: live (not met), running (not paused) clocks by due.
  await sql`CREATE INDEX ticket_sla_clocks_workspace_due_idx ON ticket_sla_clocks (workspace_id, due_at, ticket_id) WHERE met_at IS NULL AND paused_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX ticket_sla_clocks_policy_idx ON ticket_sla_clocks (workspace_id, policy_id) WHERE state IN ('running', 'warning', 'paused')`.execute(
    db,
  );
  await sql`
    CREATE TABLE sla_firings (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      metric text NOT NULL,
      cycle integer NOT NULL,
      level smallint NOT NULL,
      fired_at timestamptz NOT NULL,
      PRIMARY KEY (ticket_id, metric, cycle, level)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE sla_firings`.execute(db);
  await sql`DROP TABLE ticket_sla_clocks`.execute(db);
}
