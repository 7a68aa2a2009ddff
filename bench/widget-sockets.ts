/**
 * `npm run bench -- web-chat`: many open widget sockets on one Kefu process (a real `server/main.ts`, embedded
 * database, demo workspace), with the visitors in a second process (widget-load.ts): the server's memory per
 * socket, what it extrapolates to at 20,000 sockets (target: ≤ 1 GB), and how fast messages cross with every
 * socket open, both ways. WIDGET_SOCKETS (default 10,000) and WIDGET_FANOUT_TICKETS (default 200) size the run;
 * WIDGET_FANOUT_PER_SECOND (default 20) paces the visitors' messages and then the agent's replies.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { login } from '@server/test/kefu-http';
import { rssMiB, startKefuProcess } from '@server/test/kefu-process';
import { cpuSecondsByProcess } from './process-cpu';
import type { WidgetLoadFigures, WidgetLoadOptions, WidgetLoadStage } from './widget-load';

const SOCKETS = Number(process.env.WIDGET_SOCKETS ?? 10_000);
const CHATS = Number(process.env.WIDGET_FANOUT_TICKETS ?? 200);
const REPLIES_PER_CHAT = 2;
const PER_SECOND = Number(process.env.WIDGET_FANOUT_PER_SECOND ?? 20);
const TARGET_SOCKETS = 20_000;
const TARGET_MIB = 1024;
/** Quiet time before each memory reading, so that it shows what is held rather than what is in flight. */
const SETTLE_MS = 5000;
const DEMO_ADMIN = 'admin@demo.kefu.local';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const serverCpuSeconds = (pid: number) => cpuSecondsByProcess().get(pid)?.seconds ?? 0;
const count = (n: number) => n.toLocaleString('en');
const line = (label: string, value: string) => `  ${label.padEnd(51)} ${value}`;
const failureList = (failures: Record<string, number>) =>
  Object.entries(failures)
    .map(([reason, times]) => `${times} × ${reason}`)
    .join('; ');

/** The demo workspace's password, which the first start writes into the data directory. */
function demoPassword(dataDir: string): string {
  const lines = fs.readFileSync(path.join(dataDir, 'demo-logins.txt'), 'utf8').split('\n');
  const password = lines[1]?.trim();
  if (!password) throw new Error('demo-logins.txt holds no password');
  return password;
}

function startLoad(options: WidgetLoadOptions) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('bench/widget-load.ts')], {
    env: { ...process.env, BENCH_LOAD: JSON.stringify(options) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const run = <S extends WidgetLoadStage>(stage: S) =>
    new Promise<WidgetLoadFigures[S]>((resolve, reject) => {
      const exited = (code: number | null) =>
        reject(new Error(`the load generator exited with ${code} during ${stage}`));
      child.once('exit', exited);
      child.once('message', (reply: { ok: boolean; figures?: WidgetLoadFigures[S]; error?: string }) => {
        child.off('exit', exited);
        if (reply.ok) resolve(reply.figures as WidgetLoadFigures[S]);
        else reject(new Error(`load generator, ${stage}: ${reply.error}`));
      });
      child.send({ stage });
    });
  return { child, run };
}

/** The server's resident memory once it has been left alone for SETTLE_MS, and the CPU it used meanwhile. */
async function settled(pid: number) {
  const cpuBefore = serverCpuSeconds(pid);
  await sleep(SETTLE_MS);
  return { rssMiB: rssMiB(pid), idleCpuShare: (serverCpuSeconds(pid) - cpuBefore) / (SETTLE_MS / 1000) };
}

export async function measureWidgetSockets(): Promise<string[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-widget-'));
  const kefu = await startKefuProcess({
    KEFU_DATA_DIR: dataDir,
    KEFU_DEMO: '1',
    KEFU_WIDGET_SESSIONS_PER_MINUTE: '1000000',
    LOG_LEVEL: 'warn',
  });
  let load: ChildProcess | null = null;
  try {
    const pid = kefu.child.pid as number;
    const agent = await login(kefu.baseUrl, { email: DEMO_ADMIN, password: demoPassword(dataDir) });
    const settings = (await (await agent.get('/api/v1/web-chat/settings')).json()) as {
      widgetKey: string;
      enabled: boolean;
    };
    if (!settings.enabled) throw new Error('web chat is off in the demo workspace');
    const generator = startLoad({
      baseUrl: kefu.baseUrl,
      widgetKey: settings.widgetKey,
      sockets: SOCKETS,
      chats: CHATS,
      replies: CHATS * REPLIES_PER_CHAT,
      perSecond: PER_SECOND,
      agent: { session: agent.session, csrfToken: agent.csrfToken },
    });
    load = generator.child;

    await generator.run('warm-up');
    const idle = await settled(pid);
    const sessions = await generator.run('sessions');
    const withSessions = await settled(pid);
    const cpuBeforeConnect = serverCpuSeconds(pid);
    const connect = await generator.run('connect');
    const connectCpuSeconds = serverCpuSeconds(pid) - cpuBeforeConnect;
    const withSockets = await settled(pid);
    const cpuBeforeFanOut = serverCpuSeconds(pid);
    const fanOutStarted = performance.now();
    const fanOut = await generator.run('fan-out');
    const fanOutCpuShare =
      (serverCpuSeconds(pid) - cpuBeforeFanOut) / ((performance.now() - fanOutStarted) / 1000);
    const afterFanOutMiB = rssMiB(pid);
    await generator.run('close');

    const perSocketKiB = ((withSockets.rssMiB - withSessions.rssMiB) * 1024) / connect.connected;
    const perVisitorKiB = ((withSockets.rssMiB - idle.rssMiB) * 1024) / connect.connected;
    const extrapolatedMiB = idle.rssMiB + (TARGET_SOCKETS * perVisitorKiB) / 1024;
    const serverLog = kefu
      .output()
      .split('\n')
      .filter((entry) => /"level":(40|50|60)/.test(entry));
    const percent = (share: number) => `${Math.round(share * 100)} %`;
    const failures = {
      ...sessions.failures,
      ...connect.failures,
      ...Object.fromEntries(
        Object.entries(fanOut.unexpectedCloses).map(([code, n]) => [`closed by the server (${code})`, n]),
      ),
      ...fanOut.postFailures,
    };
    return [
      line(
        'visitor sessions created (50 requests at a time)',
        `${count(sessions.sessions)} in ${sessions.seconds.toFixed(1)} s (${count(Math.round(sessions.sessions / sessions.seconds))}/s)`,
      ),
      line(
        'sockets connected (200 opening at a time)',
        `${count(connect.connected)} in ${connect.seconds.toFixed(1)} s (${count(Math.round(connect.connected / connect.seconds))}/s), open → ready p50 / p99 ${connect.ready.p50Ms} / ${connect.ready.p99Ms} ms`,
      ),
      line(
        'server CPU while connecting',
        `${connectCpuSeconds.toFixed(1)} s (${((connectCpuSeconds * 1000) / connect.connected).toFixed(2)} ms per socket); load generator ${connect.loadCpuSeconds.toFixed(1)} s`,
      ),
      line(
        'server RSS: idle / + sessions / + sockets',
        `${Math.round(idle.rssMiB)} / ${Math.round(withSessions.rssMiB)} / ${Math.round(withSockets.rssMiB)} MiB (after the chats: ${Math.round(afterFanOutMiB)} MiB)`,
      ),
      line(
        'per socket / per visitor (session + socket)',
        `${Math.round(perSocketKiB)} / ${Math.round(perVisitorKiB)} KiB`,
      ),
      line(
        `${count(TARGET_SOCKETS)} sockets, extrapolated (idle + per visitor)`,
        `~${count(Math.round(extrapolatedMiB))} MiB (target ≤ 1 GB: ${extrapolatedMiB <= TARGET_MIB ? 'met' : 'missed'})`,
      ),
      line(
        'server CPU: all sockets open, idle / in the chats',
        `${percent(withSockets.idleCpuShare)} / ${percent(fanOutCpuShare)} of a core`,
      ),
      line(
        'visitor message → ack (committed), p50 / p99 / max',
        `${fanOut.ack.p50Ms} / ${fanOut.ack.p99Ms} / ${fanOut.ack.maxMs} ms (${fanOut.acks} of ${fanOut.writers} acknowledged, ${PER_SECOND}/s)`,
      ),
      line(
        'agent reply → visitor socket, p50 / p99 / max',
        `${fanOut.delivery.p50Ms} / ${fanOut.delivery.p99Ms} / ${fanOut.delivery.maxMs} ms (${fanOut.delivered} of ${fanOut.replies} replies delivered, ${fanOut.chats} chats, ${PER_SECOND}/s)`,
      ),
      line(
        'agent reply POST → 201 (committed), p50 / p99 / max',
        `${fanOut.committed.p50Ms} / ${fanOut.committed.p99Ms} / ${fanOut.committed.maxMs} ms`,
      ),
      line(
        'failures; server log lines at warn or above',
        `${Object.keys(failures).length === 0 ? 'none' : failureList(failures)}; ${serverLog.length}`,
      ),
      ...serverLog.slice(0, 5).map((entry) => `    ${entry.slice(0, 200)}`),
    ];
  } finally {
    if (load && load.exitCode === null) {
      const exited = new Promise((resolve) => load?.once('exit', resolve));
      load.kill();
      await exited;
    }
    await kefu.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
