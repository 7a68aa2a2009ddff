import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Thrown when another live process already holds the data directory. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
  ) {
    super(
      `Another Kefu process (pid ${holderPid}) is already using the data directory ${dataDir}.\n` +
        'Two processes on one embedded database would silently lose data, so this one will not start.\n' +
        'Stop the other process first, or point KEFU_DATA_DIR at a different directory.',
    );
    this.name = 'DataDirLockedError';
  }
}

interface LockContents {
  pid: number;
  hostname: string;
  startedAt: string;
}

export interface DataDirLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(lockPath: string): LockContents | undefined {
  try {
    return JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockContents;
  } catch {
    return undefined;
  }
}

/**
 * Takes an exclusive lock on the data directory. PGlite is single-process: a second writer on the same files
 * corrupts them without an error, so we refuse loudly instead. A lock left by a crashed process is taken over.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lockPath = path.join(dataDir, 'kefu.lock');
  const contents: LockContents = {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(contents), { flag: 'wx', mode: 0o600 });
      return {
        release() {
          const current = readLock(lockPath);
          if (current?.pid === process.pid) fs.rmSync(lockPath, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readLock(lockPath);
      const heldElsewhere = holder && holder.hostname !== os.hostname();
      if (holder && (heldElsewhere || isAlive(holder.pid))) {
        throw new DataDirLockedError(dataDir, holder.pid);
      }
      // Stale lock from a process that is gone: remove it and try once more.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock the data directory ${dataDir}`);
}
