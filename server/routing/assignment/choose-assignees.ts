import type { Database } from '@server/db/schema';
import type { Kysely } from 'kysely';
import { loadCandidates, loadPreviousOwners, loadSuccessManagers, lockTeams } from './candidates';
import { type AssignmentStrategy, planAssignments } from './strategies';

export interface AssignmentRequest {
  ticketId: string;
  /** The team the ticket goes to (null: only sticky/CSM can assign). */
  teamId: string | null;
  customerId: string | null;
  /** Live chat counts against max_concurrent_chats instead of max_open_tickets. */
  isChat?: boolean;
}

export interface AssignmentDecision {
  ticketId: string;
  assigneeId: string;
  strategy: AssignmentStrategy;
}

const distinct = <T>(values: Iterable<T | null | undefined>): T[] =>
  [...new Set(values)].filter((value): value is T => value !== null && value !== undefined);

/**
 * Decides and returns assignees (does NOT update tickets — the caller writes them); advances round-robin cursors.
 * Call it inside the transaction that writes the tickets: the teams stay locked until it commits, so concurrent
 * batches see each other's assignments in the loads. Requests are placed in order; tickets nobody can take (a
 * manual team, nobody online or under capacity) are missing from the result.
 */
export async function chooseAssignees(
  tx: Kysely<Database>,
  options: {
    workspaceId: string;
    requests: AssignmentRequest[];
    successManagerTiers: string[];
    /** People who must not get these tickets (the one handing a ticket on in a transfer). */
    excludeUserIds?: readonly string[];
  },
): Promise<Map<string, AssignmentDecision>> {
  const { workspaceId, requests } = options;
  if (requests.length === 0) return new Map();
  const customerIds = distinct(requests.map((request) => request.customerId));
  const successManagers = await loadSuccessManagers(tx, {
    workspaceId,
    customerIds,
    tiers: options.successManagerTiers,
  });
  const routed = requests.filter(
    (request) => !(request.customerId && successManagers.has(request.customerId)),
  );
  const lockedTeams = await lockTeams(tx, {
    workspaceId,
    teamIds: distinct(routed.map((request) => request.teamId)),
  });
  const stickyTeamIds = new Set(lockedTeams.filter((team) => team.sticky_owner).map((team) => team.id));
  const previousOwners = await loadPreviousOwners(tx, {
    workspaceId,
    customerIds: distinct(
      routed
        .filter((request) => request.teamId === null || stickyTeamIds.has(request.teamId))
        .map((request) => request.customerId),
    ),
    excludeTicketIds: requests.map((request) => request.ticketId),
  });
  const { candidates, teams } = await loadCandidates(tx, {
    workspaceId,
    teams: lockedTeams,
    otherUserIds: [...new Set([...previousOwners.values(), ...successManagers.values()])],
  });

  for (const userId of options.excludeUserIds ?? []) candidates.delete(userId);
  const { assignments, cursors } = planAssignments({
    requests: requests.map((request) => ({
      ticketId: request.ticketId,
      teamId: request.teamId,
      customerId: request.customerId,
      isChat: request.isChat ?? false,
      successManagerId: (request.customerId && successManagers.get(request.customerId)) || null,
      previousOwnerId: (request.customerId && previousOwners.get(request.customerId)) || null,
    })),
    teams,
    candidates,
  });
  for (const [teamId, userId] of cursors) {
    await tx
      .updateTable('departments')
      .set({ last_assigned_user_id: userId })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', teamId)
      .execute();
  }
  return new Map(assignments.map((assignment) => [assignment.ticketId, assignment]));
}
