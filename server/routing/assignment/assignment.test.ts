import { randomUUID } from 'node:crypto';
import { login } from '@server/test/client';
import { buildTestApp, testDb } from '@server/test/context';
import { buildCustomer, buildTicket, buildUser, type TestUser } from '@server/test/factories';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { type AssignmentRequest, chooseAssignees } from './choose-assignees';
import { markIdleAgentsAway } from './presence';
import { buildRoutedTeam, holdTickets, setPeople } from './test-support';

const db = testDb();
type Eight<T> = [T, T, T, T, T, T, T, T];

const choose = (workspaceId: string, requests: AssignmentRequest[], successManagerTiers = ['vip']) =>
  db.transaction().execute((tx) => chooseAssignees(tx, { workspaceId, requests, successManagerTiers }));

const newTickets = (teamId: string | null, count: number, customerId: string | null = null) =>
  Array.from({ length: count }, () => ({ ticketId: randomUUID(), teamId, customerId }));

const tally = (decisions: Map<string, { assigneeId: string }>) => {
  const counts: Record<string, number> = {};
  for (const { assigneeId } of decisions.values()) counts[assigneeId] = (counts[assigneeId] ?? 0) + 1;
  return counts;
};

describe('round-robin', () => {
  it('spreads 100 tickets evenly over the online agents and skips the offline, away, deactivated and full', async () => {
    const { workspace, team, agents } = await buildRoutedTeam(8);
    const [a, b, c, d, offline, away, left, full] = agents as Eight<TestUser>;
    await setPeople([offline], { presence: 'offline' });
    await setPeople([away], { presence: 'away' });
    await setPeople([left], { deactivated_at: new Date() });
    await setPeople([full], { max_open_tickets: 2 });
    await holdTickets(full, 2);

    const decisions = await choose(workspace.id, newTickets(team.id, 100));
    expect(tally(decisions)).toEqual({
      [a.id]: 25,
      [b.id]: 25,
      [c.id]: 25,
      [d.id]: 25,
    });
    expect(new Set([...decisions.values()].map((decision) => decision.strategy))).toEqual(
      new Set(['round_robin']),
    );

    // The next batch goes on where this one stopped (the 100th went to the 4th), in another transaction.
    const next = await choose(workspace.id, newTickets(team.id, 2));
    expect([...next.values()].map((decision) => decision.assigneeId)).toEqual([a.id, b.id]);
    const cursor = await db
      .selectFrom('departments')
      .select('last_assigned_user_id')
      .where('id', '=', team.id)
      .executeTakeFirstOrThrow();
    expect(cursor.last_assigned_user_id).toBe(b.id);
  });

  it('lets concurrent batches continue from each other instead of starting at the same agent', async () => {
    const { workspace, team, agents } = await buildRoutedTeam(4);
    const batches = await Promise.all([1, 2].map(() => choose(workspace.id, newTickets(team.id, 2))));
    const assignees = batches.flatMap((batch) => [...batch.values()].map((decision) => decision.assigneeId));
    expect(new Set(assignees)).toEqual(new Set(agents.map((agent) => agent.id)));
  });

  it('gives nobody the tickets of a manual team, of a team nobody is online in, or of another workspace', async () => {
    const { workspace, team, agents } = await buildRoutedTeam(2);
    const other = await buildRoutedTeam(2);
    expect((await choose(workspace.id, newTickets(other.team.id, 3))).size).toBe(0);
    await setPeople(agents, { presence: 'away' });
    expect((await choose(workspace.id, newTickets(team.id, 3))).size).toBe(0);
    await setPeople(agents, { presence: 'online' });
    await db
      .updateTable('departments')
      .set({ routing_strategy: 'manual' })
      .where('id', '=', team.id)
      .execute();
    expect((await choose(workspace.id, newTickets(team.id, 3))).size).toBe(0);
  });
});

describe('least-loaded', () => {
  it('picks the agent with the fewest open tickets and never fills anyone beyond their capacity', async () => {
    const { workspace, team, agents } = await buildRoutedTeam(3);
    const [a, b, c] = agents as [TestUser, TestUser, TestUser];
    await db
      .updateTable('departments')
      .set({ routing_strategy: 'least_loaded' })
      .where('id', '=', team.id)
      .execute();
    await setPeople([a], { max_open_tickets: 5 });
    await setPeople([b], { max_open_tickets: 2 });
    await holdTickets(a, 3);
    await holdTickets(c, 1);
    // Done work is not load: resolved, closed and merged tickets do not count.
    await holdTickets(b, 4, { status: 'resolved' });
    await holdTickets(b, 4, { status: 'closed' });
    await holdTickets(b, 4, { mergedIntoId: (await buildTicket(a)).id });

    const requests = newTickets(team.id, 10);
    const decisions = await choose(workspace.id, requests);
    expect(decisions.get(requests[0]?.ticketId as string)).toMatchObject({
      assigneeId: b.id,
      strategy: 'least_loaded',
    });
    expect(tally(decisions)).toEqual({ [a.id]: 2, [b.id]: 2, [c.id]: 6 });
  });

  it('counts live chats against the concurrent-chat limit', async () => {
    const { workspace, team, agents } = await buildRoutedTeam(2);
    const [chatty, other] = agents as [TestUser, TestUser];
    await db
      .updateTable('departments')
      .set({ routing_strategy: 'least_loaded' })
      .where('id', '=', team.id)
      .execute();
    await setPeople([chatty], { max_concurrent_chats: 2 });
    await holdTickets(chatty, 2, { channel: 'web_chat' });
    await holdTickets(other, 5);
    const chats = newTickets(team.id, 2).map((request) => ({ ...request, isChat: true }));
    expect(tally(await choose(workspace.id, chats))).toEqual({ [other.id]: 2 });
    // An e-mail is not a chat: the chatty agent, with fewer open tickets, takes it.
    expect(tally(await choose(workspace.id, newTickets(team.id, 1)))).toEqual({ [chatty.id]: 1 });
  });
});

describe('sticky owner and success managers', () => {
  it("returns a repeat customer to their previous owner, unless that owner is away or the team isn't sticky", async () => {
    const { workspace, team, agents } = await buildRoutedTeam(3);
    const owner = agents[2] as TestUser;
    const customer = await buildCustomer(workspace);
    await holdTickets(owner, 1, { status: 'closed', customerId: customer.id });

    const [first] = newTickets(team.id, 1, customer.id);
    expect(
      (await choose(workspace.id, [first as AssignmentRequest])).get(first?.ticketId as string),
    ).toMatchObject({
      assigneeId: owner.id,
      strategy: 'sticky',
    });

    await setPeople([owner], { presence: 'away' });
    const [second] = newTickets(team.id, 1, customer.id);
    const rotated = (await choose(workspace.id, [second as AssignmentRequest])).get(
      second?.ticketId as string,
    );
    expect(rotated?.strategy).toBe('round_robin');
    expect(rotated?.assigneeId).not.toBe(owner.id);

    await setPeople([owner], { presence: 'online' });
    await db.updateTable('departments').set({ sticky_owner: false }).where('id', '=', team.id).execute();
    const [third] = newTickets(team.id, 1, customer.id);
    expect(
      (await choose(workspace.id, [third as AssignmentRequest])).get(third?.ticketId as string)?.strategy,
    ).toBe('round_robin');
  });

  it('gives a high-value customer to their success manager, even offline and outside the team', async () => {
    const { workspace, team } = await buildRoutedTeam(2);
    const manager = await buildUser(workspace, { role: 'success_manager' });
    const [vip, normal, orphaned] = await Promise.all([1, 2, 3].map(() => buildCustomer(workspace)));
    const formerManager = await buildUser(workspace, { role: 'success_manager' });
    await setPeople([formerManager], { deactivated_at: new Date() });
    const setCustomer = (id: string, tier: string, managerId: string) =>
      db.updateTable('customers').set({ tier, success_manager_id: managerId }).where('id', '=', id).execute();
    await setCustomer(vip?.id as string, 'vip', manager.id);
    await setCustomer(normal?.id as string, 'normal', manager.id);
    await setCustomer(orphaned?.id as string, 'vip', formerManager.id);

    const requests = [vip, normal, orphaned].map((customer) => ({
      ticketId: randomUUID(),
      teamId: team.id,
      customerId: customer?.id as string,
    }));
    const decisions = await choose(workspace.id, requests);
    expect(decisions.get(requests[0]?.ticketId as string)).toMatchObject({
      assigneeId: manager.id,
      strategy: 'success_manager',
    });
    expect(decisions.get(requests[1]?.ticketId as string)?.strategy).toBe('round_robin');
    expect(decisions.get(requests[2]?.ticketId as string)?.strategy).toBe('round_robin');
    // Without a team the success manager still takes their customer; nobody else takes anything.
    const teamless = [
      { ticketId: randomUUID(), teamId: null, customerId: vip?.id as string },
      ...newTickets(null, 1),
    ];
    expect(tally(await choose(workspace.id, teamless))).toEqual({ [manager.id]: 1 });
  });
});

describe('presence', () => {
  it('turns online agents away after the idle minutes without a request, and lets agents set their own', async () => {
    const app = await buildTestApp();
    const { workspace, agents } = await buildRoutedTeam(3);
    const [idle, busy, justBack] = agents as [TestUser, TestUser, TestUser];
    const idleClient = await login(app, idle);
    await login(app, busy);
    await db
      .updateTable('sessions')
      .set({ last_seen_at: sql<Date>`now() - interval '20 minutes'` })
      .where('user_id', '=', idle.id)
      .execute();
    await setPeople([idle, busy], { presence_changed_at: new Date(Date.now() - 60 * 60_000) });
    await setPeople([justBack], { presence_changed_at: new Date() });

    const away = await markIdleAgentsAway(db, {
      workspaceId: workspace.id,
      now: new Date(),
      idleMinutes: 15,
    });
    expect(away).toEqual([idle.id]);

    const back = await idleClient.request('PUT', '/api/v1/me/presence', { presence: 'online' });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ presence: 'online' });
    const teams = (await idleClient.get('/api/v1/routing/teams')).json().items;
    const members = teams.flatMap((team: { members: { id: string; presence: string }[] }) => team.members);
    expect(members.find((member: { id: string }) => member.id === idle.id)?.presence).toBe('online');
    expect((await idleClient.request('PUT', '/api/v1/me/presence', { presence: 'busy' })).statusCode).toBe(
      400,
    );
  });
});
