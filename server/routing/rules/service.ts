/** Routing rules of a workspace (管理 → 分派规则): ordered, created, edited, reordered and deleted, each audited. */
import { recordAudit } from '@server/audit/service';
import type { Principal } from '@server/auth/principal';
import { isUniqueViolation } from '@server/db/errors';
import type { RoutingRuleRow } from '@server/db/routing-tables';
import type { Database } from '@server/db/schema';
import { HttpProblem, notFound, unprocessable } from '@server/http/problem';
import type { RoutingRule } from '@shared/routing';
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { ruleBodySchema } from '../schema';

export type RuleBody = z.infer<typeof ruleBodySchema>;

export function ruleFromRow(row: RoutingRuleRow): RoutingRule {
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled,
    triggers: row.triggers,
    match: row.match,
    conditions: row.conditions,
    actions: row.actions,
    stopAfterMatch: row.stop_after_match,
  };
}

export function presentRule(row: RoutingRuleRow) {
  return {
    ...ruleFromRow(row),
    position: row.position,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function listRules(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('routing_rules')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('position')
    .execute();
}

/** Teams, departments and people a rule names must be the workspace's own. */
async function assertReferences(db: Kysely<Database>, workspaceId: string, body: Partial<RuleBody>) {
  const departments = new Map<string, string>();
  const users = new Map<string, string>();
  (body.actions ?? []).forEach((action, index) => {
    const path = `body/actions/${index}`;
    if (action.kind === 'set_team') departments.set(action.teamId, `${path}/teamId`);
    if (action.kind === 'needs_collaboration')
      for (const id of action.departmentIds) departments.set(id, `${path}/departmentIds`);
    if (action.kind === 'assign') users.set(action.assigneeId, `${path}/assigneeId`);
  });
  const [knownDepartments, knownUsers] = await Promise.all([
    departments.size === 0
      ? []
      : db
          .selectFrom('departments')
          .select('id')
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', [...departments.keys()])
          .execute(),
    users.size === 0
      ? []
      : db
          .selectFrom('users')
          .select('id')
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', [...users.keys()])
          .where('deactivated_at', 'is', null)
          .execute(),
  ]);
  const missing = [
    ...[...departments].filter(([id]) => !knownDepartments.some((row) => row.id === id)),
    ...[...users].filter(([id]) => !knownUsers.some((row) => row.id === id)),
  ];
  if (missing.length > 0)
    throw unprocessable(
      'unknown_reference',
      'A team, department or person this rule names is not in this workspace',
      missing.map(([, path]) => ({ path, message: 'Not in this workspace' })),
    );
}

const ruleColumns = (body: Partial<RuleBody>) => ({
  ...(body.name !== undefined && { name: body.name }),
  ...(body.enabled !== undefined && { enabled: body.enabled }),
  ...(body.triggers !== undefined && { triggers: body.triggers }),
  ...(body.match !== undefined && { match: body.match }),
  ...(body.conditions !== undefined && { conditions: JSON.stringify(body.conditions) }),
  ...(body.actions !== undefined && { actions: JSON.stringify(body.actions) }),
  ...(body.stopAfterMatch !== undefined && { stop_after_match: body.stopAfterMatch }),
});

const duplicateName = (name: string | undefined) =>
  new HttpProblem(409, 'rule_name_taken', `A rule named "${name}" exists already`, [
    { path: 'body/name', message: 'Another rule has this name' },
  ]);

async function audited<T>(
  db: Kysely<Database>,
  actor: Principal,
  action: string,
  targetId: string,
  detail: Record<string, unknown>,
  result: T,
) {
  await recordAudit(db, {
    workspaceId: actor.workspaceId,
    actorUserId: actor.userId,
    action,
    targetType: 'routing_rule',
    targetId,
    detail,
  });
  return result;
}

export async function createRule(db: Kysely<Database>, actor: Principal, body: RuleBody) {
  await assertReferences(db, actor.workspaceId, body);
  try {
    const row = await db
      .insertInto('routing_rules')
      .values({
        workspace_id: actor.workspaceId,
        position: sql<number>`(SELECT COALESCE(MAX(position), 0) + 1 FROM routing_rules WHERE workspace_id = ${actor.workspaceId})`,
        name: body.name,
        conditions: '[]',
        actions: '[]',
        ...ruleColumns(body),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return audited(db, actor, 'routing_rule.created', row.id, { name: row.name }, row);
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(body.name);
    throw error;
  }
}

export async function updateRule(
  db: Kysely<Database>,
  actor: Principal,
  id: string,
  patch: Partial<RuleBody>,
) {
  await assertReferences(db, actor.workspaceId, patch);
  try {
    const row = await db
      .updateTable('routing_rules')
      .set({ ...ruleColumns(patch), updated_at: sql`now()` })
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw notFound('Routing rule');
    return audited(db, actor, 'routing_rule.updated', id, { fields: Object.keys(patch) }, row);
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(patch.name);
    throw error;
  }
}

export async function deleteRule(db: Kysely<Database>, actor: Principal, id: string) {
  const row = await db
    .deleteFrom('routing_rules')
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', id)
    .returning('name')
    .executeTakeFirst();
  if (!row) throw notFound('Routing rule');
  await audited(db, actor, 'routing_rule.deleted', id, { name: row.name }, null);
}

/** Puts the rules in the given order; the list must name every rule of the workspace once. */
export async function reorderRules(db: Kysely<Database>, actor: Principal, ids: string[]) {
  await db.transaction().execute(async (tx) => {
    const current = await tx
      .selectFrom('routing_rules')
      .select('id')
      .where('workspace_id', '=', actor.workspaceId)
      .forUpdate()
      .execute();
    const known = new Set(current.map((row) => row.id));
    if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((id) => !known.has(id)))
      throw unprocessable('incomplete_order', 'Name every rule of the workspace exactly once', [
        { path: 'body/ids', message: 'Name every rule exactly once' },
      ]);
    await sql`
      UPDATE routing_rules AS r SET position = v.position, updated_at = now()
      FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS v(id, position)
      WHERE r.workspace_id = ${actor.workspaceId} AND r.id = v.id`.execute(tx);
  });
  await audited(db, actor, 'routing_rule.reordered', actor.workspaceId, { count: ids.length }, null);
}
