import type { Database } from '@server/db/schema';
import { type Kysely, sql } from 'kysely';

export type CounterScope = 'ticket' | 'customer';

/** `20231027` + serial padded to three digits; the 1000th of a day is `202310271000` (the number widens, never wraps). */
export function formatDailyNumber(day: string, serial: number, prefix = ''): string {
  return `${prefix}${day.replaceAll('-', '')}${String(serial).padStart(3, '0')}`;
}

/**
 * The next serial of the day `at` falls on in the workspace's time zone (or the first of `count` consecutive ones,
 * for a group of rows created together). Call inside the transaction that creates the numbered rows: the counter
 * row stays locked until commit, so concurrent creators queue instead of colliding, and a rolled-back creation
 * gives its serials back — numbers are unique and without gaps.
 */
export async function allocateDailySerial(
  tx: Kysely<Database>,
  options: { workspaceId: string; scope: CounterScope; timeZone: string; at: Date; count?: number },
): Promise<{ day: string; serial: number }> {
  const count = options.count ?? 1;
  const row = await sql<{ day: string; last_serial: number }>`
    INSERT INTO daily_counters (workspace_id, scope, day, last_serial)
    VALUES (${options.workspaceId}, ${options.scope}, (${options.at}::timestamptz AT TIME ZONE ${options.timeZone})::date, ${count})
    ON CONFLICT (workspace_id, scope, day) DO UPDATE SET last_serial = daily_counters.last_serial + ${count}
    RETURNING to_char(day, 'YYYY-MM-DD') AS day, last_serial`.execute(tx);
  const allocated = row.rows[0];
  if (!allocated) throw new Error('daily counter returned no row');
  return { day: allocated.day, serial: allocated.last_serial - count + 1 };
}
