import type { App } from '@server/app';
import { buyerMessage, createApiChannel, postSigned } from '@server/test/channels';
import { login, type TestClient } from '@server/test/client';
import { buildTestApp } from '@server/test/context';
import { buildTeam } from '@server/test/factories';
import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock';

interface SlaEntry {
  metric: string;
  state: string;
  dueAt: string | null;
  metAt: string | null;
  escalationLevel: number;
}

const START = new Date('2026-12-02T02:00:00Z'); // Wednesday 10:00 in Shanghai

async function desk(presetId: string, start = START) {
  const clock = new ManualClock(start);
  const app = await buildTestApp({ clock });
  const team = await buildTeam();
  const [supervisor, agent, admin] = await Promise.all([
    login(app, team.supervisor),
    login(app, team.agent),
    login(app, team.admin),
  ]);
  const applied = await supervisor.post(`/api/v1/sla/presets/${presetId}/apply`);
  expect(applied.statusCode).toBe(200);
  const advance = async (seconds: number) => {
    clock.advance(seconds);
    return app.kefu.serviceLevels.deps.scheduler.sweep();
  };
  return { app, clock, team, supervisor, agent, admin, advance };
}

const slaOf = async (client: TestClient, ticketId: string) =>
  (await client.get(`/api/v1/tickets/${ticketId}`)).json().sla as SlaEntry[];
const entry = (sla: SlaEntry[], metric: string) => sla.find((candidate) => candidate.metric === metric);

async function createTicket(client: TestClient, body: Record<string, unknown>) {
  const response = await client.post('/api/v1/tickets', {
    subject: '系统无法登录',
    channel: 'web_chat',
    receivedAt: START.toISOString(),
    ...body,
  });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; number: string; sla: SlaEntry[]; version: number };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition not reached');
}

describe('SLA clocks on tickets (preset 001 企业服务)', () => {
  it('shows due times, warns the owner, escalates to the supervisor exactly once, and keeps a late reply breached', async () => {
    const { team, supervisor, agent, advance } = await desk('response-process');
    const ticket = await createTicket(agent, {
      priority: 'urgent',
      type: 'fault',
      assigneeId: team.agent.id,
    });
    expect(entry(ticket.sla, 'first_response')).toMatchObject({
      state: 'running',
      dueAt: '2026-12-02T02:30:00.000Z',
    });
    expect(entry(ticket.sla, 'resolution')?.dueAt).toBe('2026-12-02T04:00:00.000Z');
    expect(entry(ticket.sla, 'progress_update')?.dueAt).toBe('2026-12-02T03:00:00.000Z');

    await advance(25 * 60);
    expect(entry(await slaOf(agent, ticket.id), 'first_response')?.state).toBe('warning');
    const warned = (await agent.get('/api/v1/notifications')).json();
    expect(
      warned.items.map((n: { kind: string; data: { metric: string } }) => `${n.kind}/${n.data.metric}`),
    ).toEqual(['sla_warning/first_response']);

    await advance(6 * 60);
    expect(entry(await slaOf(agent, ticket.id), 'first_response')).toMatchObject({
      state: 'breached',
      escalationLevel: 1,
    });
    const notified = (await supervisor.get('/api/v1/notifications?unread=true')).json();
    expect(notified.unreadCount).toBe(1);
    expect(notified.items[0]).toMatchObject({
      kind: 'sla_escalated',
      ticketId: ticket.id,
      data: { ticketNumber: ticket.number, metric: 'first_response', level: 1 },
    });
    // Sweeping again fires nothing more.
    expect((await advance(1)).fired).toBe(0);
    expect((await advance(0)).claimed).toBe(0);
    expect((await supervisor.get('/api/v1/notifications')).json().items).toHaveLength(1);

    const reply = await agent.post(`/api/v1/tickets/${ticket.id}/messages`, {
      direction: 'outbound',
      body: '您好，我们正在排查登录问题。',
    });
    expect(reply.statusCode).toBe(201);
    const after = await slaOf(agent, ticket.id);
    expect(entry(after, 'first_response')).toMatchObject({
      state: 'breached',
      metAt: '2026-12-02T02:31:01.000Z',
    });
    const timeline = (await agent.get(`/api/v1/tickets/${ticket.id}`)).json().timeline as {
      kind: string;
      data: Record<string, unknown>;
    }[];
    // The breach and the level it triggered at that instant are one entry.
    expect(timeline.filter((event) => event.kind.startsWith('sla_'))).toEqual([
      expect.objectContaining({
        kind: 'sla_warning',
        data: expect.objectContaining({ metric: 'first_response' }),
      }),
      expect.objectContaining({
        kind: 'sla_breached',
        data: expect.objectContaining({
          metric: 'first_response',
          escalationLevel: 1,
          actions: ['notify_assignee', 'notify_supervisor'],
        }),
      }),
    ]);

    await supervisor.post(`/api/v1/notifications/${notified.items[0].id}/read`);
    expect((await supervisor.get('/api/v1/notifications?unread=true')).json().unreadCount).toBe(0);
  });

  it('an hour after the breach raises the priority: the tighter targets apply at once', async () => {
    const { team, agent, advance } = await desk('response-process');
    const ticket = await createTicket(agent, {
      priority: 'normal',
      type: 'consult',
      assigneeId: team.agent.id,
    });
    expect(entry(ticket.sla, 'classified')?.state).toBe('met');
    // Normal progress updates are daily: breach at +24 h, level 2 (raise priority) at +25 h.
    await advance(25 * 3600 + 60);
    const raised = (await agent.get(`/api/v1/tickets/${ticket.id}`)).json();
    expect(raised.timeline).toContainEqual(
      expect.objectContaining({
        kind: 'field_changed',
        data: { field: 'priority', from: 'normal', to: 'important', reason: 'sla_escalation' },
      }),
    );
    // Under 重要's 24 h the first response (due in 3 working days as 一般) is late already: it escalates as well.
    expect(entry(raised.sla, 'first_response')).toMatchObject({ state: 'breached' });
    expect(raised.priority).toBe('urgent');
  });

  it('stops counting while the ticket waits on the customer', async () => {
    const { agent, advance } = await desk('response-process');
    const ticket = await createTicket(agent, { priority: 'urgent', type: 'fault' });
    const pending = await agent.patch(`/api/v1/tickets/${ticket.id}`, {
      version: ticket.version,
      status: 'pending_customer',
    });
    expect(pending.statusCode).toBe(200);
    expect(entry(pending.json().sla, 'resolution')).toMatchObject({ state: 'paused', dueAt: null });
    expect((await advance(5 * 3600)).fired).toBe(0);
    const reopened = await agent.patch(`/api/v1/tickets/${ticket.id}`, {
      version: pending.json().version,
      status: 'open',
    });
    // Two hours to solve, plus the five spent waiting.
    expect(entry(reopened.json().sla, 'resolution')).toMatchObject({
      state: 'running',
      dueAt: '2026-12-02T09:00:00.000Z',
    });
  });

  it('lists breached tickets and sorts by the nearest deadline', async () => {
    const { team, agent, advance } = await desk('response-process');
    const late = await createTicket(agent, { priority: 'urgent', type: 'fault' });
    const calm = await createTicket(agent, {
      priority: 'normal',
      type: 'consult',
      assigneeId: team.agent.id,
    });
    await advance(3 * 3600);
    const breached = (await agent.get('/api/v1/tickets?sla=breached'))
      .json()
      .items.map((t: { id: string }) => t.id);
    expect(breached).toContain(late.id);
    expect(breached).not.toContain(calm.id);
    const sorted = (await agent.get('/api/v1/tickets?sort=sla_due&limit=100'))
      .json()
      .items.map((t: { id: string }) => t.id);
    expect(sorted.indexOf(late.id)).toBeLessThan(sorted.indexOf(calm.id));
    // Page by page, each ticket once, in the same order; a ticket waiting on the customer has no running deadline.
    const paused = await createTicket(agent, {
      priority: 'normal',
      type: 'consult',
      assigneeId: team.agent.id,
    });
    await agent.patch(`/api/v1/tickets/${paused.id}`, {
      version: paused.version,
      status: 'pending_customer',
    });
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (
        await agent.get(`/api/v1/tickets?sort=sla_due&limit=1${cursor ? `&cursor=${cursor}` : ''}`)
      ).json() as { items: { id: string }[]; nextCursor: string | null };
      paged.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual([late.id, calm.id]);
  });
});

describe('policies, preview and presets', () => {
  it('recomputes open clocks when a policy changes', async () => {
    const { supervisor, agent } = await desk('multi-platform');
    const ticket = await createTicket(agent, { priority: 'normal' });
    expect(entry(ticket.sla, 'first_response')?.dueAt).toBe('2026-12-02T06:00:00.000Z');
    const [policy] = (await supervisor.get('/api/v1/sla/policies')).json().items;
    const targets = policy.targets.map((target: { metric: string; when?: unknown; amount: number }) =>
      target.metric === 'first_response' && !target.when ? { ...target, amount: 1 } : target,
    );
    const patched = await supervisor.patch(`/api/v1/sla/policies/${policy.id}`, { targets });
    expect(patched.statusCode).toBe(200);
    const moved = await until(
      () => slaOf(agent, ticket.id),
      (sla) => entry(sla, 'first_response')?.dueAt === '2026-12-02T03:00:00.000Z',
    );
    expect(entry(moved, 'first_response')?.state).toBe('running');
  });

  it('previews due times of an unsaved policy with the same arithmetic', async () => {
    const { supervisor } = await desk('response-process');
    const [policy] = (await supervisor.get('/api/v1/sla/policies')).json().items;
    const { id: _id, position: _p, createdAt: _c, updatedAt: _u, ...body } = policy;
    const preview = await supervisor.post('/api/v1/sla/preview', {
      policy: body,
      ticket: { priority: 'normal', type: 'consult', channel: 'email' },
      from: '2026-09-30T09:00:00Z',
    });
    expect(preview.statusCode).toBe(200);
    const resolution = preview.json().targets.find((t: { metric: string }) => t.metric === 'resolution');
    expect(resolution).toMatchObject({ dueAt: '2026-10-10T09:00:00.000Z', target: { unit: 'workingDays' } });
  });

  it('rejects a bad policy with field errors and lets only managers change policies', async () => {
    const { supervisor, agent, app } = await desk('multi-platform');
    const bad = await supervisor.post('/api/v1/sla/policies', {
      name: '',
      targets: [{ metric: 'first_reply', amount: -1, unit: 'hours', time: 'calendar' }],
      escalations: Array.from({ length: 5 }, () => ({
        afterMinutes: 0,
        actions: [{ kind: 'notify_assignee' }],
      })),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const paths = bad.json().errors.map((error: { path: string }) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['body/name', 'body/targets/0/metric', 'body/escalations']));
    const unknownCalendar = await supervisor.post('/api/v1/sla/policies', {
      name: '夜间',
      calendarId: '00000000-0000-4000-8000-000000000000',
      targets: [],
    });
    expect(unknownCalendar.statusCode).toBe(422);
    expect(unknownCalendar.json().errors[0].path).toBe('body/calendarId');
    expect((await agent.post('/api/v1/sla/policies', { name: 'x', targets: [] })).statusCode).toBe(403);

    const other = await buildTeam();
    const outsider = await login(app, other.supervisor);
    const [policy] = (await supervisor.get('/api/v1/sla/policies')).json().items;
    expect((await outsider.patch(`/api/v1/sla/policies/${policy.id}`, { name: '抢' })).statusCode).toBe(404);
    expect((await outsider.get('/api/v1/sla/policies')).json().items).toEqual([]);
  });

  it('applies a preset: its taxonomy and its policies, marked as current', async () => {
    const { supervisor } = await desk('standard-scripts');
    const presets = (await supervisor.get('/api/v1/sla/presets')).json();
    expect(presets.currentPresetId).toBe('standard-scripts');
    expect(presets.items.map((preset: { id: string }) => preset.id)).toHaveLength(5);
    const config = (await supervisor.get('/api/v1/ticket-config')).json();
    expect(config.types.map((type: { label: string }) => type.label)).toEqual([
      '咨询',
      '故障',
      '投诉',
      '建议',
      '紧急',
    ]);
  });
});

describe('seed 002: overdue → supervisor, and the agent explains within an hour', () => {
  it('tracks the explanation as its own deadline, met when the agent writes it', async () => {
    const { team, agent, supervisor, advance } = await desk('online-service');
    const chat = await createTicket(agent, { channel: 'web_chat', assigneeId: team.agent.id });
    expect(entry(chat.sla, 'first_response')?.dueAt).toBe('2026-12-02T02:00:30.000Z');
    await advance(31);
    const owed = entry(await slaOf(agent, chat.id), 'explanation');
    expect(owed).toMatchObject({ state: 'running', dueAt: '2026-12-02T03:00:31.000Z' });
    const kinds = (await agent.get('/api/v1/notifications'))
      .json()
      .items.map((n: { kind: string }) => n.kind);
    expect(kinds).toEqual(expect.arrayContaining(['explanation_required', 'sla_escalated']));
    expect((await supervisor.get('/api/v1/notifications')).json().items[0].kind).toBe('sla_escalated');

    const written = await agent.post(`/api/v1/tickets/${chat.id}/sla/explanation`, {
      text: '当时同时接待 6 位客户，未能及时响应。',
    });
    expect(written.statusCode).toBe(204);
    const detail = (await agent.get(`/api/v1/tickets/${chat.id}`)).json();
    expect(entry(detail.sla, 'explanation')?.state).toBe('met');
    expect(detail.messages.at(-1)).toMatchObject({
      direction: 'note',
      body: expect.stringContaining('超时说明'),
    });
  });
});

describe('intake starts the clocks', () => {
  it('a message from a channel opens a ticket whose first-response clock runs', async () => {
    // Intake stamps messages with the database's time: the test clock starts there too.
    const { admin, agent, app } = await desk('multi-platform', new Date());
    const channel = await createApiChannel(admin);
    const accepted = await postSigned(app as App, channel, buyerMessage());
    expect(accepted.statusCode).toBe(200);
    const ticketId = accepted.json().ticketId;
    const sla = await slaOf(agent, ticketId);
    expect(entry(sla, 'first_response')).toMatchObject({ state: 'running' });
    expect(entry(sla, 'registered')?.state).toBe('met');
  });
});
