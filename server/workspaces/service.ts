import { recordAudit } from '@server/audit/service';
import type { Principal } from '@server/auth/principal';
import type { Database, WorkspaceRow, WorkspaceSettings } from '@server/db/schema';
import { notFound } from '@server/http/problem';
import type { Locale } from '@shared/roles';
import { type Kysely, sql } from 'kysely';
import type { WorkspaceJson } from './schema';
import { effectiveSettings } from './settings';

export function presentWorkspace(row: WorkspaceRow): WorkspaceJson {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    timeZone: row.time_zone,
    defaultLocale: row.default_locale as Locale,
    isDemo: row.is_demo,
    settings: effectiveSettings(row.settings),
  };
}

export async function getWorkspace(
  db: Kysely<Database>,
  options: { workspaceId: string },
): Promise<WorkspaceRow> {
  const row = await db
    .selectFrom('workspaces')
    .selectAll()
    .where('id', '=', options.workspaceId)
    .executeTakeFirst();
  if (!row) throw notFound('Workspace');
  return row;
}

export async function updateWorkspace(
  db: Kysely<Database>,
  options: {
    principal: Principal;
    ip: string | null;
    changes: { name?: string; timeZone?: string; defaultLocale?: Locale; settings?: WorkspaceSettings };
  },
): Promise<WorkspaceRow> {
  const { workspaceId, userId } = options.principal;
  const { changes } = options;
  return db.transaction().execute(async (tx) => {
    const current = await getWorkspace(tx, { workspaceId });
    const row = await tx
      .updateTable('workspaces')
      .set({
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.timeZone !== undefined ? { time_zone: changes.timeZone } : {}),
        ...(changes.defaultLocale !== undefined ? { default_locale: changes.defaultLocale } : {}),
        ...(changes.settings
          ? { settings: JSON.stringify({ ...current.settings, ...changes.settings }) }
          : {}),
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', workspaceId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      workspaceId,
      actorUserId: userId,
      action: 'workspace.updated',
      targetType: 'workspace',
      targetId: workspaceId,
      detail: { fields: Object.keys(changes), ...(changes.settings ? { settings: changes.settings } : {}) },
      ip: options.ip,
    });
    return row;
  });
}
