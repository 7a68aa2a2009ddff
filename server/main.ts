import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '@server/app';
import { ConfigError, loadConfig } from '@server/config';
import { openDatabase } from '@server/db/database';
import { DataDirLockedError } from '@server/db/embedded/data-dir-lock';
import { migrateToLatest } from '@server/db/migrate';
import { postgresServerWarnings } from '@server/db/postgres-checks';
import { isDatabaseEmpty, loadDemoWorkspace } from '@server/demo/seed';
import { startMail } from '@server/email/start';
import { HttpProblem } from '@server/http/problem';
import { piplStorage } from '@server/pipl/export-customer';
import { startRetentionScheduler } from '@server/pipl/retention-scheduler';
import { Keyring } from '@server/privacy/keyring';
import { loadMasterKeys, MasterKeyError } from '@server/privacy/master-key';
import { PersonalDataVault } from '@server/privacy/vault';
import { startRealtimePruning } from '@server/realtime/prune';
import { PresenceSweeper } from '@server/routing/assignment/presence';
import { startPendingListCleaner } from '@server/search/pending-list-cleaner';
import { prepareFirstRun } from '@server/setup/service';
import pino from 'pino';

const startedAt = performance.now();
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function fail(message: string): never {
  process.stderr.write(`\n${message}\n\n`);
  process.exit(1);
}

async function main() {
  const config = loadConfig();
  const logger = pino({
    level: config.logLevel,
    ...(process.stdout.isTTY
      ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname' } } }
      : {}),
  });

  // Keys first: a malformed KEFU_MASTER_KEY should stop the start before anything touches the database.
  const masterKeys = loadMasterKeys(config);
  const database = await openDatabase(config);
  const applied = await migrateToLatest(database.db);
  if (applied.length > 0) logger.info({ migrations: applied.length }, 'database migrated');

  if (database.engine === 'postgres' && masterKeys.source === 'key file') {
    logger.warn(
      'KEFU_MASTER_KEY is not set: using the key file in KEFU_DATA_DIR; every app node must share one key',
    );
  }
  if (database.engine === 'postgres') {
    for (const warning of await postgresServerWarnings(database.db)) logger.warn(warning);
  }
  // A master-key rotation (new KEFU_MASTER_KEY, old one in KEFU_PREVIOUS_MASTER_KEYS) completes here, at start.
  const keyring = new Keyring(database.db, masterKeys);
  const rewrapped = await keyring.rewrapDataKeys();
  if (rewrapped > 0)
    logger.info({ dataKeys: rewrapped }, 'data keys re-wrapped under the current master key');

  const wasEmpty = await isDatabaseEmpty(database.db);
  const firstRun = await prepareFirstRun(database.db, config);
  const demo =
    wasEmpty && config.loadDemo
      ? await loadDemoWorkspace(database.db, {
          ...config,
          vault: new PersonalDataVault(database.db, keyring),
        })
      : undefined;

  const app = await buildApp({
    db: database.db,
    engine: database.engine,
    masterKeys,
    logger,
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    testHooks: config.testHooks,
    webAppDir: path.join(repoRoot, 'dist', 'app'),
    widgetDir: path.join(repoRoot, 'dist', 'widget'),
    widgetSessionsPerMinute: config.widgetSessionsPerMinute,
    allowCustomPlatformUrls: config.allowCustomPlatformUrls,
    attachments: { root: path.join(config.dataDir, 'attachments'), maxBytes: config.attachmentMaxBytes },
    listenUrl: database.engine === 'postgres' ? (config.databaseUrl ?? null) : null,
  });
  // Other app processes' commits reach this one's agents through LISTEN; replies are delivered from here too.
  await app.kefu.realtime.start();
  app.kefu.outbox.start();
  for (const adapter of Object.values(app.kefu.platforms)) adapter.start?.();
  // Warnings, breaches and escalations: every process sweeps; SKIP LOCKED shares the due clocks between them.
  app.kefu.serviceLevels.deps.scheduler.start();
  app.kefu.serviceLevels.deps.webhooks.start();
  const realtimePruning = startRealtimePruning(database.db);
  // Search-index upkeep between commits rather than inside one (server/search/pending-list-cleaner.ts).
  const pendingListCleaner = startPendingListCleaner(database.db);
  // Online agents who left without saying so turn away after the workspace's idle minutes: no tickets for them.
  const presence = new PresenceSweeper({ db: database.db, log: logger });
  presence.start();
  await app.listen({ port: config.port, host: config.host });
  const mail = await startMail({
    db: database.db,
    intake: app.kefu.intake,
    keyring,
    smtp: config.smtp,
    logger,
    onCommitted: (workspaceId) => {
      app.kefu.realtime.poke(workspaceId);
      app.kefu.outbox.wake();
    },
  });
  // Daily: anonymise what outlived each workspace's retention period, delete old export archives.
  const retention = startRetentionScheduler({
    db: database.db,
    storage: piplStorage(path.join(config.dataDir, 'attachments')),
    log: logger,
  });

  const lines = [
    `Kefu is ready at ${config.publicUrl} (${database.engine} database) in ${Math.round(performance.now() - startedAt)} ms`,
  ];
  if (mail.smtpPort !== null)
    lines.push(`Mail to the mailboxes' addresses is received on SMTP port ${mail.smtpPort}.`);
  if (firstRun.kind === 'setup_link') {
    lines.push(`Create the first admin account (link valid until ${firstRun.expiresAt.toISOString()}):`);
    lines.push(`  ${config.publicUrl}/setup?token=${firstRun.token}`);
  }
  if (firstRun.kind === 'admin_created') lines.push(`Admin account created for ${firstRun.email}.`);
  if (demo) {
    lines.push(
      `Demo workspace 示例商城 loaded. Log in as ${demo.emails[0]?.email} with password ${demo.password}`,
    );
    lines.push(`  (all demo accounts, one per role, are listed in ${demo.file})`);
  }
  process.stdout.write(`\n${lines.join('\n')}\n\n`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    // Stop accepting, let in-flight requests finish, then close the database (flushes the embedded files).
    await retention.stop();
    await presence.stop();
    // Mail not yet committed is not acknowledged: its sender retries, as with any interrupted SMTP session.
    await mail.stop();
    realtimePruning.stop();
    await pendingListCleaner.stop();
    // Closing the app drains intake (messages already acknowledged are committed), stops the outbox and LISTEN.
    await app.close();
    await database.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    error instanceof DataDirLockedError ||
    error instanceof MasterKeyError
  ) {
    fail(error.message);
  }
  if (error instanceof HttpProblem) {
    fail(
      `Start-up stopped: ${error.message}${error.errors.map((e) => `\n  ${e.path}: ${e.message}`).join('')}`,
    );
  }
  throw error;
});
