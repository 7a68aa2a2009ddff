import { createKysely } from '@server/db/database';
import { poolTargetOf } from '@server/test/databases';
import { sql } from 'kysely';
import { describe, expect, inject, it } from 'vitest';

/** Several pools, like several app nodes or test workers; on the embedded engine they share one backend session. */
describe('many connections on one embedded database', () => {
  const target = inject('database');

  it('gives every concurrent parameterised query its own answer', async () => {
    const pools = [
      createKysely(poolTargetOf(target), { max: 4 }),
      createKysely(poolTargetOf(target), { max: 4 }),
    ];
    const answers = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const pool = pools[i % 2] as (typeof pools)[number];
        const result = await sql<{
          n: number;
          label: string;
        }>`SELECT ${i}::int AS n, ${`row-${i}`}::text AS label`.execute(pool);
        return result.rows[0];
      }),
    );
    expect(answers).toEqual(Array.from({ length: 200 }, (_, i) => ({ n: i, label: `row-${i}` })));
    await Promise.all(pools.map((pool) => pool.destroy()));
  });

  it('keeps transactions isolated: a rollback leaves nothing, others wait their turn', async () => {
    const db = createKysely(poolTargetOf(target), { max: 6 });
    const table = `mux_${Date.now()}`;
    await sql`CREATE TABLE ${sql.table(table)} (n int)`.execute(db);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction().execute(async (tx) => {
          await sql`INSERT INTO ${sql.table(table)} VALUES (${i})`.execute(tx);
          await new Promise((resolve) => setTimeout(resolve, 2));
          const seen = await sql<{
            c: number;
          }>`SELECT count(*)::int AS c FROM ${sql.table(table)} WHERE n = ${i}`.execute(tx);
          if (seen.rows[0]?.c !== 1) throw new Error('lost my own insert');
          if (i % 2 === 1) throw new Error('roll back odd rows');
        }),
      ),
    );
    expect(
      outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason.message),
    ).toEqual(Array(10).fill('roll back odd rows'));
    const rows = await sql<{ n: number }>`SELECT n FROM ${sql.table(table)} ORDER BY n`.execute(db);
    expect(rows.rows.map((row) => row.n)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    await sql`DROP TABLE ${sql.table(table)}`.execute(db);
    await db.destroy();
  });
});
