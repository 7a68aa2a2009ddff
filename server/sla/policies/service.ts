import { recordAudit } from '@server/audit/service';
import type { Principal } from '@server/auth/principal';
import { isUniqueViolation } from '@server/db/errors';
import type { Database } from '@server/db/schema';
import type { SlaPolicyRow } from '@server/db/sla-tables';
import { HttpProblem, notFound, unprocessable } from '@server/http/problem';
import type { SlaPolicyBody } from '@shared/sla';
import { type Kysely, sql } from 'kysely';
import { policyFromRow } from '../repo';

export function presentPolicy(row: SlaPolicyRow) {
  return {
    ...policyFromRow(row),
    // A real column: 0.8 reads back as 0.800000011920929.
    warnAtShare: Math.round(row.warn_at_share * 1000) / 1000,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function listPolicies(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('sla_policies')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('position')
    .execute();
}

/** Calendars and teams a policy names must be the workspace's own. */
async function assertReferences(db: Kysely<Database>, workspaceId: string, body: Partial<SlaPolicyBody>) {
  if (body.calendarId) {
    const calendar = await db
      .selectFrom('calendars')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', body.calendarId)
      .executeTakeFirst();
    if (!calendar)
      throw unprocessable('unknown_calendar', 'No such calendar in this workspace', [
        { path: 'body/calendarId', message: 'No such calendar in this workspace' },
      ]);
  }
  const teamActions = (body.escalations ?? []).flatMap((level, index) =>
    level.actions.map((action, actionIndex) => ({
      action,
      path: `body/escalations/${index}/actions/${actionIndex}`,
    })),
  );
  for (const { action, path } of teamActions) {
    if (action.kind !== 'reassign' || action.to !== 'team') continue;
    if (!action.teamId)
      throw unprocessable('team_required', 'Choose the team to reassign to', [
        { path: `${path}/teamId`, message: 'Choose the team to reassign to' },
      ]);
    const team = await db
      .selectFrom('departments')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', action.teamId)
      .executeTakeFirst();
    if (!team)
      throw unprocessable('unknown_team', 'No such team in this workspace', [
        { path: `${path}/teamId`, message: 'No such team in this workspace' },
      ]);
  }
}

/** Request fields → columns, for whichever fields a body or a patch carries. */
export const policyColumns = (body: Partial<SlaPolicyBody>) => ({
  ...(body.name !== undefined && { name: body.name }),
  ...(body.enabled !== undefined && { enabled: body.enabled }),
  ...(body.calendarId !== undefined && { calendar_id: body.calendarId }),
  ...(body.match !== undefined && { match: JSON.stringify(body.match) }),
  ...(body.targets !== undefined && { targets: JSON.stringify(body.targets) }),
  ...(body.pauseStatuses !== undefined && { pause_statuses: body.pauseStatuses }),
  ...(body.warnAtShare !== undefined && { warn_at_share: body.warnAtShare }),
  ...(body.warningActions !== undefined && { warning_actions: JSON.stringify(body.warningActions) }),
  ...(body.escalations !== undefined && { escalations: JSON.stringify(body.escalations) }),
});

const duplicateName = (name: string | undefined) =>
  new HttpProblem(409, 'policy_name_taken', `A policy named "${name}" exists already`, [
    { path: 'body/name', message: 'Another policy has this name' },
  ]);

export async function createPolicy(db: Kysely<Database>, actor: Principal, body: SlaPolicyBody) {
  await assertReferences(db, actor.workspaceId, body);
  try {
    const row = await db
      .insertInto('sla_policies')
      .values({
        workspace_id: actor.workspaceId,
        position: sql<number>`(SELECT COALESCE(MAX(position), 0) + 1 FROM sla_policies WHERE workspace_id = ${actor.workspaceId})`,
        name: body.name,
        match: '{}',
        targets: '[]',
        warning_actions: '[]',
        escalations: '[]',
        ...policyColumns(body),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(db, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: 'sla_policy.created',
      targetType: 'sla_policy',
      targetId: row.id,
      detail: { name: row.name },
    });
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(body.name);
    throw error;
  }
}

export async function updatePolicy(
  db: Kysely<Database>,
  actor: Principal,
  id: string,
  patch: Partial<SlaPolicyBody>,
) {
  await assertReferences(db, actor.workspaceId, patch);
  try {
    const row = await db
      .updateTable('sla_policies')
      .set({ ...policyColumns(patch), updated_at: sql`now()` })
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw notFound('SLA policy');
    await recordAudit(db, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: 'sla_policy.updated',
      targetType: 'sla_policy',
      targetId: id,
      detail: { fields: Object.keys(patch) },
    });
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(patch.name);
    throw error;
  }
}

export async function deletePolicy(db: Kysely<Database>, actor: Principal, id: string) {
  const row = await db
    .deleteFrom('sla_policies')
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', id)
    .returning(['id', 'name'])
    .executeTakeFirst();
  if (!row) throw notFound('SLA policy');
  await recordAudit(db, {
    workspaceId: actor.workspaceId,
    actorUserId: actor.userId,
    action: 'sla_policy.deleted',
    targetType: 'sla_policy',
    targetId: id,
    detail: { name: row.name },
  });
}

/** Puts the policies in the given order; the list must name each of the workspace's policies once. */
export async function reorderPolicies(db: Kysely<Database>, actor: Principal, ids: readonly string[]) {
  const existing = await listPolicies(db, actor.workspaceId);
  const known = new Set(existing.map((row) => row.id));
  if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((id) => !known.has(id)))
    throw unprocessable('order_mismatch', 'List every policy of the workspace exactly once', [
      { path: 'body/ids', message: 'List every policy of the workspace exactly once' },
    ]);
  await db.transaction().execute(async (tx) => {
    for (const [index, id] of ids.entries())
      await tx
        .updateTable('sla_policies')
        .set({ position: index + 1, updated_at: sql`now()` })
        .where('workspace_id', '=', actor.workspaceId)
        .where('id', '=', id)
        .execute();
  });
  await recordAudit(db, {
    workspaceId: actor.workspaceId,
    actorUserId: actor.userId,
    action: 'sla_policy.reordered',
    targetType: 'sla_policy',
    detail: { ids },
  });
  return listPolicies(db, actor.workspaceId);
}
