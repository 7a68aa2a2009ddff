import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rssMiB, startKefuProcess } from '@server/test/kefu-process';
import autocannon from 'autocannon';

export interface StartupFigures {
  firstStartMs: number;
  restartMs: number;
  idleRssMiB: number;
  healthzRequestsPerSecond: number;
  healthzP99Ms: number;
  meRequestsPerSecond: number;
  meP99Ms: number;
}

async function load(url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections: 20, duration: 8, headers });
  return { requestsPerSecond: Math.round(result.requests.average), p99Ms: result.latency.p99 };
}

/** Start time (fresh data directory, then restart), idle memory, and throughput of a bare and an authenticated route. */
export async function measureStartup(): Promise<StartupFigures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-start-'));
  const env = {
    KEFU_DATA_DIR: dataDir,
    KEFU_ADMIN_EMAIL: 'bench@example.test',
    KEFU_ADMIN_PASSWORD: 'a measured passphrase 1',
  };
  try {
    const first = await startKefuProcess(env);
    await first.stop();
    const kefu = await startKefuProcess(env);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const idleRssMiB = rssMiB(kefu.child.pid as number);

    const base = `http://127.0.0.1:${kefu.port}`;
    const healthz = await load(`${base}/healthz`);
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: env.KEFU_ADMIN_EMAIL, password: env.KEFU_ADMIN_PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
    const me = await load(`${base}/api/v1/me`, { cookie });
    await kefu.stop();
    return {
      firstStartMs: Math.round(first.startMs),
      restartMs: Math.round(kefu.startMs),
      idleRssMiB: Math.round(idleRssMiB),
      healthzRequestsPerSecond: healthz.requestsPerSecond,
      healthzP99Ms: healthz.p99Ms,
      meRequestsPerSecond: me.requestsPerSecond,
      meP99Ms: me.p99Ms,
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
