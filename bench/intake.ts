/**
 * `npm run bench -- intake`: inbound messages through the signed API channel, end to end (HTTP, signature, masking,
 * group commit, realtime push), on PostgreSQL and on the embedded engine. The server runs in this process (so its
 * event loop can be sampled); the load comes from a second process (intake-load.ts).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import inspector from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildApp } from '@server/app';
import { hashPassword } from '@server/auth/passwords';
import { CalendarCache } from '@server/calendars/repo';
import { createChannelAccount } from '@server/channels/service';
import { createKysely, openDatabase } from '@server/db/database';
import { migrateToLatest } from '@server/db/migrate';
import { autovacuumIsOn } from '@server/db/postgres-checks';
import type { Database } from '@server/db/schema';
import { Keyring } from '@server/privacy/keyring';
import { loadMasterKeys } from '@server/privacy/master-key';
import { startPendingListCleaner } from '@server/search/pending-list-cleaner';
import { installPreset } from '@server/sla/apply-preset';
import { login, postSignedHttp } from '@server/test/kefu-http';
import { startKefuProcess } from '@server/test/kefu-process';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { cpuSecondsByProcess, cpuUsedBetween } from './process-cpu';

const DURATION_SECONDS = Number(process.env.BENCH_INTAKE_SECONDS ?? 15);
const SCREEN_CONNECTIONS = 64;
const CONVERSATIONS = 2000;
/** The targets: 3,000 messages/s on PostgreSQL, 1,000 on the embedded engine. */
const sustainedRateOf = (engine: 'postgres' | 'embedded') =>
  Number(process.env.BENCH_INTAKE_RATE ?? (engine === 'postgres' ? 3000 : 1000));

/**
 * PostgreSQL on the same machine is reached through its Unix socket, as a single-host install should be: a TCP
 * round trip over loopback costs both processes more CPU (on 2 cores, 5–10 % of the intake's throughput).
 */
function defaultPostgresUrl() {
  return fs.existsSync('/var/run/postgresql/.s.PGSQL.5432')
    ? 'postgres://postgres@localhost/postgres?host=/var/run/postgresql'
    : 'postgres://postgres@127.0.0.1:5432/postgres';
}

async function openBenchDatabase(engine: 'postgres' | 'embedded') {
  if (engine === 'postgres') {
    const adminUrl = process.env.BENCH_DATABASE_URL ?? defaultPostgresUrl();
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

/**
 * Steady state first: every conversation of the run already has its customer and ticket, as on a desk that has been
 * open for a while (a conversation's first message also creates a customer and a numbered ticket).
 */
async function openConversations(baseUrl: string, channel: { id: string; secret: string }) {
  for (let first = 0; first < CONVERSATIONS; first += 100) {
    const messages = Array.from({ length: 100 }, (_, i) => ({
      externalId: `warm-${first + i}`,
      conversationId: `bench-conv-${first + i}`,
      sender: { id: `bench-buyer-${first + i}`, nickname: `买家${first + i}` },
      text: '你好，在吗？',
    }));
    const response = await postSignedHttp(baseUrl, channel, { messages }, 'messages/batch');
    if (!response.ok) throw new Error(`warm-up failed: ${response.status}`);
  }
}

interface ThroughputFigures {
  messagesPerSecond: number;
  ackP50Ms: number;
  ackP99Ms: number;
  cpuMs: { server: string; postgres: string; load: string };
}

/** Sustained load for DURATION_SECONDS from the load generator, with the CPU each process spent per message. */
async function throughputPhase(options: {
  baseUrl: string;
  channel: { id: string; secret: string };
  batch: number;
  connections: number;
  /** Open loop at this many messages/s instead of as many as the connections get answered. */
  sustainedRate?: number;
}): Promise<ThroughputFigures> {
  const before = cpuSecondsByProcess();
  const { sustainedRate, ...load } = options;
  const result = await runLoad({
    ...load,
    ...(sustainedRate ? { phase: 'sustained', rate: sustainedRate } : { phase: 'throughput' }),
    durationSeconds: DURATION_SECONDS,
    conversations: CONVERSATIONS,
  });
  const cpu = cpuUsedBetween(before, cpuSecondsByProcess(), (pid, name) => {
    if (pid === process.pid) return 'server';
    return name === 'postgres' ? 'postgres' : null;
  });
  if (result.rejected || result.errors || result.timeouts) {
    throw new Error(`load was refused: ${JSON.stringify(result)}`);
  }
  const perMessage = (seconds = 0) => ((seconds * 1000) / Math.max(1, result.accepted ?? 0)).toFixed(3);
  return {
    messagesPerSecond: result.messagesPerSecond ?? 0,
    ackP50Ms: result.ackP50Ms ?? 0,
    ackP99Ms: result.ackP99Ms ?? 0,
    cpuMs: {
      server: perMessage(cpu.server),
      postgres: perMessage(cpu.postgres),
      load: perMessage(result.cpuSeconds),
    },
  };
}

/**
 * This machine's PostgreSQL runs with `autovacuum = off` (a test server's setting; no production server runs so).
 * Without it every message's ticket update leaves a dead row version behind and nothing gathers statistics: after
 * a minute at 3,000 messages/s the 2,000 tickets had 89,000 dead versions and, never analysed, lookups by id chose a
 * bitmap over a whole workspace index. The bench therefore does what autovacuum does for these tables on a
 * production server (with a short naptime, as write-heavy installs set it): analyse once the conversations exist,
 * then vacuum the rewritten tables every 5 s. With autovacuum on, it does nothing.
 */
async function startAutovacuumStandIn(db: Kysely<Database>) {
  if (await autovacuumIsOn(db)) return { stop: async () => undefined, standIn: false };
  await sql`VACUUM (ANALYZE)`.execute(db);
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      if (stopped) break;
      await sql`VACUUM (ANALYZE) tickets, channel_conversations, realtime_streams, ticket_sla_clocks`.execute(
        db,
      );
    }
  })();
  return {
    standIn: true,
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}

/** With BENCH_PROFILE=<dir>, the server's CPU profile of one phase is written there (open it in Chrome DevTools). */
async function profiled<T>(phase: string, run: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return run();
  const session = new inspector.Session();
  session.connect();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, (error, result) => (error ? reject(error) : resolve(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `intake-${phase}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
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
  // A real desk times its tickets: seed 000's service levels, so intake starts SLA clocks as in production.
  await installPreset(db, new CalendarCache(), {
    workspaceId: workspace.id,
    presetId: 'multi-platform',
    actorUserId: null,
  });
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
  // As server/main.ts runs it: GIN pending lists merged between commits.
  const pendingListCleaner = startPendingListCleaner(db);
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
      settings: {},
      credentials: {},
    },
  });
  const channel = { id: row.id, secret: signingSecret ?? '' };
  const session = (await login(baseUrl, { email: admin.email, password })).session;

  await openConversations(baseUrl, channel);
  const vacuum = engine === 'postgres' ? await startAutovacuumStandIn(db) : null;
  const sustainedRate = sustainedRateOf(engine);
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  const single = await throughputPhase({ baseUrl, channel, batch: 1, connections: 64 });
  const batched = await throughputPhase({ baseUrl, channel, batch: 20, connections: 8 });
  // The target rate for the engine, evenly spaced in batches of 20: the ack latency at that rate.
  const sustained = await profiled('sustained', () =>
    throughputPhase({ baseUrl, channel, batch: 20, connections: 64, sustainedRate }),
  );
  lag.disable();
  // About 1,000 messages a second (background in batches of 20, probes one by one) while an agent watches.
  const screenPhase = (agentBaseUrl: string) =>
    runLoad({
      baseUrl,
      agentBaseUrl,
      channel,
      phase: 'screen',
      batch: 20,
      durationSeconds: 10,
      connections: SCREEN_CONNECTIONS,
      rate: 1000,
      session,
      conversations: CONVERSATIONS,
    });
  const screen = await screenPhase(baseUrl);
  if (screen.failed) throw new Error(`screen phase: ${screen.failed} requests failed`);
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
      crossProcess = await screenPhase(other.baseUrl);
    } finally {
      await other.stop();
    }
  }
  const stored = await db
    .selectFrom('ticket_messages')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('channel_account_id', '=', channel.id)
    .executeTakeFirstOrThrow();
  await vacuum?.stop();
  await pendingListCleaner.stop();
  await app.close();
  await database.close();
  fs.rmSync(attachmentsRoot, { recursive: true, force: true });

  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  const throughputLines = (label: string, figures: ThroughputFigures) => [
    `  ${label.padEnd(51)} ${figures.messagesPerSecond.toLocaleString('en')} msg/s, ack p50 / p99 ${figures.ackP50Ms} / ${figures.ackP99Ms} ms`,
    `    ratio to raw commits (1 client / 16 clients)      ${(figures.messagesPerSecond / serialCommits).toFixed(2)} / ${(figures.messagesPerSecond / concurrentCommits).toFixed(2)}`,
    `    CPU per message: server / PostgreSQL / load gen   ${figures.cpuMs.server} / ${figures.cpuMs.postgres} / ${figures.cpuMs.load} ms`,
  ];
  const transport = database.url?.includes('host=/') ? 'Unix socket' : database.url ? 'TCP' : 'worker thread';
  return [
    `  database reached through                            ${transport}`,
    ...(vacuum?.standIn
      ? ['  autovacuum is off on this server: the bench vacuums the rewritten tables every 5 s in its place']
      : []),
    `  raw single-row commits, 1 client / 16 clients       ${serialCommits.toLocaleString('en')} / ${concurrentCommits.toLocaleString('en')} per s`,
    ...throughputLines('one message per request, 64 connections', single),
    ...throughputLines('batches of 20 per request, 8 connections', batched),
    ...throughputLines(
      `sustained ${sustainedRate.toLocaleString('en')} msg/s, batches of 20, evenly spaced`,
      sustained,
    ),
    `  server event-loop lag p50 / p99 / max under load    ${ms(lag.percentile(50))} / ${ms(lag.percentile(99))} / ${ms(lag.max)} ms`,
    `  message → agent screen at ${screen.messagesPerSecond} msg/s (batched), p50 / p99 ${screen.screenP50Ms} / ${screen.screenP99Ms} ms (${screen.probesSeen} of ${screen.probes} probes seen)`,
    ...(crossProcess
      ? [
          `  … agent on a second app process, p50 / p99           ${crossProcess.screenP50Ms} / ${crossProcess.screenP99Ms} ms at ${crossProcess.messagesPerSecond} msg/s (${crossProcess.probesSeen} of ${crossProcess.probes} probes seen)`,
        ]
      : []),
    `  messages stored (every 2xx, exactly once)           ${Number(stored.n).toLocaleString('en')}`,
  ];
}
