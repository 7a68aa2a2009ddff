import { startCallbackServer } from '@server/test/callback-server';
import { buyerMessage, postSigned } from '@server/test/channels';
import type { TestClient } from '@server/test/client';
import { buildDepartment, buildTeam } from '@server/test/factories';
import { afterEach, describe, expect, it } from 'vitest';
import { seed001Desk } from './test-desk';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const ticketOf = async (client: TestClient, id: string) => (await client.get(`/api/v1/tickets/${id}`)).json();

describe('routing new tickets', () => {
  it('sends each seed-001 type to its team and assigns it to that team’s online member', async () => {
    const { teams, people, agent } = await seed001Desk();
    const expected = {
      consult: [teams.front, people.front],
      complaint: [teams.supervisors, people.supervisors],
      suggestion: [teams.supervisors, people.supervisors],
      fault: [teams.technical, people.technical],
      change: [teams.operations, people.operations],
    } as const;
    for (const [type, [team, person]] of Object.entries(expected)) {
      const created = await agent.post('/api/v1/tickets', {
        subject: `来电：${type}`,
        channel: 'phone',
        type,
      });
      expect(created.statusCode).toBe(201);
      expect(created.json().team?.id, type).toBe(team.id);
      expect(created.json().assignee?.id, type).toBe(person.id);
      expect(created.json().firstOwner?.id, type).toBe(person.id);
    }
  });

  it('makes a message threatening exposure or 12315 urgent with the reason shown, and leaves a calm one normal', async () => {
    const { app, channel, agent } = await seed001Desk();
    const post = async (text: string, conversationId: string) =>
      (
        await postSigned(app, channel, buyerMessage({ text, conversationId, sender: { id: conversationId } }))
      ).json();
    const exposure = await ticketOf(
      agent,
      (await post('三天了还没人处理，再不解决我就去媒体曝光你们', 'c1')).ticketId,
    );
    expect(exposure.priority).toBe('urgent');
    expect(exposure.priorityReason).toMatchObject({
      priority: 'urgent',
      source: 'risk_term',
      category: '媒体曝光',
    });
    expect(exposure.priorityReason.detail).toContain('曝光');
    const regulator = await ticketOf(agent, (await post('我要打12315投诉你们', 'c2')).ticketId);
    expect(regulator).toMatchObject({
      priority: 'urgent',
      priorityReason: { detail: ['12315'], category: '监管投诉' },
    });
    expect(regulator.timeline.some((event: { kind: string }) => event.kind === 'routed')).toBe(true);
    const calm = await ticketOf(agent, (await post('请问你们的产品支持哪些功能？', 'c3')).ticketId);
    expect(calm.priority).toBe('normal');
    expect(calm.priorityReason).toBeNull();
  });

  it('raises an open ticket when the customer comes back with risk words', async () => {
    const { app, channel, agent } = await seed001Desk();
    const first = (await postSigned(app, channel, buyerMessage({ text: '请问订单什么时候发货' }))).json();
    expect((await ticketOf(agent, first.ticketId)).priority).toBe('normal');
    const again = (await postSigned(app, channel, buyerMessage({ text: '再不发货我就找律师起诉' }))).json();
    expect(again.ticketId).toBe(first.ticketId);
    const ticket = await ticketOf(agent, first.ticketId);
    expect(ticket.priority).toBe('urgent');
    expect(ticket.priorityReason.category).toBe('法律风险');
  });

  it('tells the customer through their channel who follows up, with the employee number and the ticket number', async () => {
    let secret = '';
    const callback = await startCallbackServer(
      () => secret,
      () => ({ kind: 'ok' }),
    );
    cleanups.push(callback.close);
    const { app, channel } = await seed001Desk({ callbackUrl: callback.url });
    secret = channel.secret;
    app.kefu.outbox.start();
    cleanups.push(() => app.kefu.outbox.stop());
    const accepted = (
      await postSigned(app, channel, buyerMessage({ text: '请问你们的会员有什么权益' }))
    ).json();
    for (let waited = 0; callback.shown.length === 0 && waited < 10_000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(callback.shown).toHaveLength(1);
    expect(callback.shown[0]?.body.text).toBe(
      `您好，您的需求已受理，由王小丽（工号KF0123）为您跟进，工单号${accepted.ticketNumber}。`,
    );
  });
});

describe('routing rules API', () => {
  it('creates, orders and test-runs rules; refuses a bad pattern and a team of another workspace', async () => {
    const { admin, teams } = await seed001Desk();
    const vip = await admin.post('/api/v1/routing/rules', {
      name: '大客户加急',
      conditions: [{ field: 'text', operator: 'contains_any', values: ['年费会员'] }],
      actions: [
        { kind: 'set_priority', priority: 'important' },
        { kind: 'set_team', teamId: teams.supervisors.id },
        { kind: 'add_tags', tags: ['VIP'] },
      ],
      stopAfterMatch: true,
    });
    expect(vip.statusCode).toBe(201);
    const later = await admin.post('/api/v1/routing/rules', {
      name: '全部打标',
      actions: [{ kind: 'add_tags', tags: ['已路由'] }],
    });
    expect(later.json().position).toBeGreaterThan(vip.json().position);

    const run = await admin.post('/api/v1/routing/rules/test', { text: '我是年费会员，订单一直没到' });
    expect(run.statusCode).toBe(200);
    expect(
      run
        .json()
        .rules.map((rule: { name: string; reached: boolean; matched: boolean }) => [
          rule.name,
          rule.reached,
          rule.matched,
        ]),
    ).toEqual([
      ['大客户加急', true, true],
      ['全部打标', false, false],
    ]);
    expect(run.json().outcome).toMatchObject({
      priority: 'important',
      priorityReason: { source: 'rule', detail: ['大客户加急'] },
      teamId: teams.supervisors.id,
      tags: ['VIP'],
    });
    const risky = await admin.post('/api/v1/routing/rules/test', { text: '再不退款我就去曝光' });
    expect(risky.json().outcome.priorityReason).toMatchObject({ priority: 'urgent', detail: ['曝光'] });

    const reordered = await admin.put('/api/v1/routing/rules/order', {
      ids: [later.json().id, vip.json().id],
    });
    expect(reordered.json().items.map((rule: { name: string }) => rule.name)).toEqual([
      '全部打标',
      '大客户加急',
    ]);

    const badPattern = await admin.post('/api/v1/routing/rules', {
      name: '坏正则',
      conditions: [{ field: 'text', operator: 'matches', pattern: '([a-z' }],
      actions: [{ kind: 'add_tags', tags: ['x'] }],
    });
    expect(badPattern.statusCode).toBe(400);
    expect(badPattern.headers['content-type']).toContain('application/problem+json');
    expect(badPattern.json().errors[0].path).toContain('pattern');

    const elsewhere = await buildTeam();
    const foreignTeam = await buildDepartment(elsewhere.workspace);
    const foreign = await admin.post('/api/v1/routing/rules', {
      name: '别家团队',
      actions: [{ kind: 'set_team', teamId: foreignTeam.id }],
    });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().errors[0].path).toBe('body/actions/0/teamId');
  });

  it('lets only supervisors and admins change rules', async () => {
    const { agent } = await seed001Desk();
    const denied = await agent.post('/api/v1/routing/rules', {
      name: 'x',
      actions: [{ kind: 'add_tags', tags: ['x'] }],
    });
    expect(denied.statusCode).toBe(403);
  });
});
