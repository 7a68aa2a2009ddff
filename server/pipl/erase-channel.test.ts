import { buyerMessage, createApiChannel, postSigned } from '@server/test/channels';
import { login } from '@server/test/client';
import { buildTestApp, testDb } from '@server/test/context';
import { buildTeam } from '@server/test/factories';
import { describe, expect, it } from 'vitest';

describe('erasing a customer who wrote through a channel', () => {
  it('removes the platform conversation (their sealed platform id) and replies still queued for them', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const admin = await login(app, team.admin);
    const channel = await createApiChannel(admin, { callbackUrl: 'http://127.0.0.1:9/unreachable' });
    const posted = (
      await postSigned(
        app,
        channel,
        buyerMessage({ conversationId: 'buyer-wang-chat', sender: { id: 'tb_wang_1988' } }),
      )
    ).json();
    const reply = await admin.post(`/api/v1/tickets/${posted.ticketId}/messages`, {
      direction: 'outbound',
      body: '您好，已为您登记',
    });
    expect(reply.json().delivery.state).toBe('queued');
    const customerId = (await admin.get(`/api/v1/tickets/${posted.ticketId}`)).json().customer.id;
    const customer = (await admin.get(`/api/v1/customers/${customerId}`)).json();

    const erased = await admin.post(`/api/v1/customers/${customerId}/erasure`, {
      confirmNumber: customer.number,
    });
    expect(erased.statusCode).toBe(200);
    const db = testDb();
    const left = await Promise.all([
      db
        .selectFrom('channel_conversations')
        .select('id')
        .where('workspace_id', '=', team.workspace.id)
        .execute(),
      db
        .selectFrom('outbound_deliveries')
        .select('id')
        .where('workspace_id', '=', team.workspace.id)
        .execute(),
      db
        .selectFrom('customer_identities')
        .select('id')
        .where('workspace_id', '=', team.workspace.id)
        .execute(),
    ]);
    expect(left).toEqual([[], [], []]);
    const ticket = (await admin.get(`/api/v1/tickets/${posted.ticketId}`)).json();
    expect(ticket.number).toBe(posted.ticketNumber);

    // The same platform id writing again is a stranger now: a new customer and a new ticket.
    const again = (
      await postSigned(
        app,
        channel,
        buyerMessage({ conversationId: 'buyer-wang-chat', sender: { id: 'tb_wang_1988' } }),
      )
    ).json();
    expect(again.ticketId).not.toBe(posted.ticketId);
    expect((await admin.get(`/api/v1/tickets/${again.ticketId}`)).json().customer.id).not.toBe(customerId);
  });
});
