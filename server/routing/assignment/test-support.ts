/** Factories of the assignment tests: teams of online agents, and work they already hold. */
import { randomUUID } from 'node:crypto';
import type { UserUpdate, WorkspaceRow } from '@server/db/schema';
import { testDb } from '@server/test/context';
import { buildDepartment, buildUser, buildWorkspace, type TestUser } from '@server/test/factories';

export const setPeople = (users: { id: string }[], set: UserUpdate) =>
  testDb()
    .updateTable('users')
    .set(set)
    .where(
      'id',
      'in',
      users.map((user) => user.id),
    )
    .execute();

/** A team of agents with 工号 A01, A02, … (their rotation order), every one online unless changed. */
export async function buildRoutedTeam(size: number, workspace?: WorkspaceRow) {
  const ws = workspace ?? (await buildWorkspace());
  const team = await buildDepartment(ws);
  const agents = await Promise.all(
    Array.from({ length: size }, (_, i) =>
      buildUser(ws, { departmentId: team.id, employeeNo: `A${String(i + 1).padStart(2, '0')}` }),
    ),
  );
  await setPeople(agents, { presence: 'online' });
  return { workspace: ws, team, agents };
}

/** Open (or other) tickets already held by an agent, inserted directly: only their count matters here. */
export async function holdTickets(
  assignee: TestUser,
  count: number,
  fields: {
    status?: 'open' | 'resolved' | 'closed';
    channel?: string;
    customerId?: string;
    mergedIntoId?: string;
  } = {},
) {
  await testDb()
    .insertInto('tickets')
    .values(
      Array.from({ length: count }, () => ({
        workspace_id: assignee.workspace_id,
        number: `T${randomUUID().slice(0, 12)}`,
        subject: '已有工单',
        channel: fields.channel ?? 'email',
        status: fields.status ?? 'open',
        assignee_id: assignee.id,
        customer_id: fields.customerId ?? null,
        merged_into_id: fields.mergedIntoId ?? null,
      })),
    )
    .execute();
}
