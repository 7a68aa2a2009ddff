import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '@server/db/database';
import { copyTemplate } from '@server/test/databases';
import { sql } from 'kysely';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './data-dir-lock';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs `server/main.ts` the way `npm start` does and collects what it prints. */
function startKefu(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('server/main.ts')], {
    env: { ...process.env, KEFU_DEMO: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', () => output.includes('Kefu is ready') && resolve());
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
  // Awaited only by callers that expect a successful start; a refused start must not count as unhandled.
  ready.catch(() => undefined);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ready, exited, output: () => output };
}

async function loginStatus(port: number, email: string, password: string) {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return response.status;
}

describe('the embedded database', () => {
  it('refuses a second process on the same data directory and keeps the first one whole', async () => {
    const dataDir = copyTemplate(inject('templateDir'), 'lock');
    const port = await freePort();
    const credentials = {
      KEFU_ADMIN_EMAIL: 'owner@example.test',
      KEFU_ADMIN_PASSWORD: 'a long manager passphrase',
    };
    const first = startKefu({ KEFU_DATA_DIR: dataDir, PORT: String(port), ...credentials });
    await first.ready;

    const second = startKefu({ KEFU_DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`is already using the data directory ${dataDir}`);

    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    expect(await loginStatus(port, credentials.KEFU_ADMIN_EMAIL, credentials.KEFU_ADMIN_PASSWORD)).toBe(200);

    // SIGTERM shuts down cleanly, and a restart finds everything the first process wrote.
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'kefu.lock'))).toBe(false);
    const restarted = startKefu({ KEFU_DATA_DIR: dataDir, PORT: String(port) });
    await restarted.ready;
    expect(await loginStatus(port, credentials.KEFU_ADMIN_EMAIL, credentials.KEFU_ADMIN_PASSWORD)).toBe(200);
    restarted.child.kill('SIGTERM');
    await restarted.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 90_000);

  it('takes over a lock left by a process that no longer exists', () => {
    const dataDir = copyTemplate(inject('templateDir'), 'stale');
    const deadPid = spawnSync('true').pid;
    fs.writeFileSync(
      path.join(dataDir, 'kefu.lock'),
      JSON.stringify({ pid: deadPid, hostname: os.hostname(), startedAt: '' }),
    );
    const lock = lockDataDir(dataDir);
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'kefu.lock'), 'utf8')).pid).toBe(process.pid);
    lock.release();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('in one process, a second open of a locked directory fails with DataDirLockedError', async () => {
    const dataDir = copyTemplate(inject('templateDir'), 'inproc');
    const handle = await openDatabase({ dataDir });
    await expect(openDatabase({ dataDir })).rejects.toBeInstanceOf(DataDirLockedError);
    const row = await sql<{ answer: number }>`SELECT 6 * 7 AS answer`.execute(handle.db);
    expect(row.rows[0]?.answer).toBe(42);
    await handle.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
