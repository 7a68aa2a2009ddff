import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { type DataDirLock, lockDataDir } from './embedded/data-dir-lock';
import { type EmbeddedConnection, startEmbeddedServer } from './embedded/embedded-server';
import { prepareMarkedStatements } from './named-statements';
import type { Database } from './schema';

export type DatabaseEngine = 'embedded' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: DatabaseEngine;
  close(): Promise<void>;
}

// count(*) and bigint columns arrive as strings by default; our counts fit comfortably in a double.
const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

export type PoolTarget = { connectionString: string } | EmbeddedConnection;

/** A Kysely instance over a `pg` Pool: the single query layer for both engines. */
export function createKysely(target: PoolTarget, options: { max?: number } = {}): Kysely<Database> {
  const pool = new pg.Pool({
    ...target,
    ...('host' in target ? { user: 'postgres', database: 'postgres' } : {}),
    max: options.max ?? 10,
    types: typeParsers,
  });
  // An idle client losing its connection must not crash the process; the pool replaces it on next use.
  pool.on('error', () => undefined);
  if ('connectionString' in target) prepareMarkedStatements(pool);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Opens the database named by the configuration: PostgreSQL when `databaseUrl` is set, otherwise the embedded
 * engine in `dataDir` (locked against a second process).
 */
export async function openDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
}): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const db = createKysely({ connectionString: options.databaseUrl });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  const lock: DataDirLock = lockDataDir(options.dataDir);
  try {
    const server = await startEmbeddedServer({ dataDir: options.dataDir });
    const db = createKysely(server.connection);
    return {
      db,
      engine: 'embedded',
      async close() {
        await db.destroy();
        await server.stop();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
