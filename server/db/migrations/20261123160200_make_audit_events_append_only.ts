import { type Kysely, sql } from 'kysely';

/**
 * The audit log is append-only in the database itself, not only in the API: an UPDATE or DELETE issued by anyone
 * fails. Changes made by foreign-key actions (a workspace removed as a whole, an actor's user row deleted) run
 * inside the referential trigger, at trigger depth > 0, and are let through.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF pg_trigger_depth() > 1 THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END IF;
      RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
    END
    $$`.execute(db);
  await sql`
    CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`.execute(db);
  // TRUNCATE skips row triggers; a statement trigger refuses it too.
  await sql`
    CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER audit_events_no_truncate ON audit_events`.execute(db);
  await sql`DROP TRIGGER audit_events_append_only ON audit_events`.execute(db);
  await sql`DROP FUNCTION audit_events_append_only()`.execute(db);
}
