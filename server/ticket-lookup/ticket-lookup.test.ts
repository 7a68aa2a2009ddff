import { createCustomer } from '@server/customers/service';
import { anonymous, login, type TestClient } from '@server/test/client';
import { buildTestApp, testDb, testVault } from '@server/test/context';
import { buildTeam, buildWorkspace } from '@server/test/factories';
import { describe, expect, it } from 'vitest';
import { addressGroup } from './attempts';

const LOOKUP = '/api/v1/public/ticket-lookup';

async function customerWithTicket(options: { phone?: string; email?: string } = {}) {
  const team = await buildTeam();
  const app = await buildTestApp();
  const customer = await createCustomer(testDb(), {
    workspaceId: team.workspace.id,
    fields: {
      name: '王女士',
      nickname: '',
      phone: options.phone ?? '13812345678',
      email: options.email ?? 'wang.li@example.test',
      company: '',
      tags: [],
      attributes: {},
      notes: '',
    },
    identities: [],
    vault: testVault(),
  });
  const agent = await login(app, team.agent);
  const created = await agent.post('/api/v1/tickets', {
    subject: '洗衣机漏水',
    description: '',
    channel: 'phone',
    priority: 'normal',
    customerId: customer.id,
  });
  expect(created.statusCode).toBe(201);
  const ticket = created.json();
  await agent.post(`/api/v1/tickets/${ticket.id}/messages`, {
    direction: 'inbound',
    body: '洗衣机底部一直漏水',
  });
  await agent.post(`/api/v1/tickets/${ticket.id}/messages`, {
    direction: 'outbound',
    body: '您好，已为您安排师傅明天上门检查。',
  });
  await agent.post(`/api/v1/tickets/${ticket.id}/messages`, {
    direction: 'note',
    body: '内部：客户上次投诉过，注意态度',
  });
  return { app, team, agent, ticket: ticket as { id: string; number: string }, customer };
}

const lookUp = (client: TestClient, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  client.post(LOOKUP, body, headers);

describe('customer ticket lookup', () => {
  it('shows the ticket to the customer who gives its number and the last four digits of their phone, without internal notes', async () => {
    const { app, team, ticket } = await customerWithTicket();
    const response = await lookUp(anonymous(app), {
      workspace: team.workspace.slug,
      number: ticket.number,
      factor: '5678',
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.token).toEqual(expect.any(String));
    expect(body.ticket).toMatchObject({ number: ticket.number, subject: '洗衣机漏水', canReply: true });
    expect(
      body.ticket.messages.map((m: { direction: string; text: string }) => [m.direction, m.text]),
    ).toEqual([
      ['inbound', '洗衣机底部一直漏水'],
      ['outbound', '您好，已为您安排师傅明天上门检查。'],
    ]);
    expect(body.ticket.messages[1].author).toBe(team.agent.name);
    expect(response.body).not.toContain('内部');
    expect(response.body).not.toContain('13812345678');
    expect(response.body).not.toContain(team.agent.email);
  });

  it('accepts the e-mail on the customer profile, in any letter case', async () => {
    const { app, team, ticket } = await customerWithTicket();
    const response = await lookUp(anonymous(app), {
      workspace: team.workspace.slug,
      number: ticket.number,
      factor: ' Wang.Li@Example.test ',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().ticket.number).toBe(ticket.number);
  });

  it('answers a wrong factor and an unknown number with the very same response', async () => {
    const { app, team, ticket } = await customerWithTicket();
    const headers = { 'x-request-id': 'lookup-probe' };
    const wrongFactor = await lookUp(
      anonymous(app),
      { workspace: team.workspace.slug, number: ticket.number, factor: '0000' },
      headers,
    );
    const unknownNumber = await lookUp(
      anonymous(app),
      { workspace: team.workspace.slug, number: '19990101999', factor: '5678' },
      headers,
    );
    const wrongEmail = await lookUp(
      anonymous(app),
      { workspace: team.workspace.slug, number: ticket.number, factor: 'someone@example.test' },
      headers,
    );
    expect(wrongFactor.statusCode).toBe(404);
    expect(unknownNumber.statusCode).toBe(404);
    expect(wrongFactor.body).toBe(unknownNumber.body);
    expect(wrongEmail.body).toBe(unknownNumber.body);
    expect(wrongFactor.headers['content-type']).toBe(unknownNumber.headers['content-type']);
  });

  it('locks a ticket number after five failures, even for the right factor, and tells when to retry', async () => {
    const { app, team, ticket } = await customerWithTicket();
    const client = anonymous(app);
    for (const factor of ['0001', '0002', '0003', '0004', '0005']) {
      const response = await lookUp(client, {
        workspace: team.workspace.slug,
        number: ticket.number,
        factor,
      });
      expect(response.statusCode).toBe(404);
    }
    const right = await lookUp(client, {
      workspace: team.workspace.slug,
      number: ticket.number,
      factor: '5678',
    });
    expect(right.statusCode).toBe(429);
    expect(right.json().code).toBe('lookup_locked');
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect(right.body).not.toContain('洗衣机');

    // An unknown number locks the same way, so a lockout does not tell which numbers exist.
    for (let attempt = 0; attempt < 5; attempt++) {
      await lookUp(client, { workspace: team.workspace.slug, number: '19990101999', factor: '1234' });
    }
    const unknown = await lookUp(client, {
      workspace: team.workspace.slug,
      number: '19990101999',
      factor: '1234',
    });
    expect(unknown.statusCode).toBe(429);
  });

  it('turns a reply from the lookup page into a customer message the agent sees, reopening a resolved ticket', async () => {
    const { app, team, agent, ticket } = await customerWithTicket();
    const current = (await agent.get(`/api/v1/tickets/${ticket.id}`)).json();
    expect(
      (await agent.patch(`/api/v1/tickets/${ticket.id}`, { version: current.version, status: 'resolved' }))
        .statusCode,
    ).toBe(200);
    const found = (
      await lookUp(anonymous(app), { workspace: team.workspace.slug, number: ticket.number, factor: '5678' })
    ).json();

    const reply = await anonymous(app).post(
      `${LOOKUP}/replies`,
      { text: '师傅还没来，我的电话 13912345678' },
      { authorization: `Lookup ${found.token}` },
    );
    expect(reply.statusCode).toBe(201);
    expect(reply.json().status).toBe('open');
    expect(reply.json().messages.at(-1)).toMatchObject({ direction: 'inbound', author: null });

    const seen = (await agent.get(`/api/v1/tickets/${ticket.id}`)).json();
    expect(seen.status).toBe('open');
    const last = seen.messages.at(-1);
    expect(last).toMatchObject({ direction: 'inbound', body: '师傅还没来，我的电话 139****5678' });
    expect(last.author).toMatchObject({ kind: 'customer', name: '王女士' });

    // The token also works in the body, and the page can reload the ticket with it.
    const again = await anonymous(app).post(`${LOOKUP}/replies`, { token: found.token, text: '麻烦尽快' });
    expect(again.statusCode).toBe(201);
    const reloaded = await anonymous(app).get(`${LOOKUP}/ticket`, { authorization: `Lookup ${found.token}` });
    expect(reloaded.json().messages.at(-1).text).toBe('麻烦尽快');
  });

  it('refuses replies to a closed ticket', async () => {
    const { app, team, agent, ticket } = await customerWithTicket();
    for (const status of ['resolved', 'closed']) {
      const current = (await agent.get(`/api/v1/tickets/${ticket.id}`)).json();
      await agent.patch(`/api/v1/tickets/${ticket.id}`, { version: current.version, status });
    }
    const found = (
      await lookUp(anonymous(app), { workspace: team.workspace.slug, number: ticket.number, factor: '5678' })
    ).json();
    expect(found.ticket).toMatchObject({ status: 'closed', canReply: false });
    const reply = await anonymous(app).post(`${LOOKUP}/replies`, { token: found.token, text: '还在吗' });
    expect(reply.statusCode).toBe(409);
    expect(reply.json().code).toBe('ticket_closed');
  });

  it('keeps a token to its own ticket: a forged or altered token is refused', async () => {
    const { app, team, ticket } = await customerWithTicket();
    const found = (
      await lookUp(anonymous(app), { workspace: team.workspace.slug, number: ticket.number, factor: '5678' })
    ).json();
    const [payload, signature] = found.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const other = await customerWithTicket();
    const swapped = Buffer.from(JSON.stringify({ ...claims, t: other.ticket.id })).toString('base64url');
    for (const token of [`${swapped}.${signature}`, `${payload}.${signature}x`, 'nonsense']) {
      const read = await anonymous(app).get(`${LOOKUP}/ticket`, { authorization: `Lookup ${token}` });
      expect(read.statusCode).toBe(401);
      const write = await anonymous(app).post(`${LOOKUP}/replies`, { token, text: '试试别人的工单' });
      expect(write.statusCode).toBe(401);
    }
    const otherThread = (await other.agent.get(`/api/v1/tickets/${other.ticket.id}`)).json();
    expect(otherThread.messages.map((m: { body: string }) => m.body)).not.toContain('试试别人的工单');
  });

  it("does not find a ticket through another workspace's address", async () => {
    const { app, ticket } = await customerWithTicket();
    const otherWorkspace = await buildWorkspace();
    const response = await lookUp(anonymous(app), {
      workspace: otherWorkspace.slug,
      number: ticket.number,
      factor: '5678',
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('lookup_not_found');
    const nowhere = await lookUp(anonymous(app), {
      workspace: 'no-such-desk',
      number: ticket.number,
      factor: '5678',
    });
    expect(nowhere.statusCode).toBe(404);
  });

  it('limits lookups per client address per minute', async () => {
    const { team, ticket } = await customerWithTicket();
    const app = await buildTestApp({ loginAttemptsPerMinute: 3 });
    const body = { workspace: team.workspace.slug, number: ticket.number, factor: '5678' };
    for (let attempt = 0; attempt < 3; attempt++)
      expect((await lookUp(anonymous(app), body)).statusCode).toBe(200);
    const limited = await lookUp(anonymous(app), body);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
  });

  it('names the service desk a lookup page belongs to', async () => {
    const { app, team } = await customerWithTicket();
    const desk = await anonymous(app).get(`${LOOKUP}/desk?workspace=${team.workspace.slug}`);
    expect(desk.json()).toEqual({ workspace: team.workspace.slug, name: team.workspace.name });
    expect((await anonymous(app).get(`${LOOKUP}/desk?workspace=no-such-desk`)).statusCode).toBe(404);
  });
});

describe('client address groups', () => {
  it('counts an IPv6 client by its /64 and an IPv4 client by its address', () => {
    expect(addressGroup('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressGroup('2001:0db8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(addressGroup('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressGroup('203.0.113.9')).toBe('203.0.113.9');
    expect(addressGroup('::ffff:203.0.113.9')).toBe('203.0.113.9');
  });
});
