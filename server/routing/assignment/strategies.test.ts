import { describe, expect, it } from 'vitest';
import {
  type Candidate,
  type PendingAssignment,
  pickTeamMember,
  planAssignments,
  rotationOrder,
  type TeamRouting,
} from './strategies';

const agent = (userId: string, overrides: Partial<Candidate> = {}): Candidate => ({
  userId,
  presence: 'online',
  deactivated: false,
  skills: [],
  openTickets: 0,
  openChats: 0,
  maxOpenTickets: null,
  maxConcurrentChats: null,
  ...overrides,
});

const team = (memberIds: string[], overrides: Partial<TeamRouting> = {}): TeamRouting => ({
  id: 'team',
  strategy: 'round_robin',
  stickyOwner: true,
  requiredSkills: [],
  lastAssignedUserId: null,
  memberIds,
  ...overrides,
});

const request = (ticketId: string, overrides: Partial<PendingAssignment> = {}): PendingAssignment => ({
  ticketId,
  teamId: 'team',
  customerId: null,
  isChat: false,
  successManagerId: null,
  previousOwnerId: null,
  ...overrides,
});

const byId = (...candidates: Candidate[]) => new Map(candidates.map((c) => [c.userId, c]));

const countBy = (assignees: string[]) =>
  assignees.reduce<Record<string, number>>((counts, id) => {
    counts[id] = (counts[id] ?? 0) + 1;
    return counts;
  }, {});

describe('rotation', () => {
  it('continues after the last assigned member and wraps around', () => {
    expect(rotationOrder(['a', 'b', 'c', 'd'], 'b')).toEqual(['c', 'd', 'a', 'b']);
    expect(rotationOrder(['a', 'b', 'c'], null)).toEqual(['a', 'b', 'c']);
    // Someone who left the team: start from the top rather than nowhere.
    expect(rotationOrder(['a', 'b'], 'gone')).toEqual(['a', 'b']);
  });

  it('skips the offline, the away, the deactivated, the full and those without the required skills', () => {
    const candidates = byId(
      agent('offline', { presence: 'offline' }),
      agent('away', { presence: 'away' }),
      agent('left', { deactivated: true }),
      agent('full', { openTickets: 5, maxOpenTickets: 5 }),
      agent('no-skill', { skills: ['售后'] }),
      agent('ok', { skills: ['售后', '安装'], openTickets: 4, maxOpenTickets: 5 }),
    );
    const members = [...candidates.keys()];
    expect(pickTeamMember(team(members, { requiredSkills: ['安装'] }), candidates, false)).toBe('ok');
    expect(pickTeamMember(team(members.slice(0, 4)), candidates, false)).toBeNull();
  });

  it('counts live chats against the chat limit and other tickets against the ticket limit', () => {
    const candidates = byId(agent('busy-chatting', { openTickets: 3, openChats: 3, maxConcurrentChats: 3 }));
    expect(pickTeamMember(team(['busy-chatting']), candidates, true)).toBeNull();
    expect(pickTeamMember(team(['busy-chatting']), candidates, false)).toBe('busy-chatting');
  });

  it('gives a manual team nobody', () => {
    expect(pickTeamMember(team(['a'], { strategy: 'manual' }), byId(agent('a')), false)).toBeNull();
  });
});

describe('a batch', () => {
  it('spreads 100 tickets 25 each over 4 online agents and remembers where it stopped', () => {
    const candidates = byId(
      agent('a'),
      agent('b'),
      agent('c'),
      agent('d'),
      agent('e', { presence: 'offline' }),
    );
    const teams = new Map([['team', team(['a', 'b', 'c', 'd', 'e'], { lastAssignedUserId: 'b' })]]);
    const requests = Array.from({ length: 100 }, (_, i) => request(`t${i}`));
    const { assignments, cursors } = planAssignments({ requests, teams, candidates });
    expect(assignments[0]?.assigneeId).toBe('c');
    expect(countBy(assignments.map((a) => a.assigneeId))).toEqual({ a: 25, b: 25, c: 25, d: 25 });
    expect(cursors.get('team')).toBe('b');
    // The inputs are facts read from the database: the plan does not change them.
    expect(teams.get('team')?.lastAssignedUserId).toBe('b');
    expect(candidates.get('a')?.openTickets).toBe(0);
  });

  it('fills capacity with the tickets placed earlier in the same batch (least-loaded)', () => {
    const candidates = byId(
      agent('a', { openTickets: 3, maxOpenTickets: 5 }),
      agent('b', { openTickets: 0, maxOpenTickets: 2 }),
      agent('c', { openTickets: 1 }),
    );
    const teams = new Map([['team', team(['a', 'b', 'c'], { strategy: 'least_loaded' })]]);
    const { assignments } = planAssignments({
      requests: Array.from({ length: 10 }, (_, i) => request(`t${i}`)),
      teams,
      candidates,
    });
    expect(assignments[0]).toEqual({ ticketId: 't0', assigneeId: 'b', strategy: 'least_loaded' });
    expect(countBy(assignments.map((a) => a.assigneeId))).toEqual({ a: 2, b: 2, c: 6 });
  });

  it('keeps a customer with their previous owner, also for a second ticket of a new customer in the batch', () => {
    const candidates = byId(agent('a'), agent('b'), agent('c'));
    const teams = new Map([['team', team(['a', 'b', 'c'])]]);
    const { assignments } = planAssignments({
      requests: [
        request('repeat', { customerId: 'old', previousOwnerId: 'c' }),
        request('first', { customerId: 'new' }),
        request('again', { customerId: 'new' }),
      ],
      teams,
      candidates,
    });
    expect(assignments).toEqual([
      { ticketId: 'repeat', assigneeId: 'c', strategy: 'sticky' },
      { ticketId: 'first', assigneeId: 'a', strategy: 'round_robin' },
      { ticketId: 'again', assigneeId: 'a', strategy: 'sticky' },
    ]);
  });

  it('does not stick to a previous owner who is away, outside the team, or when the team is not sticky', () => {
    const candidates = byId(agent('a'), agent('away', { presence: 'away' }), agent('elsewhere'));
    const plan = (previousOwnerId: string, stickyOwner = true) =>
      planAssignments({
        requests: [request('t', { customerId: 'x', previousOwnerId })],
        teams: new Map([['team', team(['a', 'away'], { stickyOwner })]]),
        candidates,
      }).assignments[0];
    expect(plan('away')).toMatchObject({ assigneeId: 'a', strategy: 'round_robin' });
    expect(plan('elsewhere')).toMatchObject({ assigneeId: 'a', strategy: 'round_robin' });
    expect(plan('a', false)).toMatchObject({ assigneeId: 'a', strategy: 'round_robin' });
    expect(plan('a')).toMatchObject({ assigneeId: 'a', strategy: 'sticky' });
  });

  it('gives a high-value customer their success manager whatever their presence, even without a team', () => {
    const candidates = byId(
      agent('a'),
      agent('csm', { presence: 'offline', openTickets: 9, maxOpenTickets: 1 }),
    );
    const { assignments, cursors } = planAssignments({
      requests: [
        request('vip', { customerId: 'v', successManagerId: 'csm', previousOwnerId: 'a' }),
        request('vip-no-team', { teamId: null, successManagerId: 'csm' }),
        request('to-a-deleted-team', { teamId: 'gone', successManagerId: 'csm' }),
        request('nobody', { teamId: 'gone' }),
      ],
      teams: new Map([['team', team(['a'])]]),
      candidates,
    });
    expect(assignments.map((a) => [a.ticketId, a.assigneeId, a.strategy])).toEqual([
      ['vip', 'csm', 'success_manager'],
      ['vip-no-team', 'csm', 'success_manager'],
      ['to-a-deleted-team', 'csm', 'success_manager'],
    ]);
    expect(cursors.size).toBe(0);
  });
});
