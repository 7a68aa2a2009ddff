/**
 * Failed lookups counted per ticket number and per client address, so the 10 000 possible last-four-digit
 * factors cannot be tried out. Only keyed hashes of the number and address are stored. Once a key has too many
 * failures in its window, every lookup it covers is refused (right or wrong factor, existing ticket or not) until
 * the window has passed; a success does not end a lockout early.
 */
import { createHmac } from 'node:crypto';
import type { Database } from '@server/db/schema';
import { HttpProblem } from '@server/http/problem';
import type { Keyring } from '@server/privacy/keyring';
import { type Kysely, sql } from 'kysely';

export const LOOKUP_WINDOW_MINUTES = 15;
/** Failed lookups of one ticket number before it is locked for the rest of the window. */
export const NUMBER_FAILURE_LIMIT = 5;
/** Failed lookups from one client address (any number) before it is locked for the rest of the window. */
export const ADDRESS_FAILURE_LIMIT = 20;
/**
 * Failed lookups in the whole workspace: someone spraying five guesses at each of many numbers from many addresses
 * is stopped here, at the price of pausing lookups for everyone until the window passes.
 */
export const WORKSPACE_FAILURE_LIMIT = 500;

/** An IPv6 client holds a whole /64: counting single addresses would let it rotate through them. */
export function addressGroup(ip: string): string {
  if (!ip.includes(':')) return ip;
  // An IPv4 client seen through an IPv6 socket (::ffff:203.0.113.9) is that IPv4 address.
  if (ip.includes('.')) return ip.slice(ip.lastIndexOf(':') + 1);
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const full = ip.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${full
    .slice(0, 4)
    .map((part) => part.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export interface AttemptKey {
  hash: string;
  limit: number;
}

/** The counters one lookup touches: its ticket number's, its client network's and the workspace's. */
export async function attemptKeys(
  keyring: Keyring,
  workspaceId: string,
  lookup: { number: string; ip: string },
): Promise<AttemptKey[]> {
  const key = await keyring.lookupKey(workspaceId);
  const hash = (value: string) => createHmac('sha256', key).update(value).digest('base64url');
  return [
    { hash: hash(`ticket-lookup:number:${lookup.number}`), limit: NUMBER_FAILURE_LIMIT },
    { hash: hash(`ticket-lookup:address:${addressGroup(lookup.ip)}`), limit: ADDRESS_FAILURE_LIMIT },
    { hash: hash('ticket-lookup:workspace'), limit: WORKSPACE_FAILURE_LIMIT },
  ];
}

const windowOpen = sql<boolean>`window_start > now() - make_interval(mins => ${LOOKUP_WINDOW_MINUTES})`;

/** Throws 429 (with Retry-After) when any of the keys is locked. */
export async function assertNotLockedOut(
  db: Kysely<Database>,
  workspaceId: string,
  keys: readonly AttemptKey[],
): Promise<void> {
  const rows = await db
    .selectFrom('ticket_lookup_attempts')
    .select([
      'key_hash',
      'failures',
      sql<number>`ceil(extract(epoch from window_start + make_interval(mins => ${LOOKUP_WINDOW_MINUTES}) - now()))`.as(
        'seconds_left',
      ),
    ])
    .where('workspace_id', '=', workspaceId)
    .where(
      'key_hash',
      'in',
      keys.map((key) => key.hash),
    )
    .where(windowOpen)
    .execute();
  const locked = rows.filter((row) => {
    const key = keys.find((candidate) => candidate.hash === row.key_hash);
    return key !== undefined && row.failures >= key.limit;
  });
  if (locked.length === 0) return;
  const retryAfter = Math.max(1, ...locked.map((row) => Number(row.seconds_left)));
  throw new HttpProblem(429, 'lookup_locked', 'Too many failed lookups; try again later', [], {
    'retry-after': String(retryAfter),
  });
}

/** Counts one failed lookup against each key, starting a new window where the previous one has passed. */
export async function recordFailedLookup(
  db: Kysely<Database>,
  workspaceId: string,
  keys: readonly AttemptKey[],
): Promise<void> {
  const interval = sql`make_interval(mins => ${LOOKUP_WINDOW_MINUTES})`;
  for (const key of keys) {
    await sql`
      INSERT INTO ticket_lookup_attempts (workspace_id, key_hash, window_start, failures)
      VALUES (${workspaceId}, ${key.hash}, now(), 1)
      ON CONFLICT (workspace_id, key_hash) DO UPDATE SET
        failures = CASE WHEN ticket_lookup_attempts.window_start <= now() - ${interval}
          THEN 1 ELSE ticket_lookup_attempts.failures + 1 END,
        window_start = CASE WHEN ticket_lookup_attempts.window_start <= now() - ${interval}
          THEN now() ELSE ticket_lookup_attempts.window_start END`.execute(db);
  }
  // Counters of windows long past only take room.
  await db
    .deleteFrom('ticket_lookup_attempts')
    .where('workspace_id', '=', workspaceId)
    .where(sql<boolean>`window_start < now() - interval '1 day'`)
    .execute();
}
