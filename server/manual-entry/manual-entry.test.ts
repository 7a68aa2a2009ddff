import { randomUUID } from 'node:crypto';
import { buyerMessage, createApiChannel, postSigned } from '@server/test/channels';
import { login, type TestClient, withBearer } from '@server/test/client';
import { buildTestApp, testDb } from '@server/test/context';
import { buildCustomer, buildTeam } from '@server/test/factories';
import { describe, expect, it } from 'vitest';

const entry = (overrides: Record<string, unknown> = {}) => ({
  idempotencyKey: randomUUID(),
  source: 'store',
  sourceDetail: '北京朝阳大悦城店',
  customer: { name: '王女士', phone: '(010) 1234 5678' },
  text: '扫地机器人不回充，门店已检测为底座故障，请安排换新。回电 13912345678',
  orderNumber: 'JD88776655',
  receivedAt: '2026-12-01T03:20:00Z',
  ...overrides,
});

type TimelineEvent = { kind: string; actor: { id: string } | null; data: Record<string, unknown> };

const ticketOf = async (client: TestClient, ticketId: string) =>
  (await client.get(`/api/v1/tickets/${ticketId}`)).json();
const eventsOf = (ticket: { timeline: TimelineEvent[] }, kind: string) =>
  ticket.timeline.filter((event) => event.kind === kind);

const customerCount = async (workspaceId: string) =>
  (await testDb().selectFrom('customers').select('id').where('workspace_id', '=', workspaceId).execute())
    .length;

describe('a request registered by hand', () => {
  it('lands on the customer a call from the same landline found, whichever way the number was typed', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const agent = await login(app, team.agent);
    const called = await agent.post('/api/v1/calls', {
      externalId: randomUUID(),
      direction: 'inbound',
      caller: '010-12345678',
      startedAt: '2026-12-01T02:00:00Z',
      answeredAfterSeconds: 8,
      durationSeconds: 60,
    });
    expect(called.statusCode).toBe(201);
    const customerId = called.json().customerId;

    const response = await agent.post('/api/v1/manual-entries', entry());
    expect(response.statusCode, response.body).toBe(201);
    const registered = response.json();
    expect(registered).toMatchObject({ status: 'accepted', customerId });
    expect(registered.ticketId).not.toBe(called.json().ticketId);

    const ticket = await ticketOf(agent, registered.ticketId);
    expect(ticket).toMatchObject({
      number: registered.ticketNumber,
      channel: 'store',
      subject: '扫地机器人不回充，门店已检测为底座故障，请安排换新。回电 139****5678',
      receivedAt: '2026-12-01T03:20:00.000Z',
    });
    expect(ticket.orderNumbers).toContain('JD88776655');
    expect(ticket.customer.id).toBe(customerId);
    // The call knew only the number; the name given in the store fills the profile, the number stays as it was.
    const profile = (await agent.get(`/api/v1/customers/${customerId}`)).json();
    expect(profile).toMatchObject({ name: '王女士', phone: '010******78' });
    // The customer's words, masked like any channel's, and who registered them where.
    expect(ticket.messages).toEqual([
      expect.objectContaining({
        direction: 'inbound',
        channel: 'store',
        body: '扫地机器人不回充，门店已检测为底座故障，请安排换新。回电 139****5678\n订单号：JD88776655',
      }),
    ]);
    expect(eventsOf(ticket, 'request_registered')).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ id: team.agent.id }),
        data: expect.objectContaining({
          source: 'store',
          sourceDetail: '北京朝阳大悦城店',
          messageId: registered.messageId,
        }),
      }),
    ]);

    // By phone, in a third format: the same customer again, on a phone ticket.
    const byPhone = await agent.post(
      '/api/v1/manual-entries',
      entry({
        source: 'phone',
        sourceDetail: undefined,
        customer: { phone: '+86 10 1234 5678' },
        text: '催换新',
      }),
    );
    expect(byPhone.json()).toMatchObject({ status: 'accepted', customerId });
    expect((await ticketOf(agent, byPhone.json().ticketId)).channel).toBe('phone');
    // And a CTI call afterwards, in the store's format, still finds them.
    const later = await agent.post('/api/v1/calls', {
      externalId: randomUUID(),
      direction: 'inbound',
      caller: '(010) 1234 5678',
      startedAt: '2026-12-01T05:00:00Z',
      answeredAfterSeconds: 3,
      durationSeconds: 30,
    });
    expect(later.json().customerId).toBe(customerId);
    expect(await customerCount(team.workspace.id)).toBe(1);
    const stored = JSON.stringify(
      await testDb()
        .selectFrom('customer_identities')
        .selectAll()
        .where('customer_id', '=', customerId)
        .execute(),
    );
    expect(stored).not.toContain('12345678');
  });

  it('answers a double submit with the first ticket, also when both arrive at once', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const agent = await login(app, team.agent);

    const body = entry({
      customer: { name: '展会访客', email: 'visitor@example.test' },
      source: 'exhibition',
    });
    const [first, second] = await Promise.all([
      agent.post('/api/v1/manual-entries', body),
      agent.post('/api/v1/manual-entries', body),
    ]);
    const third = await agent.post('/api/v1/manual-entries', body);
    const answers = [first, second, third].map((response) => response.json());
    expect(answers.map((answer) => answer.status).sort()).toEqual(['accepted', 'duplicate', 'duplicate']);
    expect(new Set(answers.map((answer) => answer.ticketId)).size).toBe(1);
    const ticket = await ticketOf(agent, answers[0].ticketId);
    expect(ticket.channel).toBe('other');
    expect(ticket.messages).toHaveLength(1);
    expect(eventsOf(ticket, 'request_registered')).toHaveLength(1);
    expect(await customerCount(team.workspace.id)).toBe(1);

    // A known e-mail finds its customer; someone who left no contact is a customer of their own.
    const again = await agent.post(
      '/api/v1/manual-entries',
      entry({ source: 'letter', customer: { email: 'Visitor@Example.test' }, text: '来信询问保修' }),
    );
    expect(again.json().customerId).toBe(answers[0].customerId);
    const anonymous = await agent.post(
      '/api/v1/manual-entries',
      entry({ source: 'visit', customer: {}, text: '上门客户咨询安装' }),
    );
    expect(anonymous.json().customerId).not.toBe(answers[0].customerId);
    expect(await customerCount(team.workspace.id)).toBe(2);
  });

  it('is routed and timed like any channel, and tells the agent that a reply cannot be delivered', async () => {
    const app = await buildTestApp({
      outbox: { backoff: { baseMs: 20, maxMs: 200, maxAttempts: 3 }, pollMs: 30, sendTimeoutMs: 300 },
    });
    app.kefu.outbox.start();
    const team = await buildTeam();
    const supervisor = await login(app, team.supervisor);
    const agent = await login(app, team.agent);
    const policy = await supervisor.post('/api/v1/sla/policies', {
      name: '门店登记',
      match: { channels: ['store'] },
      targets: [{ metric: 'first_response', amount: 24, unit: 'hours', time: 'calendar' }],
    });
    expect(policy.statusCode).toBe(201);

    const registered = (await agent.post('/api/v1/manual-entries', entry({ receivedAt: undefined }))).json();
    let ticket = await ticketOf(agent, registered.ticketId);
    expect(ticket.sla).toEqual([expect.objectContaining({ metric: 'first_response', state: 'running' })]);
    expect(eventsOf(ticket, 'routed').length).toBeGreaterThan(0);

    // An API-channel ticket assigned the same way gets the acceptance notice; the registered one has nowhere to
    // send it, so none is written.
    const admin = await login(app, team.admin);
    const channel = await createApiChannel(admin);
    const chat = (await postSigned(app, channel, buyerMessage())).json();
    for (const ticketId of [chat.ticketId, registered.ticketId]) {
      const { version } = await ticketOf(agent, ticketId);
      const assigned = await agent.patch(`/api/v1/tickets/${ticketId}`, {
        version,
        assigneeId: team.agent.id,
      });
      expect(assigned.statusCode).toBe(200);
    }
    const outbound = (detail: { messages: { direction: string; delivery?: { state: string } }[] }) =>
      detail.messages.filter((message) => message.direction === 'outbound');
    expect(outbound(await ticketOf(agent, chat.ticketId))).toHaveLength(1);
    expect(outbound(await ticketOf(agent, registered.ticketId))).toEqual([]);

    const reply = await agent.post(`/api/v1/tickets/${registered.ticketId}/messages`, {
      direction: 'outbound',
      body: '换新已安排，新机明天送到门店。',
    });
    expect(reply.statusCode).toBe(201);
    for (let attempt = 0; attempt < 100; attempt++) {
      ticket = await ticketOf(agent, registered.ticketId);
      if (outbound(ticket)[0]?.delivery?.state === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(outbound(ticket)).toEqual([
      expect.objectContaining({
        body: '换新已安排，新机明天送到门店。',
        deliveryStatus: 'failed',
        delivery: expect.objectContaining({
          state: 'failed',
          attempts: 1,
          error: expect.objectContaining({ code: 'no_channel' }),
        }),
      }),
    ]);
    await app.kefu.outbox.stop();

    // The account behind it is not a connector to configure, and takes nothing over the wire.
    const accounts = (await admin.get('/api/v1/channel-accounts')).json().items;
    expect(accounts.map((account: { id: string }) => account.id)).toEqual([channel.id]);
    const manual = await testDb()
      .selectFrom('channel_accounts')
      .select('id')
      .where('workspace_id', '=', team.workspace.id)
      .where('kind', '=', 'manual')
      .execute();
    expect(manual).toHaveLength(1);
    const posted = await postSigned(app, { id: manual[0]?.id as string, secret: 'x' }, buyerMessage());
    expect(posted.statusCode).toBe(404);
  });

  it('refuses bad input with the fields at fault, and a token that may not create tickets', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const agent = await login(app, team.agent);
    const bad = [
      [entry({ text: '  ' }), 'body/text'],
      [entry({ source: 'wechat' }), 'body/source'],
      [entry({ customer: { email: 'not-an-address' } }), 'body/customer/email'],
      [entry({ customer: { phone: '致电门店' } }), 'body/customer/phone'],
      [entry({ source: 'phone', customer: { name: '李先生' } }), 'body/customer/phone'],
      [entry({ receivedAt: new Date(Date.now() + 3_600_000).toISOString() }), 'body/receivedAt'],
      [entry({ idempotencyKey: undefined }), 'body/idempotencyKey'],
    ] as const;
    for (const [body, path] of bad) {
      const response = await agent.post('/api/v1/manual-entries', body);
      expect(response.statusCode, path).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors.map((error: { path: string }) => error.path)).toContain(path);
    }
    expect(await customerCount(team.workspace.id)).toBe(0);

    const admin = await login(app, team.admin);
    const token = (await admin.post('/api/v1/api-tokens', { name: '只读', scopes: ['tickets:read'] })).json()
      .token;
    expect((await withBearer(app, token).post('/api/v1/manual-entries', entry())).statusCode).toBe(403);
    const known = await buildCustomer(team.workspace, { phone: '13912345678' });
    const byToken = await withBearer(
      app,
      (await admin.post('/api/v1/api-tokens', { name: '登记', scopes: ['tickets:create'] })).json().token,
    ).post('/api/v1/manual-entries', entry({ customer: { phone: '139 1234 5678' } }));
    expect([byToken.statusCode, byToken.json().customerId]).toEqual([201, known.id]);
  });
});
