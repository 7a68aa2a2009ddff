import type { Database } from '@server/db/schema';
import { type Kysely, sql } from 'kysely';

/** How long the stream keeps events for reconnecting clients; one that was away longer reloads instead. */
export const REALTIME_RETENTION_HOURS = 24;

/** Hourly, on every app process (deleting twice is harmless): drops stream rows past the retention window. */
export function startRealtimePruning(db: Kysely<Database>): { stop(): void } {
  const prune = () =>
    db
      .deleteFrom('realtime_events')
      .where('created_at', '<', sql<Date>`now() - make_interval(hours => ${REALTIME_RETENTION_HOURS})`)
      .execute()
      .catch(() => undefined);
  const timer = setInterval(prune, 60 * 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
