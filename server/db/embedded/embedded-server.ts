import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** Where a `pg` client finds the embedded server: the directory of its Unix socket and the port in its name. */
export interface EmbeddedConnection {
  host: string;
  port: number;
}

export interface EmbeddedServer {
  connection: EmbeddedConnection;
  stop(): Promise<void>;
}

const SOCKET_PORT = 5432;
// sun_path holds 108 bytes on Linux; a deep data directory falls back to a private temporary directory.
const MAX_SOCKET_PATH = 100;

function socketDirectoryFor(dataDir: string): string {
  const preferred = path.join(dataDir, 'run');
  if (`${preferred}/.s.PGSQL.${SOCKET_PORT}`.length <= MAX_SOCKET_PATH) {
    fs.mkdirSync(preferred, { recursive: true, mode: 0o700 });
    return preferred;
  }
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-pg-'));
}

/**
 * Starts PGlite on `<dataDir>/pg` in a worker thread. The caller must hold the data-directory lock.
 */
export async function startEmbeddedServer(options: { dataDir: string }): Promise<EmbeddedServer> {
  const pgDataDir = path.join(options.dataDir, 'pg');
  fs.mkdirSync(pgDataDir, { recursive: true, mode: 0o700 });
  const socketDir = socketDirectoryFor(options.dataDir);
  const socketPath = path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`);
  // A socket file left by a killed process would make listen() fail with EADDRINUSE; we hold the lock, so it is ours.
  fs.rmSync(socketPath, { force: true });

  const worker = new Worker(new URL('./pglite-worker.js', import.meta.url), {
    workerData: { pgDataDir, socketPath },
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    const onExit = (code: number) => reject(new Error(`Embedded database worker exited with code ${code}`));
    worker.once('error', onError);
    worker.once('exit', onExit);
    worker.once('message', (message: { type: string; message?: string }) => {
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (message.type === 'ready') resolve();
      else reject(new Error(`The embedded database could not start: ${message.message ?? message.type}`));
    });
  });

  let stopping: Promise<void> | undefined;
  return {
    connection: { host: socketDir, port: SOCKET_PORT },
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        worker.once('message', () => resolve());
        worker.once('exit', () => resolve());
        worker.postMessage({ type: 'stop' });
      }).then(async () => {
        await worker.terminate();
      });
      return stopping;
    },
  };
}
