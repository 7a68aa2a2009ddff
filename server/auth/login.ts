import { recordAudit } from '@server/audit/service';
import type { Database } from '@server/db/schema';
import { HttpProblem, unauthorized } from '@server/http/problem';
import { effectiveSettings } from '@server/workspaces/settings';
import { type Kysely, sql } from 'kysely';
import { spendPasswordCheckTime, verifyPassword } from './passwords';
import { createSession, type NewSession } from './sessions';

const invalidCredentials = () => unauthorized('invalid_credentials', 'The e-mail or password is wrong');

function accountLocked(lockedUntil: Date, now: Date) {
  const retryAfterSeconds = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
  return new HttpProblem(
    429,
    'account_locked',
    `Too many failed logins; this account is locked until ${lockedUntil.toISOString()}`,
    [],
    { 'retry-after': String(retryAfterSeconds) },
  );
}

/**
 * Checks an e-mail and password and opens a session. Repeated failures lock the account for the workspace's
 * lockout period; the lock is checked before the password so that guessing cannot continue while locked.
 */
export async function loginWithPassword(
  db: Kysely<Database>,
  options: { email: string; password: string; ip: string | null; userAgent: string | null },
): Promise<{ session: NewSession; userId: string; workspaceId: string }> {
  const user = await db
    .selectFrom('users')
    .innerJoin('workspaces', 'workspaces.id', 'users.workspace_id')
    .select([
      'users.id',
      'users.workspace_id',
      'users.password_hash',
      'users.locked_until',
      'users.deactivated_at',
      'workspaces.settings',
      sql<Date>`now()`.as('now'),
    ])
    .where(sql`lower(users.email)`, '=', options.email.trim().toLowerCase())
    .executeTakeFirst();

  if (!user || user.deactivated_at) {
    await spendPasswordCheckTime(options.password);
    throw invalidCredentials();
  }
  if (user.locked_until && user.locked_until > user.now) throw accountLocked(user.locked_until, user.now);

  const settings = effectiveSettings(user.settings);
  if (!(await verifyPassword(user.password_hash, options.password))) {
    // One atomic statement, so that parallel guesses cannot slip past the threshold.
    const failed = await db
      .updateTable('users')
      .set((eb) => ({
        failed_login_count: eb('failed_login_count', '+', 1),
        locked_until: sql`CASE WHEN failed_login_count + 1 >= ${settings.lockoutThreshold}
          THEN now() + make_interval(mins => ${settings.lockoutMinutes}) ELSE NULL END`,
      }))
      .where('id', '=', user.id)
      .where('workspace_id', '=', user.workspace_id)
      .returning(['failed_login_count', 'locked_until'])
      .executeTakeFirstOrThrow();
    const locked = failed.locked_until !== null;
    await recordAudit(db, {
      workspaceId: user.workspace_id,
      actorUserId: user.id,
      action: locked ? 'auth.account_locked' : 'auth.login_failed',
      targetType: 'user',
      targetId: user.id,
      detail: { failedAttempts: failed.failed_login_count },
      ip: options.ip,
    });
    if (failed.locked_until) throw accountLocked(failed.locked_until, user.now);
    throw invalidCredentials();
  }

  await db
    .updateTable('users')
    .set({
      failed_login_count: 0,
      locked_until: null,
      last_login_at: sql<Date>`now()`,
      // Signing in is coming to the desk: automatic assignment counts this person in until they step away.
      presence: 'online',
      presence_changed_at: sql<Date>`now()`,
    })
    .where('id', '=', user.id)
    .where('workspace_id', '=', user.workspace_id)
    .execute();
  const session = await createSession(db, {
    userId: user.id,
    workspaceId: user.workspace_id,
    lifetimeHours: settings.sessionLifetimeHours,
    ip: options.ip,
    userAgent: options.userAgent,
  });
  await recordAudit(db, {
    workspaceId: user.workspace_id,
    actorUserId: user.id,
    action: 'auth.login',
    targetType: 'user',
    targetId: user.id,
    ip: options.ip,
  });
  return { session, userId: user.id, workspaceId: user.workspace_id };
}
