import { randomUUID } from 'node:crypto';
import { login, type TestClient, withBearer } from '@server/test/client';
import { buildTestApp, testDb } from '@server/test/context';
import { buildCustomer, buildTeam, buildTicket, buildUser } from '@server/test/factories';
import { describe, expect, it } from 'vitest';

const call = (overrides: Record<string, unknown> = {}) => ({
  externalId: `cti-${randomUUID()}`,
  direction: 'inbound',
  caller: '13912345678',
  callee: '400-800-1234',
  startedAt: '2026-12-02T02:00:00Z',
  answeredAfterSeconds: 6,
  durationSeconds: 185,
  ...overrides,
});

async function timeline(client: TestClient, ticketId: string) {
  const detail = (await client.get(`/api/v1/tickets/${ticketId}`)).json();
  return {
    detail,
    calls: detail.timeline.filter((event: { kind: string }) => event.kind === 'call_logged'),
  };
}

const customersOf = (workspaceId: string) =>
  testDb().selectFrom('customers').select('id').where('workspace_id', '=', workspaceId).execute();

describe('call records from a CTI', () => {
  it('puts calls from a landline written three ways on one customer and their open ticket', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const customer = await buildCustomer(team.workspace, { name: '北京门店', phone: '(010) 1234 5678' });
    await buildTicket(team.agent, { subject: '上月的旧问题', customerId: customer.id });
    const open = await buildTicket(team.agent, { subject: '安装预约', customerId: customer.id });
    const agent = await login(app, team.agent);

    for (const caller of ['010-12345678', '(010) 1234 5678', '+86 10 1234 5678']) {
      const response = await agent.post('/api/v1/calls', call({ caller }));
      expect(response.statusCode, caller).toBe(201);
      expect(response.json()).toMatchObject({
        status: 'accepted',
        customerId: customer.id,
        ticketId: open.id,
        ticketNumber: open.number,
      });
    }
    expect((await timeline(agent, open.id)).calls).toHaveLength(3);
    expect(await customersOf(team.workspace.id)).toHaveLength(1);
  });

  it('creates the customer and a phone ticket for an unknown number, with the call and its notes on it', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const taker = await buildUser(team.workspace, { role: 'agent', employeeNo: 'KF0107', name: '张敏' });
    const agent = await login(app, team.agent);

    const response = await agent.post(
      '/api/v1/calls',
      call({
        recordingUrl: 'https://pbx.example.test/recordings/8812.mp3',
        agent: { employeeNo: 'KF0107' },
        notes: '耳机左边没声音，回电 13912345678',
      }),
    );
    expect(response.statusCode).toBe(201);
    const logged = response.json();
    expect(logged.status).toBe('accepted');

    const customer = (await agent.get(`/api/v1/customers/${logged.customerId}`)).json();
    expect(customer.phone).toBe('139****5678');
    const { detail, calls } = await timeline(agent, logged.ticketId);
    expect(detail).toMatchObject({
      number: logged.ticketNumber,
      channel: 'phone',
      subject: '来电 139****5678',
    });
    expect(detail.customer.id).toBe(logged.customerId);
    expect(calls).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ id: taker.id }),
        data: expect.objectContaining({
          callId: logged.callId,
          direction: 'inbound',
          answeredAfterSeconds: 6,
          durationSeconds: 185,
          missed: false,
          recordingUrl: 'https://pbx.example.test/recordings/8812.mp3',
          agent: { userId: taker.id, employeeNo: 'KF0107' },
        }),
      }),
    ]);
    // The customer's words as the agent took them down, masked like any customer message.
    expect(detail.messages).toEqual([
      expect.objectContaining({
        direction: 'inbound',
        channel: 'phone',
        body: '耳机左边没声音，回电 139****5678',
        author: expect.objectContaining({ kind: 'customer', id: logged.customerId }),
      }),
    ]);
    // Whoever took the words down stays traceable.
    const logging = detail.timeline.find((event: { kind: string }) => event.kind === 'message_added');
    expect(logging).toMatchObject({ actor: { id: taker.id }, data: { via: 'call' } });
    const stored = await testDb()
      .selectFrom('call_records')
      .selectAll()
      .where('workspace_id', '=', team.workspace.id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      customer_number_masked: '139****5678',
      notes: '耳机左边没声音，回电 139****5678',
      agent_user_id: taker.id,
    });
    expect(JSON.stringify(stored)).not.toContain('13912345678');
  });

  it('answers a redelivered call as a duplicate with the same ids and records it once', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const agent = await login(app, team.agent);
    const body = call({ notes: '咨询保修' });

    const first = (await agent.post('/api/v1/calls', body)).json();
    const again = await agent.post('/api/v1/calls', body);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual({ ...first, status: 'duplicate' });
    const { detail, calls } = await timeline(agent, first.ticketId);
    expect(calls).toHaveLength(1);
    expect(detail.messages).toHaveLength(1);
    expect(await customersOf(team.workspace.id)).toHaveLength(1);
  });

  it('matches an outbound call by the number called, and records a missed call as missed', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const customer = await buildCustomer(team.workspace, { phone: '13812345678' });
    const agent = await login(app, team.agent);

    const outbound = await agent.post(
      '/api/v1/calls',
      call({ direction: 'outbound', caller: '010-88886666', callee: '+86 138 1234 5678' }),
    );
    expect(outbound.json()).toMatchObject({ status: 'accepted', customerId: customer.id });
    const outboundTicket = (await timeline(agent, outbound.json().ticketId)).detail;
    expect(outboundTicket.subject).toBe('去电 138****5678');

    const missed = await agent.post(
      '/api/v1/calls',
      call({ caller: '0086 138-1234-5678', answeredAfterSeconds: null, durationSeconds: 0 }),
    );
    expect(missed.json()).toMatchObject({ customerId: customer.id, ticketId: outboundTicket.id });
    const { calls } = await timeline(agent, outboundTicket.id);
    expect(calls.map((event: { data: { missed: boolean } }) => event.data.missed)).toEqual([false, true]);
    const row = await testDb()
      .selectFrom('call_records')
      .select(['answered_after_seconds', 'direction'])
      .where('workspace_id', '=', team.workspace.id)
      .where('id', '=', missed.json().callId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ answered_after_seconds: null, direction: 'inbound' });
  });

  it('refuses bad input with the fields at fault, and another workspace’s ticket as not found', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const other = await buildTeam();
    const foreign = await buildTicket(other.agent);
    const agent = await login(app, team.agent);

    const { caller: _caller, ...withoutCaller } = call();
    const bad = [
      [withoutCaller, 'body/caller'],
      [call({ durationSeconds: -5 }), 'body/durationSeconds'],
      [call({ recordingUrl: 'http://pbx.example.test/r/1.mp3' }), 'body/recordingUrl'],
    ] as const;
    for (const [body, path] of bad) {
      const response = await agent.post('/api/v1/calls', body);
      expect(response.statusCode, path).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors.map((error: { path: string }) => error.path)).toContain(path);
    }

    const elsewhere = await agent.post('/api/v1/calls', call({ ticketId: foreign.id }));
    expect([elsewhere.statusCode, elsewhere.json().code]).toEqual([404, 'not_found']);
    const unknownAgent = await agent.post('/api/v1/calls', call({ agent: { employeeNo: 'NOPE' } }));
    expect(unknownAgent.statusCode).toBe(422);
    expect(unknownAgent.json().errors[0].path).toBe('body/agent/employeeNo');
    expect(await customersOf(team.workspace.id)).toHaveLength(0);
  });

  it('takes calls from an API token with the tickets:create scope, and not without it', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const admin = await login(app, team.admin);
    const token = async (scopes: string[]) =>
      (await admin.post('/api/v1/api-tokens', { name: `CTI ${scopes}`, scopes })).json().token as string;
    const cti = withBearer(app, await token(['tickets:create']));
    const readOnly = withBearer(app, await token(['tickets:read']));

    const response = await cti.post('/api/v1/calls', call({ ticketId: (await buildTicket(team.agent)).id }));
    expect([response.statusCode, response.json().status]).toEqual([201, 'accepted']);
    expect((await readOnly.post('/api/v1/calls', call())).statusCode).toBe(403);
  });
});
