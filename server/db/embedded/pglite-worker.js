// @ts-check
/**
 * Runs PGlite in its own thread and exposes it over a Unix socket speaking the PostgreSQL wire protocol.
 * PGlite executes queries synchronously in WebAssembly; on the main thread that would freeze timers and HTTP.
 * Plain JavaScript on purpose: a worker's entry file is loaded by Node itself, outside the TypeScript loader.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { serveWireProtocol } from './wire-multiplexer.js';

if (!parentPort) throw new Error('pglite-worker must run in a worker thread');
const port = parentPort;
/** @type {{ pgDataDir: string; socketPath: string }} */
const options = workerData;

try {
  const db = await PGlite.create({ dataDir: options.pgDataDir, extensions: { pg_trgm } });
  const server = await serveWireProtocol(db, options.socketPath);
  port.postMessage({ type: 'ready' });

  port.on('message', async (/** @type {{ type: string }} */ message) => {
    if (message.type !== 'stop') return;
    await server.close();
    await db.close();
    port.postMessage({ type: 'stopped' });
  });
} catch (error) {
  port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}
