import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type App, type AppOptions, buildApp } from '@server/app';
import { createKysely } from '@server/db/database';
import type { Database } from '@server/db/schema';
import { Keyring } from '@server/privacy/keyring';
import { loadMasterKeys, type MasterKeys } from '@server/privacy/master-key';
import { PersonalDataVault } from '@server/privacy/vault';
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

/** The test run's master key: fixed, so every test file's keyring opens what another file sealed. */
export const TEST_MASTER_KEY = '6b6566752d746573742d6d61737465722d6b65792d30303030303030303030ab';

export function testMasterKeys(masterKey = TEST_MASTER_KEY, previousMasterKeys: string[] = []): MasterKeys {
  return loadMasterKeys({ masterKey, previousMasterKeys, dataDir: os.tmpdir() });
}

let vault: PersonalDataVault | undefined;

/** The vault the test app uses, for factories that store customer text the way intake does. */
export function testVault(db: Kysely<Database> = testDb()): PersonalDataVault {
  if (db !== testDb()) return new PersonalDataVault(db, new Keyring(db, testMasterKeys()));
  vault ??= new PersonalDataVault(db, new Keyring(db, testMasterKeys()));
  return vault;
}

/** The real HTTP app on the test database, exercised in-process through `app.inject`. */
export async function buildTestApp(
  options: {
    loginAttemptsPerMinute?: number;
    attachmentMaxBytes?: number;
    db?: Kysely<Database>;
    masterKeys?: MasterKeys;
    outbox?: AppOptions['outbox'];
    /** The SLA clock; tests move it instead of sleeping. */
    clock?: AppOptions['clock'];
    allowCustomPlatformUrls?: boolean;
  } = {},
): Promise<App> {
  const app = await buildApp({
    db: options.db ?? testDb(),
    engine: testEngine(),
    masterKeys: options.masterKeys ?? testMasterKeys(),
    attachments: {
      root: fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-attachments-')),
      maxBytes: options.attachmentMaxBytes ?? 5 * 1024 * 1024,
    },
    loginAttemptsPerMinute: options.loginAttemptsPerMinute ?? 10_000,
    ...(options.outbox ? { outbox: options.outbox } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    // Platform accounts in tests talk to local fakes (server/test/fakes).
    allowCustomPlatformUrls: options.allowCustomPlatformUrls ?? true,
  });
  await app.ready();
  apps.push(app);
  return app;
}

export async function closeTestDb(): Promise<void> {
  await Promise.all(apps.splice(0).map((app) => app.close()));
  await shared?.destroy();
  shared = undefined;
  vault = undefined;
}
