/** Helpers for the PIPL tests: personal data that is unique per test, and uploads through the real route. */
import { randomBytes, randomInt } from 'node:crypto';
import { idCardCheckCharacter } from '@server/privacy/checksums';
import type { TestClient } from '@server/test/client';
import { testDb } from '@server/test/context';
import { sql } from 'kysely';

export const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  randomBytes(300),
]);

const digits = (count: number) => Array.from({ length: count }, () => randomInt(10)).join('');

/**
 * A person nobody else in the shared test database has: every value is random, so that a search of the whole
 * database for it finds only what this test stored.
 */
export function uniquePerson() {
  const tag = randomBytes(4).toString('hex');
  const birth = `19${randomInt(50, 99)}0${randomInt(1, 9)}1${randomInt(0, 9)}`;
  const idFirst17 = `110105${birth}${digits(3)}`;
  return {
    tag,
    name: `欧阳${tag}`,
    phone: `139${digits(8)}`,
    email: `ouyang.${tag}@example.test`,
    wechatId: `o6_${tag}${digits(6)}`,
    idCard: `${idFirst17}${idCardCheckCharacter(idFirst17)}`,
    street: `建国路${randomInt(100, 999)}号院${randomInt(10, 99)}号楼${randomInt(100, 999)}室`,
    get address() {
      return `北京市朝阳区${this.street}`;
    },
  };
}

/** Polls an export job until it leaves `running`. */
export async function finishedJob(client: TestClient, jobId: string) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const job = (await client.get(`/api/v1/privacy-jobs/${jobId}`)).json();
    if (job.status !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('export did not finish');
}

/**
 * The indexes of the public schema whose files, read after a checkpoint, contain one of the needles: a GIN index
 * keeps a key on its pages even when no row points at it any more, which a row search cannot see.
 */
export async function indexFilesHolding(needles: string[]) {
  await sql`CHECKPOINT`.execute(testDb());
  const found = await sql<{ index: string; needle: string }>`
    SELECT c.relname AS index, n.needle
    FROM pg_class c
    JOIN pg_namespace ns ON ns.oid = c.relnamespace AND ns.nspname = current_schema()
    CROSS JOIN unnest(${needles}::text[]) AS n(needle)
    WHERE c.relkind = 'i'
      AND position(convert_to(n.needle, 'UTF8') IN pg_read_binary_file(pg_relation_filepath(c.oid))) > 0`.execute(
    testDb(),
  );
  return found.rows;
}
