import fs from 'node:fs';
import path from 'node:path';
import { testDb } from '@server/test/context';
import { describe, expect, it } from 'vitest';
import { pendingMigrations } from './migrate';
import { migrations } from './migrations';

describe('migrations', () => {
  it('lists every migration file, in time order, each named <timestamp>_<one change>', () => {
    const files = fs
      .readdirSync(path.resolve('server/db/migrations'))
      .filter((file) => /^\d{14}_.+\.ts$/.test(file))
      .map((file) => file.replace(/\.ts$/, ''))
      .sort();
    expect(Object.keys(migrations)).toEqual(files);
  });

  it('leaves nothing pending on the engine under test', async () => {
    expect(await pendingMigrations(testDb())).toEqual([]);
  });
});
