import { recordAudit } from '@server/audit/service';
import type { Principal } from '@server/auth/principal';
import { isUniqueViolation } from '@server/db/errors';
import type { Database } from '@server/db/schema';
import { conflict, notFound } from '@server/http/problem';
import { type Kysely, sql } from 'kysely';
import type { DepartmentJson } from './schema';

function departmentsWithMembers(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('departments')
    .select(['departments.id', 'departments.name', 'departments.description', 'departments.created_at'])
    .select((eb) =>
      eb
        .selectFrom('users')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('users.department_id', '=', 'departments.id')
        .where('users.workspace_id', '=', workspaceId)
        .where('users.deactivated_at', 'is', null)
        .as('member_count'),
    )
    .where('departments.workspace_id', '=', workspaceId);
}

type DepartmentRowWithCount = Awaited<
  ReturnType<ReturnType<typeof departmentsWithMembers>['executeTakeFirstOrThrow']>
>;

export function presentDepartment(row: DepartmentRowWithCount): DepartmentJson {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    memberCount: row.member_count ?? 0,
    createdAt: row.created_at.toISOString(),
  };
}

export function listDepartments(db: Kysely<Database>, options: { workspaceId: string }) {
  return departmentsWithMembers(db, options.workspaceId).orderBy('departments.name').execute();
}

async function findDepartment(db: Kysely<Database>, workspaceId: string, departmentId: string) {
  const row = await departmentsWithMembers(db, workspaceId)
    .where('departments.id', '=', departmentId)
    .executeTakeFirst();
  if (!row) throw notFound('Department');
  return row;
}

const nameTaken = (error: unknown): never => {
  if (isUniqueViolation(error))
    throw conflict('department_name_taken', 'A department with this name already exists');
  throw error;
};

export async function createDepartment(
  db: Kysely<Database>,
  options: { principal: Principal; ip: string | null; name: string; description: string },
) {
  const { workspaceId, userId } = options.principal;
  const created = await db
    .insertInto('departments')
    .values({ workspace_id: workspaceId, name: options.name, description: options.description })
    .returning('id')
    .executeTakeFirstOrThrow()
    .catch(nameTaken);
  await recordAudit(db, {
    workspaceId,
    actorUserId: userId,
    action: 'department.created',
    targetType: 'department',
    targetId: created.id,
    ip: options.ip,
  });
  return findDepartment(db, workspaceId, created.id);
}

export async function updateDepartment(
  db: Kysely<Database>,
  options: {
    principal: Principal;
    ip: string | null;
    departmentId: string;
    changes: { name?: string; description?: string };
  },
) {
  const { workspaceId, userId } = options.principal;
  const updated = await db
    .updateTable('departments')
    .set({ ...options.changes, updated_at: sql<Date>`now()` })
    .where('id', '=', options.departmentId)
    .where('workspace_id', '=', workspaceId)
    .returning('id')
    .executeTakeFirst()
    .catch(nameTaken);
  if (!updated) throw notFound('Department');
  await recordAudit(db, {
    workspaceId,
    actorUserId: userId,
    action: 'department.updated',
    targetType: 'department',
    targetId: updated.id,
    detail: { fields: Object.keys(options.changes) },
    ip: options.ip,
  });
  return findDepartment(db, workspaceId, updated.id);
}

/** Members of a deleted department stay, without a department. */
export async function deleteDepartment(
  db: Kysely<Database>,
  options: { principal: Principal; ip: string | null; departmentId: string },
): Promise<void> {
  const { workspaceId, userId } = options.principal;
  const deleted = await db
    .deleteFrom('departments')
    .where('id', '=', options.departmentId)
    .where('workspace_id', '=', workspaceId)
    .returning('id')
    .executeTakeFirst();
  if (!deleted) throw notFound('Department');
  await recordAudit(db, {
    workspaceId,
    actorUserId: userId,
    action: 'department.deleted',
    targetType: 'department',
    targetId: deleted.id,
    ip: options.ip,
  });
}
