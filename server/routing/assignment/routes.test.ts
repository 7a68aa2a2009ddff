import { login } from '@server/test/client';
import { buildTestApp, testDb } from '@server/test/context';
import {
  buildDepartment,
  buildTeam,
  buildTicket,
  buildUser,
  buildWorkspace,
  type TestUser,
} from '@server/test/factories';
import { describe, expect, it } from 'vitest';
import { buildRoutedTeam, holdTickets, setPeople } from './test-support';

const db = testDb();

describe('team routing administration', () => {
  it("lets a supervisor set a team's strategy and an agent's skills and capacity, audited; not an agent", async () => {
    const app = await buildTestApp();
    const { workspace, admin, supervisor, agent } = await buildTeam();
    const team = await buildDepartment(workspace);
    await setPeople([agent], { department_id: team.id });
    await holdTickets(agent, 2);
    const boss = await login(app, supervisor);

    const teamUpdate = await boss.request('PUT', `/api/v1/routing/teams/${team.id}`, {
      strategy: 'least_loaded',
      stickyOwner: false,
      requiredSkills: ['退换货', '退换货'],
    });
    expect(teamUpdate.statusCode).toBe(200);
    expect(teamUpdate.json()).toMatchObject({
      strategy: 'least_loaded',
      stickyOwner: false,
      requiredSkills: ['退换货'],
    });
    const agentUpdate = await boss.request('PUT', `/api/v1/routing/agents/${agent.id}`, {
      skills: ['退换货', 'English'],
      maxOpenTickets: 8,
    });
    expect(agentUpdate.statusCode).toBe(200);

    const listed = (await boss.get('/api/v1/routing/teams')).json().items;
    expect(listed.find((item: { id: string }) => item.id === team.id)).toMatchObject({
      strategy: 'least_loaded',
      members: [
        {
          id: agent.id,
          skills: ['退换货', 'English'],
          maxOpenTickets: 8,
          maxConcurrentChats: null,
          openTickets: 2,
        },
      ],
    });
    const audited = await db
      .selectFrom('audit_events')
      .select(['action', 'target_id'])
      .where('workspace_id', '=', workspace.id)
      .where('action', 'like', 'routing.%')
      .orderBy('id')
      .execute();
    expect(audited).toEqual([
      { action: 'routing.team_updated', target_id: team.id },
      { action: 'routing.agent_updated', target_id: agent.id },
    ]);

    const self = await login(app, agent);
    expect(
      (await self.request('PUT', `/api/v1/routing/agents/${agent.id}`, { maxOpenTickets: 99 })).statusCode,
    ).toBe(403);
    const otherTeam = await buildDepartment(await buildWorkspace());
    expect(
      (await boss.request('PUT', `/api/v1/routing/teams/${otherTeam.id}`, { strategy: 'manual' })).statusCode,
    ).toBe(404);
    expect(
      (await (await login(app, admin)).request('PUT', `/api/v1/routing/teams/${team.id}`, {})).statusCode,
    ).toBe(400);
  });
});

describe('transfers', () => {
  it('hand a ticket on with the reason in the timeline, notify the new assignee and keep the first owner', async () => {
    const app = await buildTestApp();
    const { workspace, agent, supervisor, engineer } = await buildTeam();
    const technical = await buildRoutedTeam(1, workspace);
    const technician = technical.agents[0] as TestUser;
    const colleague = await buildUser(workspace, { role: 'agent' });
    const ticket = await buildTicket(agent, { subject: '扫地机不充电', assigneeId: agent.id });
    const client = await login(app, agent);

    const handed = await client.post(`/api/v1/tickets/${ticket.id}/transfer`, {
      assigneeId: colleague.id,
      reason: '客户要求换人',
      note: '客户已经等了两天，请优先处理',
    });
    expect(handed.statusCode).toBe(200);
    expect(handed.json()).toMatchObject({ assignee: { id: colleague.id }, version: ticket.version + 1 });
    expect(handed.json().messages).toEqual([
      expect.objectContaining({ direction: 'note', body: '客户已经等了两天，请优先处理' }),
    ]);
    const notified = (await (await login(app, colleague)).get('/api/v1/notifications')).json().items;
    expect(notified).toEqual([expect.objectContaining({ kind: 'ticket_assigned', ticketId: ticket.id })]);

    // To a team without a person: the team's rotation picks its online technician.
    const toTeam = await (await login(app, supervisor)).post(`/api/v1/tickets/${ticket.id}/transfer`, {
      teamId: technical.team.id,
      reason: '需技术支持',
    });
    expect(toTeam.json()).toMatchObject({ assignee: { id: technician.id }, team: { id: technical.team.id } });
    const transfers = toTeam
      .json()
      .timeline.filter((event: { kind: string }) => event.kind === 'transferred');
    expect(transfers.map((event: { data: unknown }) => event.data)).toEqual([
      { from: agent.id, to: colleague.id, fromTeam: null, toTeam: null, reason: '客户要求换人' },
      {
        from: colleague.id,
        to: technician.id,
        fromTeam: null,
        toTeam: technical.team.id,
        reason: '需技术支持',
      },
    ]);
    const stored = await db
      .selectFrom('tickets')
      .select('first_owner_id')
      .where('id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    expect(stored.first_owner_id).toBe(agent.id);

    const url = `/api/v1/tickets/${ticket.id}/transfer`;
    expect((await client.post(url, { assigneeId: colleague.id })).statusCode).toBe(400);
    expect((await client.post(url, { reason: '没写给谁' })).statusCode).toBe(400);
    expect((await client.post(url, { assigneeId: technician.id, reason: '同一个人' })).statusCode).toBe(422);
    expect(
      (await (await login(app, engineer)).post(url, { assigneeId: agent.id, reason: '越权' })).statusCode,
    ).toBe(403);
  });
});
