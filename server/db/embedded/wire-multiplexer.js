// @ts-check
/**
 * Serves one PGlite instance to many PostgreSQL wire-protocol connections without letting them interfere.
 *
 * PGlite is a single backend session. A client's extended-protocol query is several messages (Parse, Bind,
 * Describe, Execute, Sync) that share the session's unnamed statement and portal; interleaving another
 * connection's messages between them returns one client's rows to the other. (@electric-sql/pglite-socket 0.2.17
 * queues message by message and does exactly that under concurrency.) So this server runs each connection's
 * messages up to and including Sync (or a simple Query) as one indivisible batch, and while a connection has a
 * transaction open (ReadyForQuery status T or E) no other connection runs at all.
 */
import net from 'node:net';

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
// Messages after which the client waits for an answer: the end of a batch. Only Sync and Query end a statement;
// after Flush the client still owns the unnamed statement and portal, so the session stays with it.
const BATCH_END = new Set(['S', 'Q', 'H']);
const STATEMENT_END = new Set(['S', 'Q']);

/** Grants the backend session to one connection at a time; the holder keeps it across a whole transaction. */
class SessionLock {
  /** @type {object | null} */
  owner = null;
  /** @type {(() => void)[]} */
  waiters = [];

  /** @param {object} connection */
  async acquire(connection) {
    while (this.owner !== null && this.owner !== connection) {
      await new Promise((resolve) => this.waiters.push(() => resolve(undefined)));
    }
    this.owner = connection;
  }

  /** @param {object} connection */
  release(connection) {
    if (this.owner !== connection) return;
    this.owner = null;
    this.waiters.shift()?.();
  }
}

/**
 * @param {import('@electric-sql/pglite').PGlite} db
 * @param {string} socketPath
 * @returns {Promise<{ close(): Promise<void> }>}
 */
export async function serveWireProtocol(db, socketPath) {
  const lock = new SessionLock();
  /** @type {Set<net.Socket>} */
  const sockets = new Set();

  /** @param {net.Socket} socket */
  function handle(socket) {
    sockets.add(socket);
    const connection = {};
    let buffer = Buffer.alloc(0);
    let started = false;
    /** @type {Buffer[]} */
    let batch = [];
    let inTransaction = false;
    let work = Promise.resolve();

    /**
     * @param {Buffer[]} messages
     * @param {boolean} endsStatement the batch ends with Sync or Query (or is the start-up message)
     */
    async function run(messages, endsStatement) {
      await lock.acquire(connection);
      let tail = Buffer.alloc(0);
      try {
        for (const message of messages) {
          await db.runExclusive(() =>
            db.execProtocolRawStream(new Uint8Array(message), {
              onRawData: (data) => {
                // Copied: `data` views PGlite's WebAssembly memory, which the next chunk overwrites, while a
                // backed-up socket still holds what it was given. Writing the view corrupted large results.
                const chunk = Buffer.from(data);
                if (!socket.destroyed) socket.write(chunk);
                tail = Buffer.concat([tail, chunk]).subarray(-6);
              },
            }),
          );
        }
      } finally {
        // The answer ends with ReadyForQuery: 'Z', length 5, then I (idle), T (in transaction) or E (failed one).
        if (tail.length === 6 && tail[0] === 0x5a && tail.readInt32BE(1) === 5)
          inTransaction = tail[5] !== 0x49;
        if (!inTransaction && endsStatement) lock.release(connection);
      }
    }

    /** @param {Buffer[]} messages @param {boolean} endsStatement */
    const enqueue = (messages, endsStatement) => {
      work = work.then(() => run(messages, endsStatement)).catch(() => socket.destroy());
    };

    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!started) {
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          const code = buffer.readInt32BE(4);
          if (buffer.length < length) return;
          const message = buffer.subarray(0, length);
          buffer = buffer.subarray(length);
          if (code === SSL_REQUEST) {
            socket.write('N');
          } else if (code === CANCEL_REQUEST) {
            socket.end();
            return;
          } else if (code === PROTOCOL_3) {
            started = true;
            enqueue([Buffer.from(message)], true);
          } else {
            socket.destroy();
            return;
          }
          continue;
        }
        if (buffer.length < 5) return;
        const total = 1 + buffer.readInt32BE(1);
        if (buffer.length < total) return;
        const message = Buffer.from(buffer.subarray(0, total));
        buffer = buffer.subarray(total);
        const type = String.fromCharCode(message[0] ?? 0);
        if (type === 'X') {
          socket.end();
          return;
        }
        batch.push(message);
        if (BATCH_END.has(type)) {
          enqueue(batch, STATEMENT_END.has(type));
          batch = [];
        }
      }
    });

    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      sockets.delete(socket);
      // A client that vanished mid-transaction must not keep everyone else waiting.
      work = work.then(async () => {
        if (lock.owner === connection) {
          if (inTransaction) await db.exec('ROLLBACK').catch(() => undefined);
          lock.release(connection);
        }
      });
    });
  }

  const server = net.createServer(handle);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve(undefined));
  });
  return {
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
