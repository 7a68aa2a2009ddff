import type { Database } from '@server/db/schema';
import { unprocessable } from '@server/http/problem';
import type { Kysely } from 'kysely';

const missing = (field: string, what: string) =>
  unprocessable(`unknown_${what}`, `No such ${what} in this workspace`, [
    { path: `body/${field}`, message: `No such ${what} in this workspace` },
  ]);

/** Checks that every id a ticket change points to exists in the same workspace (and, for people, is active). */
export async function assertTicketReferences(
  db: Kysely<Database>,
  workspaceId: string,
  refs: {
    customerId?: string | null;
    assigneeId?: string | null;
    teamId?: string | null;
    collaboratorIds?: string[];
    collaborationDepartmentIds?: string[];
  },
): Promise<void> {
  const userIds = [
    ...new Set([...(refs.assigneeId ? [refs.assigneeId] : []), ...(refs.collaboratorIds ?? [])]),
  ];
  const departmentIds = [
    ...new Set([...(refs.teamId ? [refs.teamId] : []), ...(refs.collaborationDepartmentIds ?? [])]),
  ];
  const [users, departments, customer] = await Promise.all([
    userIds.length
      ? db
          .selectFrom('users')
          .select('id')
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', userIds)
          .where('deactivated_at', 'is', null)
          .execute()
      : [],
    departmentIds.length
      ? db
          .selectFrom('departments')
          .select('id')
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', departmentIds)
          .execute()
      : [],
    refs.customerId
      ? db
          .selectFrom('customers')
          .select(['id', 'merged_into_id'])
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', refs.customerId)
          .executeTakeFirst()
      : undefined,
  ]);
  const userSet = new Set(users.map((u) => u.id));
  const departmentSet = new Set(departments.map((d) => d.id));
  if (refs.assigneeId && !userSet.has(refs.assigneeId)) throw missing('assigneeId', 'user');
  if (refs.collaboratorIds?.some((id) => !userSet.has(id))) throw missing('collaboratorIds', 'user');
  if (refs.teamId && !departmentSet.has(refs.teamId)) throw missing('teamId', 'department');
  if (refs.collaborationDepartmentIds?.some((id) => !departmentSet.has(id)))
    throw missing('collaborationDepartmentIds', 'department');
  if (refs.customerId && (!customer || customer.merged_into_id)) throw missing('customerId', 'customer');
}
