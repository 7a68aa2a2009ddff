import { startCallbackServer } from '@server/test/callback-server';
import { buyerMessage, createApiChannel, postSigned } from '@server/test/channels';
import { login, type TestClient } from '@server/test/client';
import { testDb } from '@server/test/context';
import { afterEach, describe, expect, it } from 'vitest';
import { seed001Desk } from './test-desk';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const ticketOf = async (client: TestClient, id: string) => (await client.get(`/api/v1/tickets/${id}`)).json();

async function until(done: () => boolean, timeoutMs = 10_000) {
  for (let waited = 0; !done() && waited < timeoutMs; waited += 50)
    await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('routing after the first message', () => {
  it('does not overrule an agent who lowered the priority when the customer writes again calmly', async () => {
    const { app, channel, agent } = await seed001Desk();
    const first = (await postSigned(app, channel, buyerMessage({ text: '再不退款我就去媒体曝光' }))).json();
    const urgent = await ticketOf(agent, first.ticketId);
    expect(urgent.priority).toBe('urgent');
    const lowered = await agent.patch(`/api/v1/tickets/${first.ticketId}`, {
      version: urgent.version,
      priority: 'normal',
    });
    expect(lowered.json()).toMatchObject({ priority: 'normal', priorityReason: null });
    await postSigned(app, channel, buyerMessage({ text: '好的，谢谢处理' }));
    expect(await ticketOf(agent, first.ticketId)).toMatchObject({ priority: 'normal', priorityReason: null });
  });

  it('keeps what an agent just set when a rule fires on edits', async () => {
    const { admin, agent, teams } = await seed001Desk();
    const rule = await admin.post('/api/v1/routing/rules', {
      name: '编辑后转运营',
      triggers: ['ticket_updated'],
      actions: [
        { kind: 'set_team', teamId: teams.operations.id },
        { kind: 'add_tags', tags: ['已复核'] },
      ],
    });
    expect(rule.statusCode).toBe(201);
    const created = (
      await agent.post('/api/v1/tickets', { subject: '来电咨询套餐', channel: 'phone' })
    ).json();
    const moved = await agent.patch(`/api/v1/tickets/${created.id}`, {
      version: created.version,
      teamId: teams.technical.id,
    });
    expect(moved.json().team.id).toBe(teams.technical.id);
    expect(moved.json().tags).toContain('已复核');
  });

  it('routes a team that was deleted since to the default team instead of losing the message', async () => {
    const { app, channel, admin, agent, teams } = await seed001Desk();
    const doomed = await admin.post('/api/v1/departments', { name: '临时专项组', description: '' });
    await admin.patch('/api/v1/routing/settings', { typeTeams: { complaint: doomed.json().id } });
    expect((await admin.delete(`/api/v1/departments/${doomed.json().id}`)).statusCode).toBe(204);
    const posted = await postSigned(app, channel, buyerMessage({ text: '我要投诉，你们的服务态度太差了' }));
    expect(posted.statusCode).toBe(200);
    const ticket = await ticketOf(agent, posted.json().ticketId);
    expect(ticket.type).toBe('complaint');
    expect(ticket.team.id).toBe(teams.front.id);
  });

  it('tells the customer who follows up once, also when the ticket waited in the queue and was assigned by hand', async () => {
    let secret = '';
    const callback = await startCallbackServer(
      () => secret,
      () => ({ kind: 'ok' }),
    );
    cleanups.push(callback.close);
    const { app, channel, people, team } = await seed001Desk({ callbackUrl: callback.url });
    secret = channel.secret;
    app.kefu.outbox.start();
    cleanups.push(() => app.kefu.outbox.stop());
    // Nobody of the frontline is at the desk: the request waits in the team's queue, unassigned.
    await testDb()
      .updateTable('users')
      .set({ presence: 'offline' })
      .where('id', '=', people.front.id)
      .execute();
    const waiting = (await postSigned(app, channel, buyerMessage({ text: '请问会员怎么续费' }))).json();
    const supervisor = await login(app, team.supervisor);
    let ticket = await ticketOf(supervisor, waiting.ticketId);
    expect(ticket.assignee).toBeNull();
    ticket = (
      await supervisor.patch(`/api/v1/tickets/${waiting.ticketId}`, {
        version: ticket.version,
        assigneeId: people.front.id,
      })
    ).json();
    await until(() => callback.shown.length > 0);
    expect(callback.shown.map((reply) => reply.body.text)).toEqual([
      `您好，您的需求已受理，由王小丽（工号KF0123）为您跟进，工单号${waiting.ticketNumber}。`,
    ]);
    // Handing it on is no new acceptance.
    await supervisor.post(`/api/v1/tickets/${waiting.ticketId}/transfer`, {
      assigneeId: people.supervisors.id,
      reason: '客户要求主管处理',
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(callback.shown).toHaveLength(1);
    expect((await ticketOf(supervisor, waiting.ticketId)).firstOwner.id).toBe(people.front.id);
  });

  it('treats a repeat through a second channel as the customer writing again on the first ticket', async () => {
    const { app, channel, admin, agent, team } = await seed001Desk();
    const jd = await createApiChannel(admin, { platform: 'jd' });
    const sender = { id: 'buyer-小王', nickname: '小王' };
    const complaint = '洗碗机 漏水 把 厨房 地板 泡坏 了 要求 赔偿 洗碗机 漏水 严重';
    const first = (await postSigned(app, channel, buyerMessage({ sender, text: complaint }))).json();
    let ticket = await ticketOf(agent, first.ticketId);
    ticket = (
      await agent.patch(`/api/v1/tickets/${first.ticketId}`, {
        version: ticket.version,
        status: 'pending_customer',
      })
    ).json();
    expect(ticket.status).toBe('pending_customer');
    // The same buyer is known on 京东 too (one customer record, two identities).
    await testDb()
      .insertInto('customer_identities')
      .values({
        workspace_id: team.workspace.id,
        customer_id: ticket.customer.id,
        channel: 'jd',
        external_id: sender.id,
        display: sender.id,
      })
      .execute();
    const again = (
      await postSigned(app, jd, buyerMessage({ sender, conversationId: 'jd-1', text: complaint }))
    ).json();
    expect(again.ticketId).not.toBe(first.ticketId);
    const target = await ticketOf(agent, first.ticketId);
    expect(target.status).toBe('open');
    expect(target.messages.filter((m: { direction: string }) => m.direction === 'inbound')).toHaveLength(2);
    expect((await ticketOf(agent, again.ticketId)).mergedInto.id).toBe(first.ticketId);
  });
});
