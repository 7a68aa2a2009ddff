/**
 * Settings of an external PostgreSQL server that Kefu cannot change but an operator should know about at start.
 */
import type { Database } from '@server/db/schema';
import { type Kysely, sql } from 'kysely';

/**
 * Warnings for the log, empty when the server is set up as Kefu expects. With autovacuum off, every message's
 * ticket update leaves a dead row version behind and no statistics are gathered: a busy desk's ticket lookups slow
 * down within minutes (docs/performance.md measured 89,000 dead versions of 2,000 tickets after one minute).
 */
export async function postgresServerWarnings(db: Kysely<Database>): Promise<string[]> {
  return (await autovacuumIsOn(db))
    ? []
    : [
        'PostgreSQL autovacuum is off: tickets rewritten by every message are never vacuumed or analysed and ' +
          'slow down; turn it on (autovacuum = on in postgresql.conf) or vacuum the database on a schedule',
      ];
}

export async function autovacuumIsOn(db: Kysely<Database>): Promise<boolean> {
  const result = await sql<{ autovacuum: string }>`SHOW autovacuum`.execute(db);
  return result.rows[0]?.autovacuum === 'on';
}
