import type { Database } from '@server/db/schema';
import { notFound } from '@server/http/problem';
import { presentUser } from '@server/users/presenter';
import { findUser } from '@server/users/repo';
import { effectiveSettings } from '@server/workspaces/settings';
import { permissionsOf } from '@shared/permissions';
import type { Locale } from '@shared/roles';
import type { Kysely } from 'kysely';
import type { Principal } from './principal';
import type { MeJson } from './schema';

const DAY_MS = 86_400_000;

/** Everything the app needs after login: the user, the workspace, what they may do, and what they should do. */
export async function describeMe(
  db: Kysely<Database>,
  principal: Principal,
  sessionExpiresAt: Date | null = null,
): Promise<MeJson> {
  const [user, workspace] = await Promise.all([
    findUser(db, { workspaceId: principal.workspaceId, userId: principal.userId }),
    db.selectFrom('workspaces').selectAll().where('id', '=', principal.workspaceId).executeTakeFirst(),
  ]);
  if (!user || !workspace) throw notFound('User');
  const rotationDays = effectiveSettings(workspace.settings).passwordRotationDays;
  const passwordAgeMs = Date.now() - user.password_changed_at.getTime();
  const rolePermissions = permissionsOf(principal.role);
  return {
    user: presentUser(user),
    workspace: {
      id: workspace.id,
      name: workspace.name,
      timeZone: workspace.time_zone,
      defaultLocale: workspace.default_locale as Locale,
      isDemo: workspace.is_demo,
    },
    permissions: principal.scopes
      ? rolePermissions.filter((p) => principal.scopes?.includes(p))
      : rolePermissions,
    csrfToken: principal.csrfToken ?? null,
    passwordChangeDue:
      user.must_change_password || (rotationDays > 0 && passwordAgeMs > rotationDays * DAY_MS),
    sessionExpiresAt: sessionExpiresAt?.toISOString() ?? null,
    presence: user.presence,
  };
}
