/**
 * Who gets a ticket (pure, no I/O): a high-value customer's success manager, else the customer's previous owner
 * when the team is sticky, else the team's strategy. Tickets decided earlier in the same batch count towards an
 * agent's load and move the team's round-robin position, so a batch of 100 spreads exactly as 100 single calls.
 */
import type { PresenceState, RoutingStrategy } from '@shared/routing';

/** An agent as assignment sees them: presence, capacity and the open work they already hold. */
export interface Candidate {
  userId: string;
  presence: PresenceState;
  deactivated: boolean;
  skills: string[];
  /** Open tickets assigned to them (not resolved, closed or merged away). */
  openTickets: number;
  /** The open tickets among those that are live chats. */
  openChats: number;
  /** Null: no limit. */
  maxOpenTickets: number | null;
  maxConcurrentChats: number | null;
}

/** A team's routing: its strategy and round-robin position, and its members in rotation order. */
export interface TeamRouting {
  id: string;
  strategy: RoutingStrategy;
  stickyOwner: boolean;
  requiredSkills: string[];
  /** The member who got the team's last ticket by rotation; null before the first. */
  lastAssignedUserId: string | null;
  /** Every member, eligible or not, in a stable order: a position survives presence changes. */
  memberIds: string[];
}

export type AssignmentStrategy = 'success_manager' | 'sticky' | 'round_robin' | 'least_loaded';

/** One ticket to place, with the facts about its customer already looked up. */
export interface PendingAssignment {
  ticketId: string;
  teamId: string | null;
  customerId: string | null;
  isChat: boolean;
  /** The customer's success manager when the customer's tier calls for one and that person is active. */
  successManagerId: string | null;
  /** The assignee of the customer's most recent earlier ticket. */
  previousOwnerId: string | null;
}

export interface PlannedAssignment {
  ticketId: string;
  assigneeId: string;
  strategy: AssignmentStrategy;
}

/** Whether an agent may get one more ticket of this kind automatically. */
export function isAvailable(
  candidate: Candidate,
  options: { requiredSkills: string[]; isChat: boolean },
): boolean {
  if (candidate.deactivated || candidate.presence !== 'online') return false;
  if (!options.requiredSkills.every((skill) => candidate.skills.includes(skill))) return false;
  const [load, capacity] = options.isChat
    ? [candidate.openChats, candidate.maxConcurrentChats]
    : [candidate.openTickets, candidate.maxOpenTickets];
  return capacity === null || load < capacity;
}

/** The members in the order rotation visits them next: the one after the last assigned first, then around. */
export function rotationOrder(memberIds: readonly string[], lastAssignedUserId: string | null): string[] {
  const start = lastAssignedUserId === null ? -1 : memberIds.indexOf(lastAssignedUserId);
  return [...memberIds.slice(start + 1), ...memberIds.slice(0, start + 1)];
}

/**
 * One team's pick among its available members: the next in rotation (round-robin), or the fewest open tickets
 * with rotation order breaking ties (least-loaded). Manual teams and teams nobody can take from pick nobody.
 */
export function pickTeamMember(
  team: TeamRouting,
  candidates: ReadonlyMap<string, Candidate>,
  isChat: boolean,
): string | null {
  if (team.strategy === 'manual') return null;
  const available = rotationOrder(team.memberIds, team.lastAssignedUserId).flatMap((userId) => {
    const candidate = candidates.get(userId);
    return candidate && isAvailable(candidate, { requiredSkills: team.requiredSkills, isChat })
      ? [candidate]
      : [];
  });
  if (team.strategy === 'round_robin') return available[0]?.userId ?? null;
  const loadOf = (candidate: Candidate) => (isChat ? candidate.openChats : candidate.openTickets);
  let best: Candidate | undefined;
  for (const candidate of available) if (!best || loadOf(candidate) < loadOf(best)) best = candidate;
  return best?.userId ?? null;
}

function chooseOne(
  request: PendingAssignment,
  team: TeamRouting | undefined,
  candidates: ReadonlyMap<string, Candidate>,
  previousOwnerId: string | null,
): PlannedAssignment | null {
  const { ticketId } = request;
  // Seed 003: a high-value customer is their manager's, whatever the manager's presence or load.
  if (request.successManagerId) {
    return { ticketId, assigneeId: request.successManagerId, strategy: 'success_manager' };
  }
  if (previousOwnerId && (!team || team.stickyOwner)) {
    const owner = candidates.get(previousOwnerId);
    const inTeam = !team || team.memberIds.includes(previousOwnerId);
    const requiredSkills = team?.requiredSkills ?? [];
    if (owner && inTeam && isAvailable(owner, { requiredSkills, isChat: request.isChat })) {
      return { ticketId, assigneeId: previousOwnerId, strategy: 'sticky' };
    }
  }
  if (!team) return null;
  const assigneeId = pickTeamMember(team, candidates, request.isChat);
  if (!assigneeId) return null;
  return {
    ticketId,
    assigneeId,
    strategy: team.strategy === 'least_loaded' ? 'least_loaded' : 'round_robin',
  };
}

/**
 * Places a batch in order. Returns the assignments (tickets nobody can take are left out) and each team's new
 * round-robin position. The inputs are not changed.
 */
export function planAssignments(options: {
  requests: readonly PendingAssignment[];
  teams: ReadonlyMap<string, TeamRouting>;
  candidates: ReadonlyMap<string, Candidate>;
}): { assignments: PlannedAssignment[]; cursors: Map<string, string> } {
  const candidates = new Map([...options.candidates].map(([id, candidate]) => [id, { ...candidate }]));
  const teams = new Map([...options.teams].map(([id, team]) => [id, { ...team }]));
  const lastOwnerOfCustomer = new Map<string, string>();
  const cursors = new Map<string, string>();
  const assignments: PlannedAssignment[] = [];
  for (const request of options.requests) {
    const team = request.teamId ? teams.get(request.teamId) : undefined;
    const previousOwnerId =
      (request.customerId ? lastOwnerOfCustomer.get(request.customerId) : undefined) ??
      request.previousOwnerId;
    // A team that no longer exists takes nobody's tickets; only the success manager still applies.
    const assignment =
      request.teamId && !team
        ? chooseOne({ ...request, teamId: null }, undefined, new Map(), null)
        : chooseOne(request, team, candidates, previousOwnerId);
    if (!assignment) continue;
    assignments.push(assignment);
    const assignee = candidates.get(assignment.assigneeId);
    if (assignee) {
      assignee.openTickets += 1;
      if (request.isChat) assignee.openChats += 1;
    }
    if (request.customerId) lastOwnerOfCustomer.set(request.customerId, assignment.assigneeId);
    if (team && (assignment.strategy === 'round_robin' || assignment.strategy === 'least_loaded')) {
      team.lastAssignedUserId = assignment.assigneeId;
      cursors.set(team.id, assignment.assigneeId);
    }
  }
  return { assignments, cursors };
}
