import type { Principal } from '@server/auth/principal';
import type { Database, DeliveryStatus, MessageDirection, TicketMessageRow } from '@server/db/schema';
import { conflict, HttpProblem, unprocessable } from '@server/http/problem';
import { enqueueReplyDelivery } from '@server/outbox/enqueue';
import type { PersonalDataVault } from '@server/privacy/vault';
import { publishRealtime } from '@server/realtime/publish';
import { indexTokens, unionTokens } from '@server/search/segmenter';
import type { SlaEvent } from '@server/sla/planner';
import { slaEventsOfMessage } from '@server/sla/ticket-events';
import type { SlaTracker } from '@server/sla/tracker';
import {
  CHANNELS_SAFE_FOR_PERSONAL_DATA,
  statusAfterCustomerMessage,
  type TicketStatus,
} from '@shared/tickets';
import { type Kysely, sql } from 'kysely';
import { recordTicketEvent } from './events';
import { lockTicket } from './repo';
import { assertNotMerged, statusTimestamps } from './update-ticket';

const DELIVERY_STATUS: Record<MessageDirection, DeliveryStatus> = {
  inbound: 'received',
  // Handed to the channel's outbound queue; the channel adapters report sent / delivered / failed.
  outbound: 'pending',
  note: 'internal',
};

/**
 * Adds a reply, an internal note, or a customer message taken down by an agent. A reply is the first response
 * and starts handling (new → open); a customer message reopens a resolved ticket or answers a pending question.
 */
export async function addTicketMessage(
  db: Kysely<Database>,
  options: {
    actor: Principal;
    ticketId: string;
    direction: MessageDirection;
    body: string;
    channel?: string;
    /** Files already uploaded to this ticket that this message carries. */
    attachmentIds?: string[];
    vault: PersonalDataVault;
    /** The agent saw the warning that this reply carries personal data over an unencrypted channel. */
    confirmPersonalData?: boolean;
    /** Keeps the ticket's SLA clocks in step (a reply meets the first response, a customer message starts the next). */
    sla: SlaTracker;
    /** More SLA events this message stands for (an escalation's explanation). */
    slaEvents?: (at: Date) => SlaEvent[];
  },
): Promise<TicketMessageRow & { queuedForDelivery: boolean }> {
  const { actor, vault } = options;
  const { workspaceId } = actor;
  // Masked before the transaction: sealing reads the workspace's keys, and transactions serialise on the embedded
  // engine.
  const masked = await vault.maskFields(workspaceId, { body: options.body });
  return db.transaction().execute(async (tx) => {
    const ticket = await lockTicket(tx, { workspaceId, ticketId: options.ticketId });
    assertNotMerged(ticket);
    if (ticket.status === 'closed' && options.direction !== 'note') {
      throw conflict(
        'ticket_closed',
        'This ticket is closed (已闭环); reopen it or open a new one to write to the customer',
      );
    }
    // A reply goes where the conversation is now (a merged repeat may have moved it to another platform).
    const channel = options.channel ?? (await conversationPlatform(tx, ticket)) ?? ticket.channel;
    if (
      options.direction === 'outbound' &&
      masked.spans.length > 0 &&
      !options.confirmPersonalData &&
      !CHANNELS_SAFE_FOR_PERSONAL_DATA.includes(channel)
    ) {
      throw new HttpProblem(
        409,
        'personal_data_in_reply',
        `This reply contains personal data and ${channel} is not end-to-end encrypted; confirm to send it anyway`,
        masked.spans.map((span) => ({
          path: '/body',
          code: span.kind,
          message: masked.text.body.slice(span.start, span.end),
        })),
      );
    }

    const message = await tx
      .insertInto('ticket_messages')
      .values({
        workspace_id: workspaceId,
        ticket_id: ticket.id,
        direction: options.direction,
        channel,
        author_user_id: options.direction === 'inbound' ? null : actor.userId,
        customer_id: options.direction === 'inbound' ? ticket.customer_id : null,
        body: masked.text.body,
        delivery_status: DELIVERY_STATUS[options.direction],
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
    const attachmentIds = options.attachmentIds ?? [];
    if (attachmentIds.length > 0) {
      const attached = await tx
        .updateTable('attachments')
        .set({ message_id: message.id })
        .where('workspace_id', '=', workspaceId)
        .where('ticket_id', '=', ticket.id)
        .where('id', 'in', attachmentIds)
        .where('message_id', 'is', null)
        .returning('id')
        .execute();
      if (attached.length !== new Set(attachmentIds).size) {
        throw unprocessable(
          'unknown_attachment',
          'Attach only files uploaded to this ticket and not sent yet',
          [{ path: 'body/attachmentIds', message: 'Unknown or already sent attachment' }],
        );
      }
    }
    await recordTicketEvent(tx, {
      workspaceId,
      ticketId: ticket.id,
      // Whoever wrote it down is traceable, also when it is the customer's words (a logged call).
      actorUserId: actor.userId,
      kind: 'message_added',
      data: { messageId: message.id, direction: options.direction, attachments: attachmentIds.length },
    });

    let nextStatus: TicketStatus = ticket.status;
    if (options.direction === 'inbound') nextStatus = statusAfterCustomerMessage(ticket.status);
    if (options.direction === 'outbound' && ticket.status === 'new') nextStatus = 'open';
    const statusChanged = nextStatus !== ticket.status;
    if (statusChanged) {
      await recordTicketEvent(tx, {
        workspaceId,
        ticketId: ticket.id,
        actorUserId: options.direction === 'inbound' ? null : actor.userId,
        kind: 'status_changed',
        data: {
          from: ticket.status,
          to: nextStatus,
          reason: options.direction === 'inbound' ? 'customer_replied' : 'agent_replied',
        },
      });
    }
    // The message joins the ticket's search document, and a customer or agent message is activity; a note is not.
    await tx
      .updateTable('tickets')
      .set({
        search_tokens: unionTokens(ticket.search_tokens, indexTokens(masked.text.body)),
        ...(options.direction !== 'note' ? { last_activity_at: sql<Date>`now()` } : {}),
        updated_at: sql<Date>`now()`,
        ...(options.direction === 'outbound' && !ticket.first_response_at
          ? { first_response_at: sql<Date>`now()` }
          : {}),
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
          events: [
            ...slaEventsOfMessage(options.direction, { from: ticket.status, to: nextStatus }, at),
            ...(options.slaEvents?.(at) ?? []),
          ],
        },
      ],
      { ticketsLocked: true },
    );
    // A reply on a ticket that came through a channel account is delivered there (outbox, same transaction).
    const queued =
      options.direction === 'outbound' &&
      (await enqueueReplyDelivery(tx, {
        workspaceId,
        messageId: message.id,
        conversationId: ticket.conversation_id,
      }));
    await publishRealtime(tx, workspaceId, [
      {
        kind: 'message.created',
        ticketId: ticket.id,
        messageId: message.id,
        data: { direction: options.direction },
      },
      ...(statusChanged
        ? [{ kind: 'ticket.updated' as const, ticketId: ticket.id, data: { status: nextStatus } }]
        : []),
    ]);
    return { ...message, queuedForDelivery: queued };
  });
}

async function conversationPlatform(
  tx: Kysely<Database>,
  ticket: { workspace_id: string; conversation_id: string | null },
): Promise<string | null> {
  if (!ticket.conversation_id) return null;
  const row = await tx
    .selectFrom('channel_conversations as c')
    .innerJoin('channel_accounts as a', (join) =>
      join.onRef('a.id', '=', 'c.channel_account_id').onRef('a.workspace_id', '=', 'c.workspace_id'),
    )
    .select('a.platform')
    .where('c.workspace_id', '=', ticket.workspace_id)
    .where('c.id', '=', ticket.conversation_id)
    .executeTakeFirst();
  return row?.platform ?? null;
}
