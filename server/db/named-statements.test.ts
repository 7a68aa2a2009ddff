import { testDb, testEngine } from '@server/test/context';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { PREPARED } from './named-statements';

describe('statements prepared once per connection', () => {
  it('prepares a marked statement on PostgreSQL (never on the embedded engine) and answers each execution with its own values', async () => {
    await testDb()
      .connection()
      .execute(async (db) => {
        // Past the fifth execution PostgreSQL may switch to a generic plan: the answers must not change with it.
        for (let n = 1; n <= 8; n++) {
          const result = await sql<{ doubled: number }>`
            SELECT x * 2 AS doubled FROM unnest(${[n, n + 1]}::int[]) AS x ORDER BY x ${PREPARED}`.execute(
            db,
          );
          expect(result.rows.map((row) => row.doubled)).toEqual([n * 2, n * 2 + 2]);
        }
        const prepared = await sql<{ statement: string }>`
          SELECT statement FROM pg_prepared_statements WHERE statement LIKE '%AS doubled FROM unnest%'`.execute(
          db,
        );
        expect(prepared.rows).toHaveLength(testEngine() === 'postgres' ? 1 : 0);
      });
  });
});
