/** 管理 → 分派与路由 → 团队: each team's strategy, stickiness and required skills; each agent's skills and capacity. */
import { recordAudit } from '@server/audit/service';
import type { Principal } from '@server/auth/principal';
import type { Database, DepartmentsTable, UsersTable } from '@server/db/schema';
import { notFound } from '@server/http/problem';
import type { RoutingStrategy } from '@shared/routing';
import { type Kysely, sql, type Updateable } from 'kysely';
import { countOpenWork } from './candidates';
import type { RoutingMemberJson, RoutingTeamJson } from './schema';

function routingPeople(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('users')
    .select([
      'id',
      'name',
      'employee_no',
      'role',
      'department_id',
      'presence',
      'skills',
      'max_open_tickets',
      'max_concurrent_chats',
    ])
    .where('workspace_id', '=', workspaceId)
    .orderBy('employee_no', (order) => order.asc().nullsLast())
    .orderBy('id');
}

type RoutingPerson = Awaited<ReturnType<ReturnType<typeof routingPeople>['execute']>>[number];

async function presentPeople(
  db: Kysely<Database>,
  workspaceId: string,
  people: RoutingPerson[],
): Promise<(RoutingMemberJson & { departmentId: string | null })[]> {
  const work = await countOpenWork(db, { workspaceId, userIds: people.map((person) => person.id) });
  return people.map((person) => ({
    id: person.id,
    name: person.name,
    employeeNo: person.employee_no,
    role: person.role,
    departmentId: person.department_id,
    presence: person.presence,
    skills: person.skills,
    maxOpenTickets: person.max_open_tickets,
    maxConcurrentChats: person.max_concurrent_chats,
    openTickets: work.get(person.id)?.openTickets ?? 0,
    openChats: work.get(person.id)?.openChats ?? 0,
  }));
}

/** The workspace's teams (all departments, by name, or the ones asked for) with their active members' load. */
export async function listRoutingTeams(
  db: Kysely<Database>,
  options: { workspaceId: string; teamIds?: string[] },
): Promise<RoutingTeamJson[]> {
  const { workspaceId, teamIds } = options;
  const [teams, people] = await Promise.all([
    db
      .selectFrom('departments')
      .select(['id', 'name', 'routing_strategy', 'sticky_owner', 'required_skills'])
      .where('workspace_id', '=', workspaceId)
      .$if(teamIds !== undefined, (query) => query.where('id', 'in', teamIds ?? []))
      .orderBy('name')
      .execute(),
    routingPeople(db, workspaceId)
      .where('deactivated_at', 'is', null)
      .$if(teamIds !== undefined, (query) => query.where('department_id', 'in', teamIds ?? []))
      .where('department_id', 'is not', null)
      .execute(),
  ]);
  const members = await presentPeople(db, workspaceId, people);
  return teams.map((team) => ({
    id: team.id,
    name: team.name,
    strategy: team.routing_strategy,
    stickyOwner: team.sticky_owner,
    requiredSkills: team.required_skills,
    members: members
      .filter((member) => member.departmentId === team.id)
      .map(({ departmentId: _, ...member }) => member),
  }));
}

export async function updateTeamRouting(
  db: Kysely<Database>,
  options: {
    actor: Principal;
    ip: string | null;
    teamId: string;
    changes: { strategy?: RoutingStrategy; stickyOwner?: boolean; requiredSkills?: string[] };
  },
): Promise<RoutingTeamJson> {
  const { workspaceId, userId } = options.actor;
  const { changes } = options;
  const update: Updateable<DepartmentsTable> = {};
  if (changes.strategy !== undefined) update.routing_strategy = changes.strategy;
  if (changes.stickyOwner !== undefined) update.sticky_owner = changes.stickyOwner;
  if (changes.requiredSkills !== undefined) update.required_skills = changes.requiredSkills;
  await db.transaction().execute(async (tx) => {
    const before = await tx
      .selectFrom('departments')
      .select(['routing_strategy', 'sticky_owner', 'required_skills'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', options.teamId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound('Team');
    await tx
      .updateTable('departments')
      .set({ ...update, updated_at: sql<Date>`now()` })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', options.teamId)
      .execute();
    await recordAudit(tx, {
      workspaceId,
      actorUserId: userId,
      action: 'routing.team_updated',
      targetType: 'department',
      targetId: options.teamId,
      detail: {
        before: {
          strategy: before.routing_strategy,
          stickyOwner: before.sticky_owner,
          requiredSkills: before.required_skills,
        },
        after: changes,
      },
      ip: options.ip,
    });
  });
  const [team] = await listRoutingTeams(db, { workspaceId, teamIds: [options.teamId] });
  return team as RoutingTeamJson;
}

export async function updateAgentRouting(
  db: Kysely<Database>,
  options: {
    actor: Principal;
    ip: string | null;
    userId: string;
    changes: { skills?: string[]; maxOpenTickets?: number | null; maxConcurrentChats?: number | null };
  },
): Promise<RoutingMemberJson & { departmentId: string | null }> {
  const { workspaceId } = options.actor;
  const { changes } = options;
  const update: Updateable<UsersTable> = {};
  if (changes.skills !== undefined) update.skills = changes.skills;
  if (changes.maxOpenTickets !== undefined) update.max_open_tickets = changes.maxOpenTickets;
  if (changes.maxConcurrentChats !== undefined) update.max_concurrent_chats = changes.maxConcurrentChats;
  await db.transaction().execute(async (tx) => {
    const before = await routingPeople(tx, workspaceId)
      .where('id', '=', options.userId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound('User');
    await tx
      .updateTable('users')
      .set({ ...update, updated_at: sql<Date>`now()` })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', options.userId)
      .execute();
    await recordAudit(tx, {
      workspaceId,
      actorUserId: options.actor.userId,
      action: 'routing.agent_updated',
      targetType: 'user',
      targetId: options.userId,
      detail: {
        before: {
          skills: before.skills,
          maxOpenTickets: before.max_open_tickets,
          maxConcurrentChats: before.max_concurrent_chats,
        },
        after: changes,
      },
      ip: options.ip,
    });
  });
  const after = await routingPeople(db, workspaceId)
    .where('id', '=', options.userId)
    .executeTakeFirstOrThrow();
  const [agent] = await presentPeople(db, workspaceId, [after]);
  return agent as RoutingMemberJson & { departmentId: string | null };
}
