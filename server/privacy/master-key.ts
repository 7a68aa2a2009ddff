import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { keyFingerprint } from './envelope';

/** The installation's master keys: the current one wraps new data keys; previous ones still unwrap old ones. */
export interface MasterKeys {
  currentId: string;
  current: Buffer;
  byId: Map<string, Buffer>;
  /** Where the key came from, for the start-up log (never the key itself). */
  source: 'environment' | 'key file';
}

export class MasterKeyError extends Error {}

function parseKey(value: string, name: string): Buffer {
  const trimmed = value.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new MasterKeyError(`${name} must be 32 bytes, as 64 hex characters or base64`);
  return key;
}

/**
 * KEFU_MASTER_KEY when set (required for several app nodes: they must share it); otherwise `<dataDir>/master.key`,
 * created once with mode 0600. KEFU_PREVIOUS_MASTER_KEYS lists retired keys during a rotation.
 */
export function loadMasterKeys(options: {
  masterKey?: string;
  previousMasterKeys?: string[];
  dataDir: string;
}): MasterKeys {
  let current: Buffer;
  let source: MasterKeys['source'];
  if (options.masterKey) {
    current = parseKey(options.masterKey, 'KEFU_MASTER_KEY');
    source = 'environment';
  } else {
    const file = path.join(options.dataDir, 'master.key');
    fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    current = parseKey(fs.readFileSync(file, 'utf8'), file);
    source = 'key file';
  }
  const byId = new Map<string, Buffer>([[keyFingerprint(current), current]]);
  for (const [index, previous] of (options.previousMasterKeys ?? []).entries()) {
    const key = parseKey(previous, `KEFU_PREVIOUS_MASTER_KEYS[${index}]`);
    byId.set(keyFingerprint(key), key);
  }
  return { currentId: keyFingerprint(current), current, byId, source };
}
