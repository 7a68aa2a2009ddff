/**
 * A customer writes to their ticket from the lookup page. It is stored like any customer message: masked through
 * the vault, counted as activity, reopening a resolved ticket or answering a pending question, keeping the SLA
 * clocks in step and reaching agents' screens. addTicketMessage cannot be reused: it needs an agent as actor,
 * and here nobody logged in wrote it.
 */
import type { Database, TicketMessageRow } from '@server/db/schema';
import { conflict } from '@server/http/problem';
import type { PersonalDataVault } from '@server/privacy/vault';
import { publishRealtime } from '@server/realtime/publish';
import { indexTokens, unionTokens } from '@server/search/segmenter';
import { slaEventsOfMessage } from '@server/sla/ticket-events';
import type { SlaTracker } from '@server/sla/tracker';
import { recordTicketEvent } from '@server/tickets/events';
import { lockTicket } from '@server/tickets/repo';
import { statusTimestamps } from '@server/tickets/update-ticket';
import { statusAfterCustomerMessage } from '@shared/tickets';
import { type Kysely, sql } from 'kysely';

/** Where the message came from, as the thread and timeline show it. */
export const LOOKUP_CHANNEL = 'web_chat';

export async function addLookupReply(
  db: Kysely<Database>,
  options: {
    ticket: { workspaceId: string; ticketId: string };
    text: string;
    vault: PersonalDataVault;
    sla: SlaTracker;
  },
): Promise<TicketMessageRow> {
  const { vault } = options;
  const { workspaceId } = options.ticket;
  // Masked before the transaction, as add-message does: sealing reads the workspace's keys.
  const masked = await vault.maskFields(workspaceId, { body: options.text });
  return db.transaction().execute(async (tx) => {
    const ticket = await lockTicket(tx, { workspaceId, ticketId: options.ticket.ticketId });
    if (ticket.merged_into_id)
      throw conflict('ticket_merged', 'This ticket was merged into another; look it up again');
    if (ticket.status === 'closed')
      throw conflict('ticket_closed', 'This ticket is closed (已闭环); contact us to open a new one');

    const message = await tx
      .insertInto('ticket_messages')
      .values({
        workspace_id: workspaceId,
        ticket_id: ticket.id,
        direction: 'inbound',
        channel: LOOKUP_CHANNEL,
        author_user_id: null,
        customer_id: ticket.customer_id,
        body: masked.text.body,
        delivery_status: 'received',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await vault.storeSpans(
      tx,
      {
        workspaceId,
        ownerType: 'message',
        ownerId: message.id,
        ticketId: ticket.id,
        customerId: ticket.customer_id,
      },
      masked.spans,
    );
    await recordTicketEvent(tx, {
      workspaceId,
      ticketId: ticket.id,
      actorUserId: null,
      kind: 'message_added',
      data: { messageId: message.id, direction: 'inbound', attachments: 0, via: 'ticket_lookup' },
    });
    const nextStatus = statusAfterCustomerMessage(ticket.status);
    const statusChanged = nextStatus !== ticket.status;
    if (statusChanged) {
      await recordTicketEvent(tx, {
        workspaceId,
        ticketId: ticket.id,
        actorUserId: null,
        kind: 'status_changed',
        data: { from: ticket.status, to: nextStatus, reason: 'customer_replied' },
      });
    }
    await tx
      .updateTable('tickets')
      .set({
        search_tokens: unionTokens(ticket.search_tokens, indexTokens(masked.text.body)),
        last_activity_at: sql<Date>`now()`,
        updated_at: sql<Date>`now()`,
        ...(statusChanged
          ? { status: nextStatus, version: ticket.version + 1, ...statusTimestamps(nextStatus) }
          : {}),
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', ticket.id)
      .execute();
    const at = options.sla.now();
    await options.sla.track(
      tx,
      workspaceId,
      [
        {
          ticketId: ticket.id,
          events: slaEventsOfMessage('inbound', { from: ticket.status, to: nextStatus }, at),
        },
      ],
      { ticketsLocked: true },
    );
    await publishRealtime(tx, workspaceId, [
      { kind: 'message.created', ticketId: ticket.id, messageId: message.id, data: { direction: 'inbound' } },
      ...(statusChanged
        ? [{ kind: 'ticket.updated' as const, ticketId: ticket.id, data: { status: nextStatus } }]
        : []),
    ]);
    return message;
  });
}
