/** What assignment reads: teams (locked while their round-robin position moves), members and their open work. */
import type { Database } from '@server/db/schema';
import { type Kysely, sql } from 'kysely';
import type { Candidate, TeamRouting } from './strategies';

/** Channels whose tickets are live conversations: they count against max_concurrent_chats. */
export const LIVE_CHAT_CHANNELS: readonly string[] = ['web_chat'];

export interface OpenWork {
  openTickets: number;
  openChats: number;
}

/**
 * Open tickets (not resolved, closed or merged away) per assignee, and how many of them are live chats. The
 * predicate spells out the open-inbox index's own (`status <> 'closed' AND merged_into_id IS NULL`) so it is used.
 */
export async function countOpenWork(
  db: Kysely<Database>,
  options: { workspaceId: string; userIds: readonly string[] },
): Promise<Map<string, OpenWork>> {
  if (options.userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('tickets')
    .select([
      'assignee_id',
      sql<number>`count(*)::int`.as('open_tickets'),
      sql<number>`(count(*) FILTER (WHERE channel IN (${sql.join([...LIVE_CHAT_CHANNELS])})))::int`.as(
        'open_chats',
      ),
    ])
    .where('workspace_id', '=', options.workspaceId)
    .where('assignee_id', 'in', [...options.userIds])
    .where('status', '<>', 'closed')
    .where('status', '<>', 'resolved')
    .where('merged_into_id', 'is', null)
    .groupBy('assignee_id')
    .execute();
  return new Map(
    rows.map((row) => [
      row.assignee_id as string,
      { openTickets: row.open_tickets, openChats: row.open_chats },
    ]),
  );
}

/**
 * The teams' routing rows, locked FOR UPDATE in id order (two batches naming the same teams lock them in the same
 * order and cannot deadlock): loads counted after the lock include every assignment committed before it.
 */
export async function lockTeams(
  tx: Kysely<Database>,
  options: { workspaceId: string; teamIds: readonly string[] },
) {
  if (options.teamIds.length === 0) return [];
  return tx
    .selectFrom('departments')
    .select(['id', 'routing_strategy', 'sticky_owner', 'required_skills', 'last_assigned_user_id'])
    .where('workspace_id', '=', options.workspaceId)
    .where('id', 'in', [...options.teamIds])
    .orderBy('id')
    .forUpdate()
    .execute();
}

/**
 * The members of the teams plus the other people named (previous owners), as candidates, and each team's members
 * in rotation order: by 工号, then id, so the order is the one people expect and stays put.
 */
export async function loadCandidates(
  db: Kysely<Database>,
  options: {
    workspaceId: string;
    teams: Awaited<ReturnType<typeof lockTeams>>;
    otherUserIds: readonly string[];
  },
): Promise<{ candidates: Map<string, Candidate>; teams: Map<string, TeamRouting> }> {
  const teamIds = options.teams.map((team) => team.id);
  const otherUserIds = [...options.otherUserIds];
  if (teamIds.length === 0 && otherUserIds.length === 0) return { candidates: new Map(), teams: new Map() };
  const people = await db
    .selectFrom('users')
    .select([
      'id',
      'department_id',
      'presence',
      'deactivated_at',
      'skills',
      'max_open_tickets',
      'max_concurrent_chats',
    ])
    .where('workspace_id', '=', options.workspaceId)
    .where((eb) =>
      eb.or([
        ...(teamIds.length > 0 ? [eb('department_id', 'in', teamIds)] : []),
        ...(otherUserIds.length > 0 ? [eb('id', 'in', otherUserIds)] : []),
      ]),
    )
    .orderBy('employee_no', (order) => order.asc().nullsLast())
    .orderBy('id')
    .execute();
  const work = await countOpenWork(db, {
    workspaceId: options.workspaceId,
    userIds: people.map((p) => p.id),
  });
  const candidates = new Map<string, Candidate>(
    people.map((person) => [
      person.id,
      {
        userId: person.id,
        presence: person.presence,
        deactivated: person.deactivated_at !== null,
        skills: person.skills,
        openTickets: work.get(person.id)?.openTickets ?? 0,
        openChats: work.get(person.id)?.openChats ?? 0,
        maxOpenTickets: person.max_open_tickets,
        maxConcurrentChats: person.max_concurrent_chats,
      },
    ]),
  );
  const teams = new Map<string, TeamRouting>(
    options.teams.map((team) => [
      team.id,
      {
        id: team.id,
        strategy: team.routing_strategy,
        stickyOwner: team.sticky_owner,
        requiredSkills: team.required_skills,
        lastAssignedUserId: team.last_assigned_user_id,
        memberIds: people.filter((person) => person.department_id === team.id).map((person) => person.id),
      },
    ]),
  );
  return { candidates, teams };
}

/** Per customer, the assignee of their most recent ticket that had one, leaving out the tickets being placed. */
export async function loadPreviousOwners(
  db: Kysely<Database>,
  options: { workspaceId: string; customerIds: readonly string[]; excludeTicketIds: readonly string[] },
): Promise<Map<string, string>> {
  if (options.customerIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('tickets')
    .distinctOn('customer_id')
    .select(['customer_id', 'assignee_id'])
    .where('workspace_id', '=', options.workspaceId)
    .where('customer_id', 'in', [...options.customerIds])
    .where('assignee_id', 'is not', null)
    .$if(options.excludeTicketIds.length > 0, (query) =>
      query.where('id', 'not in', [...options.excludeTicketIds]),
    )
    .orderBy('customer_id')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return new Map(rows.map((row) => [row.customer_id as string, row.assignee_id as string]));
}

/** Per customer whose tier is one of `tiers`: their success manager, when that person is still active. */
export async function loadSuccessManagers(
  db: Kysely<Database>,
  options: { workspaceId: string; customerIds: readonly string[]; tiers: readonly string[] },
): Promise<Map<string, string>> {
  if (options.customerIds.length === 0 || options.tiers.length === 0) return new Map();
  const rows = await db
    .selectFrom('customers')
    .innerJoin('users', (join) =>
      join
        .onRef('users.id', '=', 'customers.success_manager_id')
        .onRef('users.workspace_id', '=', 'customers.workspace_id'),
    )
    .select(['customers.id', 'customers.success_manager_id'])
    .where('customers.workspace_id', '=', options.workspaceId)
    .where('customers.id', 'in', [...options.customerIds])
    .where('customers.tier', 'in', [...options.tiers])
    .where('users.deactivated_at', 'is', null)
    .execute();
  return new Map(rows.map((row) => [row.id, row.success_manager_id as string]));
}
