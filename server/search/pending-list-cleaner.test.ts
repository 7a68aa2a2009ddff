import { testDb } from '@server/test/context';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { cleanPendingLists, ginIndexNames, startPendingListCleaner } from './pending-list-cleaner';

describe('GIN pending lists merged off the commit path', () => {
  it('merges what inserts left pending, so the next insert past the limit has nothing to merge', async () => {
    // Its own connection and a temporary table: other test files write the shared tickets meanwhile.
    await testDb()
      .connection()
      .execute(async (db) => {
        await sql`CREATE TEMP TABLE pending_probe (words tsvector)`.execute(db);
        await sql`CREATE INDEX pending_probe_idx ON pending_probe USING gin (words)`.execute(db);
        await sql`
          INSERT INTO pending_probe
          SELECT to_tsvector('simple', '退货 物流 订单' || n) FROM generate_series(1, 300) AS n`.execute(db);

        expect(await cleanPendingLists(db, ['pending_probe_idx'])).toBeGreaterThan(0);
        expect(await cleanPendingLists(db, ['pending_probe_idx'])).toBe(0);
        // Merged entries are still found, now through the index itself.
        const found = await sql<{ n: number }>`
          SELECT count(*)::int AS n FROM pending_probe WHERE words @@ to_tsquery('simple', '订单7')`.execute(
          db,
        );
        expect(found.rows[0]?.n).toBe(1);
        await sql`DROP TABLE pending_probe`.execute(db);
      });
  });

  it('finds the search and order-number indexes of tickets, and stops without leaving a merge running', async () => {
    const names = await ginIndexNames(testDb());
    expect(names).toEqual(expect.arrayContaining(['tickets_search_idx', 'tickets_order_numbers_idx']));
    const cleaner = startPendingListCleaner(testDb());
    await new Promise((resolve) => setTimeout(resolve, 700));
    await cleaner.stop();
  });
});
