import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type App, buildApp } from '@server/app';
import { createKysely } from '@server/db/database';
import type { Database } from '@server/db/schema';
import type { Kysely } from 'kysely';
import { inject } from 'vitest';
import { poolTargetOf } from './databases';

let shared: Kysely<Database> | undefined;
const apps: App[] = [];

/** The run's shared database, one pool per test file. */
export function testDb(): Kysely<Database> {
  shared ??= createKysely(poolTargetOf(inject('database')), { max: 5 });
  return shared;
}

export const testEngine = () => inject('database').engine;

/** The real HTTP app on the test database, exercised in-process through `app.inject`. */
export async function buildTestApp(
  options: { loginAttemptsPerMinute?: number; attachmentMaxBytes?: number; db?: Kysely<Database> } = {},
): Promise<App> {
  const app = await buildApp({
    db: options.db ?? testDb(),
    engine: testEngine(),
    attachments: {
      root: fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-attachments-')),
      maxBytes: options.attachmentMaxBytes ?? 5 * 1024 * 1024,
    },
    loginAttemptsPerMinute: options.loginAttemptsPerMinute ?? 10_000,
  });
  await app.ready();
  apps.push(app);
  return app;
}

export async function closeTestDb(): Promise<void> {
  await Promise.all(apps.splice(0).map((app) => app.close()));
  await shared?.destroy();
  shared = undefined;
}
