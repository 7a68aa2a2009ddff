import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createKysely } from '@server/db/database';
import { lockDataDir } from '@server/db/embedded/data-dir-lock';
import { startEmbeddedServer } from '@server/db/embedded/embedded-server';
import { migrateToLatest } from '@server/db/migrate';
import type { TestProject } from 'vitest/node';
import { copyTemplate, createEmbeddedTemplate, type TestDatabaseTarget } from './databases';

declare module 'vitest' {
  export interface ProvidedContext {
    database: TestDatabaseTarget;
    templateDir: string;
  }
}

/**
 * Once per run: build the embedded template (initdb + migrations), then start the database every test file
 * shares — PostgreSQL when TEST_DATABASE_URL is set, otherwise a copy of the template. Tests isolate themselves
 * by creating their own workspace, as users of one Kefu installation do.
 */
export default async function setup(project: TestProject) {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-test-'));
  const templateDir = path.join(runDir, 'template');
  await createEmbeddedTemplate(templateDir);
  project.provide('templateDir', templateDir);

  const postgresUrl = process.env.TEST_DATABASE_URL;
  if (postgresUrl) {
    const db = createKysely({ connectionString: postgresUrl }, { max: 1 });
    await migrateToLatest(db);
    await db.destroy();
    project.provide('database', { engine: 'postgres', url: postgresUrl });
    return async () => fs.rmSync(runDir, { recursive: true, force: true });
  }

  const dataDir = copyTemplate(templateDir, 'shared');
  const lock = lockDataDir(dataDir);
  const server = await startEmbeddedServer({ dataDir });
  project.provide('database', { engine: 'embedded', ...server.connection });
  return async () => {
    await server.stop();
    lock.release();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(runDir, { recursive: true, force: true });
  };
}
