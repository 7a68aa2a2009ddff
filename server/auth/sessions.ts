import type { Database } from '@server/db/schema';
import { effectiveSettings } from '@server/workspaces/settings';
import { type Kysely, sql } from 'kysely';
import type { Principal } from './principal';
import { generateSecret, hashToken } from './secrets';

export const SESSION_COOKIE = 'kefu_session';
// Touching last_seen_at on every request would turn each read into a write; a minute of slack is invisible.
const TOUCH_INTERVAL_MS = 60_000;

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(
  db: Kysely<Database>,
  options: {
    userId: string;
    workspaceId: string;
    lifetimeHours: number;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<NewSession> {
  const token = generateSecret();
  const csrfToken = generateSecret(24);
  const row = await db
    .insertInto('sessions')
    .values({
      workspace_id: options.workspaceId,
      user_id: options.userId,
      token_hash: hashToken(token),
      csrf_token: csrfToken,
      ip: options.ip,
      user_agent: options.userAgent?.slice(0, 300) ?? null,
      expires_at: sql<Date>`now() + make_interval(hours => ${options.lifetimeHours})`,
    })
    .returning('expires_at')
    .executeTakeFirstOrThrow();
  return { token, csrfToken, expiresAt: row.expires_at };
}

export type SessionLookup =
  | { status: 'active'; principal: Principal }
  | { status: 'expired' }
  | { status: 'unknown' };

/**
 * Finds the session a cookie names and enforces its idle timeout and absolute lifetime against the database clock,
 * so that every app node agrees. An expired session is deleted on sight.
 */
export async function resolveSession(db: Kysely<Database>, token: string): Promise<SessionLookup> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', (join) =>
      join
        .onRef('users.id', '=', 'sessions.user_id')
        .onRef('users.workspace_id', '=', 'sessions.workspace_id'),
    )
    .innerJoin('workspaces', 'workspaces.id', 'sessions.workspace_id')
    .select([
      'sessions.id',
      'sessions.workspace_id',
      'sessions.user_id',
      'sessions.csrf_token',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.role',
      'users.deactivated_at',
      'workspaces.settings',
      sql<Date>`now()`.as('now'),
    ])
    .where('sessions.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) return { status: 'unknown' };

  const idleLimitMs = effectiveSettings(row.settings).sessionIdleMinutes * 60_000;
  const now = row.now.getTime();
  const expired =
    row.deactivated_at !== null ||
    row.expires_at.getTime() <= now ||
    row.last_seen_at.getTime() + idleLimitMs <= now;
  if (expired) {
    await db
      .deleteFrom('sessions')
      .where('id', '=', row.id)
      .where('workspace_id', '=', row.workspace_id)
      .execute();
    return { status: 'expired' };
  }
  if (now - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: sql<Date>`now()` })
      .where('id', '=', row.id)
      .where('workspace_id', '=', row.workspace_id)
      .execute();
  }
  return {
    status: 'active',
    principal: {
      via: 'session',
      userId: row.user_id,
      workspaceId: row.workspace_id,
      role: row.role,
      sessionId: row.id,
      csrfToken: row.csrf_token,
    },
  };
}

export async function endSession(db: Kysely<Database>, options: { sessionId: string; workspaceId: string }) {
  await db
    .deleteFrom('sessions')
    .where('id', '=', options.sessionId)
    .where('workspace_id', '=', options.workspaceId)
    .execute();
}

/** Ends every session of a user, except optionally the one in use (after a password change). */
export async function endSessionsOfUser(
  db: Kysely<Database>,
  options: { userId: string; workspaceId: string; exceptSessionId?: string },
) {
  let query = db
    .deleteFrom('sessions')
    .where('user_id', '=', options.userId)
    .where('workspace_id', '=', options.workspaceId);
  if (options.exceptSessionId) query = query.where('id', '!=', options.exceptSessionId);
  await query.execute();
}
