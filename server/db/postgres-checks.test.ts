import { testDb, testEngine } from '@server/test/context';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { postgresServerWarnings } from './postgres-checks';

describe('PostgreSQL server settings checked at start', () => {
  it('warns when autovacuum is off, and only then', async () => {
    if (testEngine() !== 'postgres') return;
    const setting = await sql<{ autovacuum: string }>`SHOW autovacuum`.execute(testDb());
    const warnings = await postgresServerWarnings(testDb());
    expect(warnings.some((warning) => warning.includes('autovacuum is off'))).toBe(
      setting.rows[0]?.autovacuum !== 'on',
    );
  });
});
