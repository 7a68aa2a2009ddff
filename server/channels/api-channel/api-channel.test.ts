import { buyerMessage, createApiChannel, postSigned } from '@server/test/channels';
import { login } from '@server/test/client';
import { buildTestApp, testDb } from '@server/test/context';
import { buildTeam } from '@server/test/factories';
import { describe, expect, it } from 'vitest';

const storedCount = async (channelId: string) =>
  Number(
    (
      await testDb()
        .selectFrom('ticket_messages')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('channel_account_id', '=', channelId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the signed API channel', () => {
  it('opens a ticket for a new conversation, threads the next message into it, and answers a redelivery from the first result', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const admin = await login(app, team.admin);
    const channel = await createApiChannel(admin);

    const first = await postSigned(
      app,
      channel,
      buyerMessage({
        externalId: 'tb-1',
        text: '我的手机 13812345678，订单 231027-123456789012345 还没发货',
      }),
    );
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ externalId: 'tb-1', status: 'accepted' });
    expect(first.json().ticketNumber).toMatch(/^\d{11,}$/);

    const second = await postSigned(
      app,
      channel,
      buyerMessage({ externalId: 'tb-2', text: '请问什么时候能到？' }),
    );
    expect(second.json()).toMatchObject({ status: 'accepted', ticketId: first.json().ticketId });

    const again = await postSigned(
      app,
      channel,
      buyerMessage({ externalId: 'tb-1', text: '重发的内容不同也不算新消息' }),
    );
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ ...first.json(), status: 'duplicate' });
    expect(await storedCount(channel.id)).toBe(2);

    const agent = await login(app, team.agent);
    const ticket = (await agent.get(`/api/v1/tickets/${first.json().ticketId}`)).json();
    expect(ticket).toMatchObject({
      channel: 'taobao',
      status: 'new',
      orderNumbers: ['231027-123456789012345'],
    });
    expect(ticket.customer.name).toBe('小王');
    expect(ticket.messages.map((m: { body: string }) => m.body)).toEqual([
      '我的手机 138****5678，订单 231027-123456789012345 还没发货',
      '请问什么时候能到？',
    ]);
    // Routing records what it decided on the first message (the type from the cold-start keywords).
    expect(ticket.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'created',
      'message_added',
      'routed',
      'message_added',
    ]);

    // The loop is closed: the buyer's next message is a new request with a new number.
    for (const status of ['resolved', 'closed']) {
      const current = (await agent.get(`/api/v1/tickets/${ticket.id}`)).json();
      const moved = await agent.patch(`/api/v1/tickets/${ticket.id}`, { version: current.version, status });
      expect(moved.statusCode).toBe(200);
    }
    const later = await postSigned(app, channel, buyerMessage({ externalId: 'tb-3', text: '又有一个问题' }));
    expect(later.json().ticketId).not.toBe(ticket.id);
    const newTicket = (await agent.get(`/api/v1/tickets/${later.json().ticketId}`)).json();
    expect(newTicket.customer.id).toBe(ticket.customer.id);
  });

  it('reopens a resolved ticket when the customer writes again, and keeps the order of a batch', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const channel = await createApiChannel(await login(app, team.admin), { platform: 'douyin' });
    const texts = ['第一句', '第二句', '第三句', '第四句'];
    const batch = await postSigned(
      app,
      channel,
      {
        messages: texts.map((text, i) =>
          buyerMessage({ externalId: `dy-${i}`, conversationId: 'dy-conv', text }),
        ),
      },
      { path: 'messages/batch' },
    );
    expect(batch.statusCode).toBe(200);
    const results = batch.json().results;
    expect(results.map((r: { externalId: string }) => r.externalId)).toEqual([
      'dy-0',
      'dy-1',
      'dy-2',
      'dy-3',
    ]);
    expect(new Set(results.map((r: { ticketId: string }) => r.ticketId)).size).toBe(1);

    const agent = await login(app, team.agent);
    const ticketId = results[0].ticketId;
    let ticket = (await agent.get(`/api/v1/tickets/${ticketId}`)).json();
    expect(ticket.messages.map((m: { body: string }) => m.body)).toEqual(texts);
    await agent.patch(`/api/v1/tickets/${ticketId}`, { version: ticket.version, status: 'resolved' });
    await postSigned(
      app,
      channel,
      buyerMessage({ externalId: 'dy-9', conversationId: 'dy-conv', text: '还是不行' }),
    );
    ticket = (await agent.get(`/api/v1/tickets/${ticketId}`)).json();
    expect(ticket.status).toBe('open');
    // Reopened by the message; five messages within minutes also made it important (routing's entry comes after).
    expect(ticket.timeline.findLast((e: { kind: string }) => e.kind !== 'routed')).toMatchObject({
      kind: 'status_changed',
      data: { from: 'resolved', to: 'open' },
    });
    expect(ticket.priorityReason).toMatchObject({ priority: 'important', source: 'repeat_messages' });
  });

  it('threads a conversation whose ticket was merged into the ticket it went into', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const channel = await createApiChannel(await login(app, team.admin));
    const agent = await login(app, team.agent);
    const first = (await postSigned(app, channel, buyerMessage({ conversationId: 'merge-conv' }))).json();
    const phone = (
      await agent.post('/api/v1/tickets', { subject: '同一个问题，客户又打了电话', channel: 'phone' })
    ).json();
    const merged = await agent.post(`/api/v1/tickets/${phone.id}/merge`, {
      sourceTicketIds: [first.ticketId],
    });
    expect(merged.statusCode).toBe(200);
    const next = (
      await postSigned(app, channel, buyerMessage({ conversationId: 'merge-conv', text: '还在吗' }))
    ).json();
    expect(next).toMatchObject({ status: 'accepted', ticketId: phone.id, ticketNumber: phone.number });
  });

  it('stores each of 200 concurrent deliveries (every message posted twice at once) exactly once', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const channel = await createApiChannel(await login(app, team.admin));
    const messages = Array.from({ length: 100 }, (_, i) =>
      buyerMessage({
        externalId: `c-${i}`,
        conversationId: `conv-${i % 10}`,
        sender: { id: `buyer-${i % 10}` },
      }),
    );
    const responses = await Promise.all([...messages, ...messages].map((m) => postSigned(app, channel, m)));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(200).fill(200));
    const statuses = responses.map((r) => r.json().status);
    expect(statuses.filter((s) => s === 'accepted')).toHaveLength(100);
    expect(await storedCount(channel.id)).toBe(100);
    const byExternal = new Map<string, string>();
    for (const r of responses) {
      const previous = byExternal.get(r.json().externalId);
      if (previous) expect(r.json().messageId).toBe(previous);
      byExternal.set(r.json().externalId, r.json().messageId);
    }
    const tickets = new Set(responses.map((r) => r.json().ticketId));
    expect(tickets.size).toBe(10);
  });
});
