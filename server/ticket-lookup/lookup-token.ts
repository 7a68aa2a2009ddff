/**
 * The token a successful lookup hands out: it lets the page refresh the ticket and post replies without asking
 * for the verification factor again. HMAC-signed with a key derived from the workspace's lookup key (no secret of
 * its own on disk), bound to one workspace and one ticket, and short-lived.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Database } from '@server/db/schema';
import { unauthorized } from '@server/http/problem';
import type { Keyring } from '@server/privacy/keyring';
import type { Kysely } from 'kysely';

export const LOOKUP_TOKEN_TTL_MS = 30 * 60 * 1000;

export interface LookupGrant {
  workspaceId: string;
  ticketId: string;
  expiresAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const tokenKey = (keyring: Keyring, workspaceId: string) =>
  keyring.purposeKey(workspaceId, 'kefu:ticket-lookup:token');

const sign = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest();

/** Signs a grant for one ticket, valid for LOOKUP_TOKEN_TTL_MS from `now`. */
export async function issueLookupToken(
  keyring: Keyring,
  grant: { workspaceId: string; ticketId: string },
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = new Date(now.getTime() + LOOKUP_TOKEN_TTL_MS);
  const payload = Buffer.from(
    JSON.stringify({ w: grant.workspaceId, t: grant.ticketId, e: expiresAt.getTime() }),
  ).toString('base64url');
  const signature = sign(await tokenKey(keyring, grant.workspaceId), payload).toString('base64url');
  return { token: `${payload}.${signature}`, expiresAt };
}

const expired = () => unauthorized('lookup_expired', 'Look the ticket up again: this page has expired');

/** The grant a token stands for; 401 `lookup_expired` when it is malformed, forged or too old. */
export async function verifyLookupToken(
  db: Kysely<Database>,
  keyring: Keyring,
  token: string,
  now = new Date(),
): Promise<LookupGrant> {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0) throw expired();
  let claims: { w?: unknown; t?: unknown; e?: unknown };
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw expired();
  }
  const { w, t, e } = claims;
  if (typeof w !== 'string' || typeof t !== 'string' || typeof e !== 'number') throw expired();
  if (!UUID.test(w) || !UUID.test(t)) throw expired();
  // Deriving the key of a workspace that does not exist would try to create its data key.
  const workspace = await db.selectFrom('workspaces').select('id').where('id', '=', w).executeTakeFirst();
  if (!workspace) throw expired();
  const expected = sign(await tokenKey(keyring, w), payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw expired();
  if (e <= now.getTime()) throw expired();
  return { workspaceId: w, ticketId: t, expiresAt: new Date(e) };
}

/** The token from `Authorization: Lookup <token>`, or else from the body. */
export function lookupTokenOf(authorization: string | undefined, bodyToken: string | undefined): string {
  const match = /^Lookup\s+(\S+)$/i.exec(authorization ?? '');
  const token = match?.[1] ?? bodyToken;
  if (!token) throw unauthorized('lookup_expired', 'Look the ticket up first');
  return token;
}
