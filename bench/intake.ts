/**
 * `npm run bench -- intake`: inbound messages through the signed API channel, end to end (HTTP, signature, masking,
 * group commit, realtime push), on PostgreSQL and on the embedded engine. The server runs in this process (so its
 * event loop can be sampled); the load comes from a second process (intake-load.ts).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildApp } from '@server/app';
import { hashPassword } from '@server/auth/passwords';
import { createChannelAccount } from '@server/channels/service';
import { createKysely, openDatabase } from '@server/db/database';
import { migrateToLatest } from '@server/db/migrate';
import type { Database } from '@server/db/schema';
import { Keyring } from '@server/privacy/keyring';
import { loadMasterKeys } from '@server/privacy/master-key';
import { login } from '@server/test/kefu-http';
import { startKefuProcess } from '@server/test/kefu-process';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { cpuSecondsByProcess, cpuUsedBetween } from './process-cpu';

const DURATION_SECONDS = Number(process.env.BENCH_INTAKE_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_INTAKE_CONNECTIONS ?? 64);
const CONVERSATIONS = 2000;

async function openBenchDatabase(engine: 'postgres' | 'embedded') {
  if (engine === 'postgres') {
    const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS kefu_bench_intake WITH (FORCE)');
    await admin.query('CREATE DATABASE kefu_bench_intake');
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = '/kefu_bench_intake';
    const db = createKysely({ connectionString: url.toString() });
    return { db, url: url.toString() as string | null, close: () => db.destroy() };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-intake-'));
  const database = await openDatabase({ dataDir });
  return {
    db: database.db,
    url: null,
    close: async () => {
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Single-row INSERT commits of the same database, as fast as `clients` loops can go for `seconds`. */
async function rawCommitRate(db: Kysely<Database>, clients: number, seconds: number) {
  await sql`CREATE TABLE IF NOT EXISTS bench_commits (id bigserial PRIMARY KEY, body text NOT NULL)`.execute(
    db,
  );
  let commits = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        await sql`INSERT INTO bench_commits (body) VALUES (${'你好，订单还没发货'})`.execute(db);
        commits += 1;
      }
    }),
  );
  return Math.round(commits / seconds);
}

function runLoad(options: Record<string, unknown>): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('bench/intake-load.ts')], {
      env: { ...process.env, BENCH_LOAD: JSON.stringify(options) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`load generator exited with ${code}`));
      resolve(JSON.parse(output.trim().split('\n').at(-1) ?? '{}'));
    });
  });
}

export async function measureIntake(engine: 'postgres' | 'embedded'): Promise<string[]> {
  const database = await openBenchDatabase(engine);
  const { db } = database;
  await migrateToLatest(db);
  const serialCommits = await rawCommitRate(db, 1, 5);
  const concurrentCommits = await rawCommitRate(db, 16, 5);

  const workspace = await db
    .insertInto('workspaces')
    .values({ name: '压测商城', slug: `bench-${randomBytes(3).toString('hex')}`, settings: '{}' })
    .returningAll()
    .executeTakeFirstOrThrow();
  const password = 'bench passphrase for intake';
  const admin = await db
    .insertInto('users')
    .values({
      workspace_id: workspace.id,
      email: 'bench@kefu.example',
      name: '压测管理员',
      role: 'admin',
      password_hash: await hashPassword(password),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const masterKeyHex = randomBytes(32).toString('hex');
  const masterKeys = loadMasterKeys({
    masterKey: masterKeyHex,
    previousMasterKeys: [],
    dataDir: os.tmpdir(),
  });
  const attachmentsRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-files-'));
  const app = await buildApp({
    db,
    engine,
    masterKeys,
    attachments: { root: attachmentsRoot, maxBytes: 5 * 1024 * 1024 },
    listenUrl: database.url,
    loginAttemptsPerMinute: 1000,
  });
  await app.kefu.realtime.start();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const { signingSecret, row } = await createChannelAccount(db, new Keyring(db, masterKeys), {
    actor: { via: 'session', userId: admin.id, workspaceId: workspace.id, role: 'admin' },
    input: {
      kind: 'api',
      platform: 'taobao',
      name: '千牛桥接（压测）',
      callbackUrl: null,
      rateLimitPerSecond: 100,
    },
  });
  const channel = { id: row.id, secret: signingSecret };
  const session = (await login(baseUrl, { email: admin.email, password })).session;

  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  const cpuBefore = cpuSecondsByProcess();
  const throughput = await runLoad({
    baseUrl,
    channel,
    phase: 'throughput',
    durationSeconds: DURATION_SECONDS,
    connections: CONNECTIONS,
    conversations: CONVERSATIONS,
  });
  lag.disable();
  const cpu = cpuUsedBetween(cpuBefore, cpuSecondsByProcess(), (pid, name) => {
    if (pid === process.pid) return 'server';
    return name === 'postgres' ? 'postgres' : null;
  });
  const screen = await runLoad({
    baseUrl,
    channel,
    phase: 'screen',
    durationSeconds: 10,
    connections: CONNECTIONS,
    rate: 1000,
    session,
    conversations: CONVERSATIONS,
  });
  // PostgreSQL: the agent connected to a second app process (a real `server/main.ts`) sees what this one accepts.
  let crossProcess: Record<string, number> | null = null;
  if (database.url) {
    const other = await startKefuProcess({
      DATABASE_URL: database.url,
      KEFU_MASTER_KEY: masterKeyHex,
      KEFU_DEMO: '0',
      HOST: '127.0.0.1',
    });
    try {
      crossProcess = await runLoad({
        baseUrl,
        agentBaseUrl: other.baseUrl,
        channel,
        phase: 'screen',
        durationSeconds: 10,
        connections: CONNECTIONS,
        rate: 1000,
        session,
        conversations: CONVERSATIONS,
      });
    } finally {
      await other.stop();
    }
  }
  const stored = await db
    .selectFrom('ticket_messages')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('channel_account_id', '=', channel.id)
    .executeTakeFirstOrThrow();
  await app.close();
  await database.close();
  fs.rmSync(attachmentsRoot, { recursive: true, force: true });

  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  const perSecond = throughput.messagesPerSecond ?? 0;
  const cpuPerMessage = (seconds = 0) =>
    ((seconds * 1000) / Math.max(1, throughput.accepted ?? 0)).toFixed(3);
  return [
    `  raw single-row commits, 1 client / 16 clients       ${serialCommits.toLocaleString('en')} / ${concurrentCommits.toLocaleString('en')} per s`,
    `  inbound messages, ${CONNECTIONS} connections, ${DURATION_SECONDS} s            ${perSecond.toLocaleString('en')} msg/s (${throughput.accepted} accepted, ${throughput.rejected} non-2xx, ${throughput.errors} errors)`,
    `  ack latency p50 / p99                               ${throughput.ackP50Ms} / ${throughput.ackP99Ms} ms`,
    `  ratio to raw commits, 1 client / 16 clients         ${(perSecond / serialCommits).toFixed(2)} / ${(perSecond / concurrentCommits).toFixed(2)}`,
    `  server event-loop lag p50 / p99 / max under load    ${ms(lag.percentile(50))} / ${ms(lag.percentile(99))} / ${ms(lag.max)} ms`,
    `  message → agent screen at ${screen.messagesPerSecond} msg/s, p50 / p99     ${screen.screenP50Ms} / ${screen.screenP99Ms} ms (${screen.probesSeen} of ${screen.probes} probes seen)`,
    ...(crossProcess
      ? [
          `  … agent on a second app process, p50 / p99           ${crossProcess.screenP50Ms} / ${crossProcess.screenP99Ms} ms at ${crossProcess.messagesPerSecond} msg/s (${crossProcess.probesSeen} of ${crossProcess.probes} probes seen)`,
        ]
      : []),
    `  CPU per message: server / PostgreSQL / load generator ${cpuPerMessage(cpu.server)} / ${cpuPerMessage(cpu.postgres)} / ${cpuPerMessage(throughput.cpuSeconds)} ms`,
    `  messages stored (every 2xx, exactly once)           ${Number(stored.n).toLocaleString('en')}`,
  ];
}
