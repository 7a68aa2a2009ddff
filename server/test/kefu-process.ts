import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningKefu {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  /** Milliseconds from spawn to the first 200 from /readyz. */
  startMs: number;
  output(): string;
  stop(): Promise<void>;
  /** SIGKILL: no shutdown of any kind, as when the machine loses power or the OOM killer strikes. */
  kill(): Promise<void>;
}

/** Starts Kefu exactly as `npm start` does (minus the web build check) and waits until it is ready. */
export async function startKefuProcess(
  env: Record<string, string>,
  options: { port?: number } = {},
): Promise<RunningKefu> {
  const port = options.port ?? (await freePort());
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('server/main.ts')], {
    // Many test processes at once: each mail listener on a port of its own choosing.
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      PORT: String(port),
      KEFU_SMTP_PORT: '0',
      // Platform accounts in tests talk to local fakes (server/test/fakes).
      KEFU_ALLOW_CUSTOM_PLATFORM_URLS: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Kefu exited during start:\n${output}`);
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return {
    child,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    startMs: performance.now() - started,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** The port the process's SMTP listener took (started with KEFU_SMTP_PORT=0), from its ready message. */
export async function smtpPortOf(kefu: RunningKefu, timeoutMs = 10_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    const port = /received on SMTP port (\d+)/.exec(kefu.output())?.[1];
    if (port) return Number(port);
    if (performance.now() - started > timeoutMs) throw new Error(`no SMTP port in:\n${kefu.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Resident memory of a process in MiB, from /proc (Linux). */
export function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kib / 1024;
}
