import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createKysely, type PoolTarget } from '@server/db/database';
import { lockDataDir } from '@server/db/embedded/data-dir-lock';
import { startEmbeddedServer } from '@server/db/embedded/embedded-server';
import { migrateToLatest } from '@server/db/migrate';
import type { Database } from '@server/db/schema';
import type { Kysely } from 'kysely';
import pg from 'pg';

/** Where tests find their database: the embedded engine started by global setup, or PostgreSQL. */
export type TestDatabaseTarget =
  | { engine: 'embedded'; host: string; port: number }
  | { engine: 'postgres'; url: string };

export function poolTargetOf(target: TestDatabaseTarget): PoolTarget {
  return target.engine === 'postgres'
    ? { connectionString: target.url }
    : { host: target.host, port: target.port };
}

/** initdb of the embedded engine takes seconds; it happens once per run, and tests copy the result. */
export async function createEmbeddedTemplate(templateDir: string): Promise<void> {
  const lock = lockDataDir(templateDir);
  const server = await startEmbeddedServer({ dataDir: templateDir });
  const db = createKysely(server.connection, { max: 1 });
  await migrateToLatest(db);
  await db.destroy();
  await server.stop();
  lock.release();
  fs.rmSync(path.join(templateDir, 'run'), { recursive: true, force: true });
}

export function copyTemplate(templateDir: string, label = 'db'): string {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `kefu-${label}-`));
  fs.cpSync(templateDir, dataDir, { recursive: true });
  return dataDir;
}

/** A fresh, empty PostgreSQL database next to the run's one; `drop` removes it, whoever is still connected. */
export async function createScratchDatabase(serverUrl: string, prefix: string) {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export interface IsolatedDatabase {
  db: Kysely<Database>;
  close(): Promise<void>;
}

/**
 * A database of its own, migrated, for tests of whole-database behaviour (first run, demo loading) that the
 * shared per-run database cannot give. Same engine as the rest of the run.
 */
export async function openIsolatedDatabase(
  target: TestDatabaseTarget,
  templateDir: string,
): Promise<IsolatedDatabase> {
  if (target.engine === 'postgres') {
    const scratch = await createScratchDatabase(target.url, 'kefu_isolated');
    const db = createKysely({ connectionString: scratch.url }, { max: 4 });
    await migrateToLatest(db);
    return {
      db,
      async close() {
        await db.destroy();
        await scratch.drop();
      },
    };
  }
  const dataDir = copyTemplate(templateDir, 'isolated');
  const lock = lockDataDir(dataDir);
  const server = await startEmbeddedServer({ dataDir });
  const db = createKysely(server.connection, { max: 4 });
  return {
    db,
    async close() {
      await db.destroy();
      await server.stop();
      lock.release();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
