/**
 * Moves the GIN indexes' pending entries into the index off the intake's commit path.
 *
 * A GIN index with `fastupdate` (PostgreSQL's default) appends new keys to a pending list; the statement that
 * pushes the list past `gin_pending_list_limit` (4 MB) merges all of it into the index before it returns. Every
 * message rewrites its ticket's row, so the search and order-number indexes take the thread's keys again each
 * time: at 3,000 messages a second the list filled every 2–3 s and the unlucky group commit took 120–240 ms
 * longer (docs/performance.md). Merging from here, every half second, keeps the list short; an inserting statement
 * that finds a merge under way does not wait for it, and none is left for it to do.
 */
import type { Database } from '@server/db/schema';
import { type Kysely, sql } from 'kysely';

const INTERVAL_MS = 500;

/** The GIN indexes of Kefu's tables (they are all in the schema the connection uses). */
export async function ginIndexNames(db: Kysely<Database>): Promise<string[]> {
  const rows = await sql<{ name: string }>`
    SELECT c.relname AS name
    FROM pg_class c
    JOIN pg_am a ON a.oid = c.relam
    WHERE a.amname = 'gin' AND c.relkind = 'i' AND c.relnamespace = current_schema()::regnamespace
    ORDER BY c.relname`.execute(db);
  return rows.rows.map((row) => row.name);
}

/**
 * Merges every GIN index's pending list now, in one statement (the cleaner runs on idle desks too); returns the
 * pending-list pages merged (0 when all were empty).
 */
export async function cleanPendingLists(db: Kysely<Database>, indexes?: readonly string[]): Promise<number> {
  const names = indexes ?? (await ginIndexNames(db));
  if (names.length === 0) return 0;
  const result = await sql<{ pages: number }>`
    SELECT coalesce(sum(gin_clean_pending_list(to_regclass(name))), 0)::int AS pages
    FROM unnest(${[...names]}::text[]) AS name`.execute(db);
  return Number(result.rows[0]?.pages ?? 0);
}

/** Runs on every app process; two merging at once is harmless (the second finds the list empty). */
export function startPendingListCleaner(db: Kysely<Database>): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let indexes: string[] | null = null;
  const tick = () => {
    running = (async () => {
      try {
        indexes ??= await ginIndexNames(db);
        await cleanPendingLists(db, indexes);
      } catch {
        // A failed merge is left to the next tick or to the inserting statements, as without this cleaner.
      }
      if (!stopped) {
        timer = setTimeout(tick, INTERVAL_MS);
        timer.unref();
      }
    })();
  };
  timer = setTimeout(tick, INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
