import fs from 'node:fs';
import path from 'node:path';
import { createKysely } from '@server/db/database';
import { lockDataDir } from '@server/db/embedded/data-dir-lock';
import { startEmbeddedServer } from '@server/db/embedded/embedded-server';
import type { Database } from '@server/db/schema';
import type { Kysely } from 'kysely';
import { TEST_MASTER_KEY } from './context';
import { copyTemplate, createScratchDatabase, type TestDatabaseTarget } from './databases';

export const PROCESS_ADMIN = { email: 'owner@process.example', password: 'process test passphrase 2026' };

/**
 * A database of its own for tests that run real Kefu processes (`server/main.ts`): a fresh PostgreSQL database, or
 * a copy of the migrated embedded template. `env` starts a process on it; `inspect` opens it from the test once the
 * processes are gone (the embedded engine belongs to one process at a time).
 */
export async function processDatabase(target: TestDatabaseTarget, templateDir: string) {
  const common = {
    KEFU_ADMIN_EMAIL: PROCESS_ADMIN.email,
    KEFU_ADMIN_PASSWORD: PROCESS_ADMIN.password,
    KEFU_DEMO: '0',
    KEFU_MASTER_KEY: TEST_MASTER_KEY,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
  };
  if (target.engine === 'postgres') {
    const scratch = await createScratchDatabase(target.url, 'kefu_process');
    return {
      env: { ...common, DATABASE_URL: scratch.url },
      async inspect<T>(read: (db: Kysely<Database>) => Promise<T>): Promise<T> {
        const db = createKysely({ connectionString: scratch.url }, { max: 2 });
        try {
          return await read(db);
        } finally {
          await db.destroy();
        }
      },
      cleanup: scratch.drop,
    };
  }
  const dataDir = copyTemplate(templateDir, 'process');
  return {
    env: { ...common, KEFU_DATA_DIR: dataDir },
    async inspect<T>(read: (db: Kysely<Database>) => Promise<T>): Promise<T> {
      const lock = lockDataDir(dataDir);
      const server = await startEmbeddedServer({ dataDir });
      const db = createKysely(server.connection, { max: 2 });
      try {
        return await read(db);
      } finally {
        await db.destroy();
        await server.stop();
        lock.release();
      }
    },
    async cleanup() {
      fs.rmSync(path.resolve(dataDir), { recursive: true, force: true });
    },
  };
}
