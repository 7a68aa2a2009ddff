import type { Database, UserRow } from '@server/db/schema';
import type { Role } from '@shared/roles';
import { type Kysely, sql } from 'kysely';

export type UserWithDepartment = UserRow & { department_name: string | null };

function usersWithDepartment(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('users')
    .leftJoin('departments', (join) =>
      join
        .onRef('departments.id', '=', 'users.department_id')
        .onRef('departments.workspace_id', '=', 'users.workspace_id'),
    )
    .selectAll('users')
    .select('departments.name as department_name')
    .where('users.workspace_id', '=', workspaceId);
}

export function findUser(db: Kysely<Database>, options: { workspaceId: string; userId: string }) {
  return usersWithDepartment(db, options.workspaceId)
    .where('users.id', '=', options.userId)
    .executeTakeFirst();
}

export function listUsers(
  db: Kysely<Database>,
  options: {
    workspaceId: string;
    q?: string;
    role?: Role;
    departmentId?: string;
    includeDeactivated: boolean;
  },
): Promise<UserWithDepartment[]> {
  let query = usersWithDepartment(db, options.workspaceId);
  if (options.q) {
    const pattern = `%${options.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('users.name', 'ilike', pattern),
        eb('users.email', 'ilike', pattern),
        eb('users.employee_no', 'ilike', pattern),
      ]),
    );
  }
  if (options.role) query = query.where('users.role', '=', options.role);
  if (options.departmentId) query = query.where('users.department_id', '=', options.departmentId);
  if (!options.includeDeactivated) query = query.where('users.deactivated_at', 'is', null);
  return query.orderBy('users.name').orderBy('users.id').limit(1000).execute();
}

/** Active admins other than the given user, locked for the rest of the transaction. */
export async function countOtherActiveAdmins(
  db: Kysely<Database>,
  options: { workspaceId: string; exceptUserId: string },
): Promise<number> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('workspace_id', '=', options.workspaceId)
    .where('role', '=', 'admin')
    .where('deactivated_at', 'is', null)
    .where('id', '!=', options.exceptUserId)
    .forUpdate()
    .execute();
  return rows.length;
}

export async function departmentExists(
  db: Kysely<Database>,
  options: { workspaceId: string; departmentId: string },
) {
  const row = await db
    .selectFrom('departments')
    .select(sql<number>`1`.as('found'))
    .where('workspace_id', '=', options.workspaceId)
    .where('id', '=', options.departmentId)
    .executeTakeFirst();
  return row !== undefined;
}
