import { type Kysely, type MigrationResultSet, Migrator, sql } from 'kysely';
import { migrations } from './migrations';

// biome-ignore lint/suspicious/noExplicitAny: migrations run before and regardless of the typed schema
type AnyDb = Kysely<any>;

function migratorFor(db: AnyDb): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/** Brings the schema up to date. Safe to run from several app nodes at once: Kysely holds a lock table row. */
export async function migrateToLatest(db: AnyDb): Promise<string[]> {
  const result: MigrationResultSet = await migratorFor(db).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((migration) => migration.status === 'Error');
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`);
  }
  return (result.results ?? []).map((migration) => migration.migrationName);
}

/** Names of migrations this build knows that the database has not run yet. */
export async function pendingMigrations(db: AnyDb): Promise<string[]> {
  const exists = await sql<{ present: boolean }>`
    SELECT to_regclass('kysely_migration') IS NOT NULL AS present`.execute(db);
  if (!exists.rows[0]?.present) return Object.keys(migrations);
  const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db);
  const appliedNames = new Set(applied.rows.map((row) => row.name));
  return Object.keys(migrations).filter((name) => !appliedNames.has(name));
}
