import type { App } from '@server/app';
import { buyerMessage, createApiChannel, postSigned, type TestChannel } from '@server/test/channels';
import { login, type TestClient } from '@server/test/client';
import { buildTestApp, testDb } from '@server/test/context';
import { buildTeam } from '@server/test/factories';
import { describe, expect, it } from 'vitest';

const OPENINGS = ['', '你好，', '急！', '客服在吗，', '刚才', '今天'];
const ENDINGS = ['', '，怎么回事', '！！', '，快点修复', '，急死了', '。'];
let buyers = 0;

/** Customers of an app outage writing in, each in their own words and conversation. */
function outageMessages(count: number) {
  return Array.from({ length: count }, () => {
    buyers += 1;
    return buyerMessage({
      conversationId: `buyer-${buyers}`,
      sender: { id: `buyer-${buyers}`, nickname: `买家${buyers}` },
      text: `${OPENINGS[buyers % 6]}APP一打开就闪退，登录不了${ENDINGS[Math.floor(buyers / 6) % 6]}`,
    });
  });
}

async function post(app: App, channel: TestChannel, messages: ReturnType<typeof buyerMessage>[]) {
  const response = await postSigned(app, channel, { messages }, { path: 'messages/batch' });
  expect(response.statusCode).toBe(200);
  return response.json().results.map((result: { ticketId: string }) => result.ticketId) as string[];
}

async function setUp() {
  const app = await buildTestApp();
  const team = await buildTeam();
  const admin = await login(app, team.admin);
  const channel = await createApiChannel(admin);
  const supervisor = await login(app, team.supervisor);
  return { app, team, admin, channel, supervisor, agent: await login(app, team.agent) };
}

/** The open incident of the workspace (there must be exactly one) with its tickets. */
async function theIncident(client: TestClient) {
  const list = (await client.get('/api/v1/incidents')).json().items;
  expect(list).toHaveLength(1);
  return (await client.get(`/api/v1/incidents/${list[0].id}`)).json();
}

const outboundOf = async (ticketIds: string[]) =>
  testDb()
    .selectFrom('ticket_messages')
    .select(['ticket_id', 'body', 'author_user_id'])
    .where('ticket_id', 'in', ticketIds)
    .where('direction', '=', 'outbound')
    .execute();

describe('emergency mode', () => {
  it('opens one incident when the 30th similar ticket arrives within 5 minutes, links all 30, alerts the supervisors', async () => {
    const { app, channel, supervisor, agent } = await setUp();
    const first = await post(app, channel, outageMessages(29));
    expect((await supervisor.get('/api/v1/incidents')).json().items).toEqual([]);

    const [returns] = await post(app, channel, [
      buyerMessage({ conversationId: 'returns', sender: { id: 'returns' }, text: '衣服尺码不合适想退货' }),
    ]);
    const thirtieth = await post(app, channel, outageMessages(1));
    const incident = await theIncident(supervisor);
    expect(incident).toMatchObject({ status: 'open', openedBy: null, ticketCount: 30 });
    expect(incident.title).toContain('闪退');
    expect(incident.signature).toEqual(expect.arrayContaining(['app', '闪退', '登录']));
    expect(incident.tickets.map((t: { id: string }) => t.id).sort()).toEqual([...first, ...thirtieth].sort());
    expect(incident.tickets.map((t: { id: string }) => t.id)).not.toContain(returns);

    const alerts = (await supervisor.get('/api/v1/notifications')).json().items;
    expect(alerts).toContainEqual(
      expect.objectContaining({
        kind: 'incident_opened',
        data: expect.objectContaining({ incidentId: incident.id }),
      }),
    );
    const agentAlerts = (await agent.get('/api/v1/notifications')).json().items;
    expect(agentAlerts.map((n: { kind: string }) => n.kind)).not.toContain('incident_opened');

    // A later ticket about the outage joins it; one about something else does not.
    const [later] = await post(app, channel, outageMessages(1));
    const [other] = await post(app, channel, [
      buyerMessage({ conversationId: 'invoice', sender: { id: 'invoice' }, text: '发票抬头写错了，请重开' }),
    ]);
    const now = await theIncident(supervisor);
    expect(now.ticketCount).toBe(31);
    expect(now.tickets.map((t: { id: string }) => t.id)).toContain(later);
    expect(now.tickets.map((t: { id: string }) => t.id)).not.toContain(other);
  });

  it('sends the holding reply to every open ticket once, also when posted twice at once, and to tickets linking later', async () => {
    const { app, team, channel, supervisor, agent } = await setUp();
    const tickets = await post(app, channel, outageMessages(30));
    const incident = await theIncident(supervisor);
    const [closedId] = tickets;
    for (const status of ['resolved', 'closed']) {
      const current = (await agent.get(`/api/v1/tickets/${closedId}`)).json();
      expect(
        (await agent.patch(`/api/v1/tickets/${closedId}`, { version: current.version, status })).statusCode,
      ).toBe(200);
    }

    const body = '您好，APP 登录异常我们正在紧急处理，恢复后第一时间通知您。';
    const url = `/api/v1/incidents/${incident.id}/holding-reply`;
    const [one, two] = await Promise.all([supervisor.post(url, { body }), supervisor.post(url, { body })]);
    expect([one.statusCode, two.statusCode]).toEqual([200, 200]);
    expect(one.json().sent + two.json().sent).toBe(29);
    expect((await supervisor.post(url, { body })).json()).toMatchObject({
      sent: 0,
      incident: { holdingReply: body, holdingSentCount: 29 },
    });

    const sent = await outboundOf(tickets);
    expect(sent).toHaveLength(29);
    expect(new Set(sent.map((m) => m.ticket_id)).size).toBe(29);
    expect(sent.every((m) => m.body === body && m.author_user_id === team.supervisor.id)).toBe(true);
    expect(sent.map((m) => m.ticket_id)).not.toContain(closedId);
    const queued = await testDb()
      .selectFrom('outbound_deliveries')
      .select('message_id')
      .where('workspace_id', '=', team.workspace.id)
      .execute();
    expect(queued).toHaveLength(29);
    const ticket = (await agent.get(`/api/v1/tickets/${tickets[1]}`)).json();
    expect(ticket.status).toBe('open');
    expect(ticket.firstResponseAt).not.toBeNull();

    const [later] = await post(app, channel, outageMessages(1));
    const thread = (await agent.get(`/api/v1/tickets/${later}`)).json().messages;
    expect(thread.map((m: { direction: string; body: string }) => [m.direction, m.body === body])).toEqual([
      ['inbound', false],
      ['outbound', true],
    ]);
  });

  it('broadcasts the resolution once when the incident is resolved, and links no more tickets to it', async () => {
    const { app, channel, supervisor, agent } = await setUp();
    const tickets = await post(app, channel, outageMessages(30));
    const incident = await theIncident(supervisor);
    expect(
      (await agent.post(`/api/v1/incidents/${incident.id}/resolve`, { resolution: 'x' })).statusCode,
    ).toBe(403);

    const resolution = 'APP 已恢复正常，给您带来不便深表歉意。';
    const resolved = await supervisor.post(`/api/v1/incidents/${incident.id}/resolve`, { resolution });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({
      sent: 30,
      incident: { status: 'resolved', resolution, resolutionSentCount: 30 },
    });
    const again = await supervisor.post(`/api/v1/incidents/${incident.id}/resolve`, { resolution });
    expect(again.json().code).toBe('incident_resolved');
    expect((await outboundOf(tickets)).filter((m) => m.body === resolution)).toHaveLength(30);

    const [later] = await post(app, channel, outageMessages(1));
    const after = (await supervisor.get(`/api/v1/incidents/${incident.id}`)).json();
    expect(after.tickets.map((t: { id: string }) => t.id)).not.toContain(later);
  });

  it('lets a supervisor declare an incident by keywords, gathering the open tickets that use them', async () => {
    const { app, team, channel, admin, supervisor } = await setUp();
    const [payment] = await post(app, channel, [
      buyerMessage({
        conversationId: 'pay-1',
        sender: { id: 'pay-1' },
        text: '付款的时候支付失败，扣款了订单却没有',
      }),
    ]);
    await post(app, channel, outageMessages(1));
    const declared = await supervisor.post('/api/v1/incidents', {
      title: '支付失败',
      keywords: ['支付失败', '扣款'],
    });
    expect(declared.statusCode).toBe(201);
    expect(declared.json()).toMatchObject({
      title: '支付失败',
      openedBy: { id: team.supervisor.id },
      tickets: [{ id: payment }],
    });
    const adminAlerts = (await admin.get('/api/v1/notifications')).json().items;
    expect(adminAlerts.map((n: { kind: string }) => n.kind)).toContain('incident_opened');
    const numbersOnly = await supervisor.post('/api/v1/incidents', { title: '502', keywords: ['502'] });
    expect(numbersOnly.json().code).toBe('keywords_without_words');
  });

  it('opens one incident when a supervisor declares it while the surge opens it, and refuses to declare it again', async () => {
    const { app, channel, admin, supervisor } = await setUp();
    expect((await admin.patch('/api/v1/routing/settings', { incidentThreshold: 3 })).statusCode).toBe(200);
    const first = await post(app, channel, outageMessages(2));
    const [declared, third] = await Promise.all([
      supervisor.post('/api/v1/incidents', { title: 'APP 闪退', keywords: ['闪退', '登录'] }),
      post(app, channel, outageMessages(1)),
    ]);
    // Whichever came first opened it; the declaration after the surge is told so.
    if (declared.statusCode !== 201) {
      expect([declared.statusCode, declared.json().code]).toEqual([409, 'incident_already_open']);
    }
    const incident = await theIncident(supervisor);
    expect(incident.tickets.map((t: { id: string }) => t.id).sort()).toEqual([...first, ...third].sort());

    const again = await supervisor.post('/api/v1/incidents', {
      title: '闪退',
      keywords: ['APP', '闪退', '登录'],
    });
    expect([again.statusCode, again.json().code]).toEqual([409, 'incident_already_open']);
    expect(again.json().detail).toContain(incident.title);
  });
});
