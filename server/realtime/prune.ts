import type { Database } from '@server/db/schema';
import { type Kysely, sql } from 'kysely';

/**
 * How long the stream keeps events for reconnecting clients; one that was away longer (a laptop asleep overnight)
 * gets `reset` and reloads, which costs less than keeping a busy desk's every event for a day.
 */
export const REALTIME_RETENTION_HOURS = 2;

/** Every 10 minutes, on every app process (deleting twice is harmless): drops rows past the retention window. */
export function startRealtimePruning(db: Kysely<Database>): { stop(): void } {
  const prune = () =>
    db
      .deleteFrom('realtime_events')
      .where('created_at', '<', sql<Date>`now() - make_interval(hours => ${REALTIME_RETENTION_HOURS})`)
      .execute()
      .catch(() => undefined);
  const timer = setInterval(prune, 10 * 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
