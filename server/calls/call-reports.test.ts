import { randomUUID } from 'node:crypto';
import { login, type TestClient } from '@server/test/client';
import { buildTestApp, testDb } from '@server/test/context';
import { buildCustomer, buildTeam, buildTicket, buildUser, buildWorkspace } from '@server/test/factories';
import { describe, expect, it } from 'vitest';

const call = (overrides: Record<string, unknown> = {}) => ({
  externalId: `cti-${randomUUID()}`,
  direction: 'inbound',
  caller: '13912345678',
  callee: '400-800-1234',
  startedAt: '2026-12-01T02:00:00Z',
  answeredAfterSeconds: 6,
  durationSeconds: 120,
  ...overrides,
});

async function logAll(agent: TestClient, calls: Record<string, unknown>[]) {
  for (const body of calls) {
    const response = await agent.post('/api/v1/calls', body);
    expect(response.statusCode, JSON.stringify(body)).toBe(201);
  }
}

const metrics = async (client: TestClient, query: string) => {
  const response = await client.get(`/api/v1/calls/metrics?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

describe('the phone service level (answered within 15 s)', () => {
  it('counts the inbound calls of a day of the workspace calendar, answered, missed and within the threshold', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const agent = await login(app, team.agent);
    await logAll(agent, [
      // 1 December in Shanghai: 00:30 local is still 30 November in UTC.
      call({ startedAt: '2026-11-30T16:30:00Z', answeredAfterSeconds: 4 }),
      call({ startedAt: '2026-12-01T02:00:00Z', answeredAfterSeconds: 15 }),
      call({ startedAt: '2026-12-01T03:00:00Z', answeredAfterSeconds: 40 }),
      call({ startedAt: '2026-12-01T04:00:00Z', answeredAfterSeconds: null, durationSeconds: 0 }),
      call({
        direction: 'outbound',
        caller: '400-800-1234',
        callee: '13912345678',
        startedAt: '2026-12-01T05:00:00Z',
        answeredAfterSeconds: 2,
      }),
      // 2 December 00:10 in Shanghai: another day.
      call({ startedAt: '2026-12-01T16:10:00Z', answeredAfterSeconds: 30 }),
    ]);
    // Another workspace's calls on the same day are not this team's.
    const other = await buildTeam();
    await logAll(await login(app, other.agent), [
      call({ startedAt: '2026-12-01T02:00:00Z', answeredAfterSeconds: null, durationSeconds: 0 }),
    ]);

    expect(await metrics(agent, 'from=2026-12-01&to=2026-12-01&thresholdSeconds=15')).toEqual({
      from: '2026-12-01',
      to: '2026-12-01',
      timeZone: 'Asia/Shanghai',
      calls: 5,
      inbound: 4,
      outbound: 1,
      answered: 3,
      missed: 1,
      answeredWithinThreshold: 2,
      thresholdSeconds: 15,
      answerRate: 0.75,
      withinThresholdRate: 0.5,
      averageAnswerSeconds: 19.7,
    });
    // A stricter threshold, and two days together.
    expect(await metrics(agent, 'from=2026-12-01&to=2026-12-01&thresholdSeconds=5')).toMatchObject({
      answeredWithinThreshold: 1,
      withinThresholdRate: 0.25,
    });
    expect(await metrics(agent, 'from=2026-12-01&to=2026-12-02')).toMatchObject({
      calls: 6,
      inbound: 5,
      answered: 4,
      answeredWithinThreshold: 2,
      thresholdSeconds: 15,
      withinThresholdRate: 0.4,
    });
    expect(await metrics(agent, 'from=2026-12-03')).toMatchObject({
      calls: 0,
      answerRate: null,
      withinThresholdRate: null,
      averageAnswerSeconds: null,
    });
  });

  it('reads today in the workspace’s own time zone by default, and refuses a reversed range', async () => {
    const app = await buildTestApp();
    const workspace = await buildWorkspace({ timeZone: 'America/New_York' });
    const agent = await login(app, await buildUser(workspace, { role: 'agent' }));
    await logAll(agent, [
      call({ startedAt: new Date().toISOString(), answeredAfterSeconds: 9 }),
      call({ startedAt: new Date(Date.now() - 3 * 86_400_000).toISOString() }),
    ]);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
    expect(await metrics(agent, '')).toMatchObject({
      from: today,
      to: today,
      timeZone: 'America/New_York',
      calls: 1,
      answeredWithinThreshold: 1,
    });

    for (const [query, path] of [
      ['from=2026-12-05&to=2026-12-01', 'to'],
      ['from=2026-13-01', 'from'],
      ['from=2025-01-01&to=2026-12-31', 'to'],
      ['thresholdSeconds=0', 'thresholdSeconds'],
    ]) {
      const response = await agent.get(`/api/v1/calls/metrics?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors.map((error: { path: string }) => error.path)).toContain(
        `querystring/${path}`,
      );
    }
  });
});

describe('the caller on screen', () => {
  it('finds the customer of a landline typed three ways, with their tickets and calls, numbers masked', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const customer = await buildCustomer(team.workspace, { name: '朝阳门店王经理', phone: '010-12345678' });
    const done = await buildTicket(team.agent, { subject: '上月的发票', customerId: customer.id });
    await testDb()
      .updateTable('tickets')
      .set({ status: 'closed' })
      .where('workspace_id', '=', team.workspace.id)
      .where('id', '=', done.id)
      .execute();
    const open = await buildTicket(team.agent, { subject: '安装预约', customerId: customer.id });
    const stranger = await buildCustomer(team.workspace, { phone: '13800138000' });
    await buildTicket(team.agent, { subject: '别人的工单', customerId: stranger.id });
    const agent = await login(app, team.agent);
    await logAll(agent, [
      call({ caller: '+86 10 1234 5678', startedAt: '2026-12-01T01:00:00Z', notes: '问安装时间' }),
      call({ caller: '13800138000', startedAt: '2026-12-01T01:30:00Z' }),
      call({ caller: '(010) 1234 5678', startedAt: '2026-12-01T02:00:00Z', answeredAfterSeconds: null }),
    ]);

    for (const typed of ['010-12345678', '(010) 1234 5678', '+86 10 1234 5678']) {
      const response = await agent.get(`/api/v1/calls/caller?phone=${encodeURIComponent(typed)}`);
      expect(response.statusCode, typed).toBe(200);
      const caller = response.json();
      expect(caller.customer).toMatchObject({ id: customer.id, name: '朝阳门店王经理' });
      expect(caller.openTickets.map((ticket: { id: string }) => ticket.id)).toEqual([open.id]);
      expect(caller.recentTickets.map((ticket: { id: string }) => ticket.id)).toEqual([done.id]);
      expect(caller.recentCalls.map((c: { missed: boolean; notes: string }) => [c.missed, c.notes])).toEqual([
        [true, ''],
        [false, '问安装时间'],
      ]);
      expect(caller.recentCalls[0].ticket).toMatchObject({ id: open.id, number: open.number });
      expect(response.body).not.toContain('12345678');
      expect(caller.number).toMatch(/^010\*+78$/);
    }

    const unknown = (await agent.get('/api/v1/calls/caller?phone=021-87654321')).json();
    expect(unknown).toMatchObject({ customer: null, openTickets: [], recentCalls: [] });
    expect(unknown.number).not.toContain('87654321');
    const bad = await agent.get('/api/v1/calls/caller?phone=hello');
    expect([bad.statusCode, bad.json().errors[0].path]).toEqual([400, 'querystring/phone']);
  });

  it('lists a customer’s or a ticket’s calls newest first, and never another workspace’s', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const other = await buildTeam();
    const agent = await login(app, team.agent);
    const first = (
      await agent.post('/api/v1/calls', call({ startedAt: '2026-12-01T01:00:00Z', notes: '报修' }))
    ).json();
    const second = (
      await agent.post('/api/v1/calls', call({ startedAt: '2026-12-01T03:00:00Z', openNewTicket: true }))
    ).json();
    expect(second.ticketId).not.toBe(first.ticketId);

    const byCustomer = (await agent.get(`/api/v1/calls?customerId=${first.customerId}`)).json().items;
    expect(byCustomer.map((c: { id: string }) => c.id)).toEqual([second.callId, first.callId]);
    expect(byCustomer[1]).toMatchObject({
      direction: 'inbound',
      customerNumber: '139****5678',
      answeredAfterSeconds: 6,
      durationSeconds: 120,
      missed: false,
      notes: '报修',
      ticket: { id: first.ticketId, number: first.ticketNumber },
    });
    const byTicket = (await agent.get(`/api/v1/calls?ticketId=${first.ticketId}`)).json().items;
    expect(byTicket.map((c: { id: string }) => c.id)).toEqual([first.callId]);
    const limited = (await agent.get(`/api/v1/calls?customerId=${first.customerId}&limit=1`)).json();
    expect(limited.items).toHaveLength(1);

    const outsider = await login(app, other.agent);
    expect((await outsider.get(`/api/v1/calls?customerId=${first.customerId}`)).json().items).toEqual([]);
    expect((await outsider.get(`/api/v1/calls`)).json().items).toEqual([]);
  });
});

describe('a call logged by hand', () => {
  it('needs only the customer’s number, can open a new ticket with its own subject, and names the agent', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const customer = await buildCustomer(team.workspace, { phone: '0755-88886666' });
    const open = await buildTicket(team.agent, { subject: '旧的报修', customerId: customer.id });
    const agent = await login(app, team.agent);

    const { callee: _callee, ...withoutLine } = call({ caller: '0755 8888 6666' });
    const logged = await agent.post('/api/v1/calls', {
      ...withoutLine,
      openNewTicket: true,
      subject: '新的投诉：送货延误',
      agent: { userId: team.agent.id },
    });
    expect(logged.statusCode, logged.body).toBe(201);
    expect(logged.json()).toMatchObject({ status: 'accepted', customerId: customer.id });
    expect(logged.json().ticketId).not.toBe(open.id);
    const ticket = (await agent.get(`/api/v1/tickets/${logged.json().ticketId}`)).json();
    expect(ticket).toMatchObject({ subject: '新的投诉：送货延误', channel: 'phone' });
    const [listed] = (await agent.get(`/api/v1/calls?ticketId=${ticket.id}`)).json().items;
    expect(listed).toMatchObject({ line: '', agent: { id: team.agent.id } });

    // An outbound call's customer is the number called.
    const { callee: _called, ...outboundWithoutCustomer } = call({ direction: 'outbound' });
    const refused = [
      [{ ...withoutLine, caller: undefined }, 'body/caller'],
      [outboundWithoutCustomer, 'body/callee'],
      [call({ ticketId: open.id, openNewTicket: true }), 'body/openNewTicket'],
    ] as const;
    for (const [body, path] of refused) {
      const response = await agent.post('/api/v1/calls', body);
      expect(response.statusCode, path).toBe(400);
      expect(response.json().errors.map((error: { path: string }) => error.path)).toContain(path);
    }
  });
});
