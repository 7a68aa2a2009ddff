/**
 * Stores one message on a ticket its caller has locked, with everything a message sets going: its personal data
 * spans and attachments, the timeline, the status a customer message or first reply moves the ticket to, the search
 * document, the SLA clocks, the outbox for a reply and the agents' screens. The callers decide beforehand whether the
 * message may be written at all (a closed or merged ticket, personal data in a reply).
 */
import type { Principal } from '@server/auth/principal';
import type {
  Database,
  DeliveryStatus,
  MessageDirection,
  SealedTemplate,
  TicketMessageRow,
  TicketRow,
} from '@server/db/schema';
import { unprocessable } from '@server/http/problem';
import { enqueueReplyDelivery } from '@server/outbox/enqueue';
import type { MaskedFields, PersonalDataVault } from '@server/privacy/vault';
import { publishRealtime } from '@server/realtime/publish';
import { indexTokens, unionTokens } from '@server/search/segmenter';
import type { SlaEvent } from '@server/sla/planner';
import { slaEventsOfMessage } from '@server/sla/ticket-events';
import type { SlaTracker } from '@server/sla/tracker';
import { statusAfterCustomerMessage, type TicketStatus } from '@shared/tickets';
import { type Kysely, sql } from 'kysely';
import { recordTicketEvent } from './events';
import { statusTimestamps } from './update-ticket';

const DELIVERY_STATUS: Record<MessageDirection, DeliveryStatus> = {
  inbound: 'received',
  // Handed to the channel's outbound queue; the channel adapters report sent / delivered / failed.
  outbound: 'pending',
  note: 'internal',
};

/**
 * Who wrote the message down: an agent (a reply, a note, or the customer's words from a call), or the customer
 * themselves with nobody logged in, which can only be a customer message.
 */
export type MessageAuthorship =
  | { author: Principal; direction: MessageDirection }
  | { author: 'customer'; direction: 'inbound' };

export type StoreTicketMessageOptions = MessageAuthorship & {
  /** Locked by the caller, in the transaction `tx` belongs to. */
  ticket: TicketRow;
  channel: string;
  /** The body, masked before the transaction: sealing reads the workspace's keys. */
  masked: MaskedFields<'body'>;
  /** Files already uploaded to this ticket that this message carries. */
  attachmentIds?: string[];
  /** Where a customer's own message came from, kept on its timeline entry. */
  via?: string;
  vault: PersonalDataVault;
  sla: SlaTracker;
  /** More SLA events this message stands for (an escalation's explanation). */
  slaEvents?: (at: Date) => SlaEvent[];
  /** A reply sent as this approved template (WhatsApp outside its window); the body is its rendering. */
  template?: SealedTemplate | null;
};

/** Stores a message on a locked ticket; `queuedForDelivery` says whether a reply went to its channel's outbox. */
export async function storeTicketMessage(
  tx: Kysely<Database>,
  options: StoreTicketMessageOptions,
): Promise<TicketMessageRow & { queuedForDelivery: boolean }> {
  const { ticket, direction, masked, vault } = options;
  const workspaceId = ticket.workspace_id;
  const agentId = options.author === 'customer' ? null : options.author.userId;

  const message = await tx
    .insertInto('ticket_messages')
    .values({
      workspace_id: workspaceId,
      ticket_id: ticket.id,
      direction,
      channel: options.channel,
      author_user_id: direction === 'inbound' ? null : agentId,
      customer_id: direction === 'inbound' ? ticket.customer_id : null,
      body: masked.text.body,
      delivery_status: DELIVERY_STATUS[direction],
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
    actorUserId: agentId,
    kind: 'message_added',
    data: {
      messageId: message.id,
      direction,
      attachments: attachmentIds.length,
      ...(options.via ? { via: options.via } : {}),
    },
  });

  let nextStatus: TicketStatus = ticket.status;
  if (direction === 'inbound') nextStatus = statusAfterCustomerMessage(ticket.status);
  if (direction === 'outbound' && ticket.status === 'new') nextStatus = 'open';
  const statusChanged = nextStatus !== ticket.status;
  if (statusChanged) {
    await recordTicketEvent(tx, {
      workspaceId,
      ticketId: ticket.id,
      actorUserId: direction === 'inbound' ? null : agentId,
      kind: 'status_changed',
      data: {
        from: ticket.status,
        to: nextStatus,
        reason: direction === 'inbound' ? 'customer_replied' : 'agent_replied',
      },
    });
  }
  // The message joins the ticket's search document, and a customer or agent message is activity; a note is not.
  await tx
    .updateTable('tickets')
    .set({
      search_tokens: unionTokens(ticket.search_tokens, indexTokens(masked.text.body)),
      ...(direction !== 'note' ? { last_activity_at: sql<Date>`now()` } : {}),
      updated_at: sql<Date>`now()`,
      ...(direction === 'outbound' && !ticket.first_response_at
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
          ...slaEventsOfMessage(direction, { from: ticket.status, to: nextStatus }, at),
          ...(options.slaEvents?.(at) ?? []),
        ],
      },
    ],
    { ticketsLocked: true },
  );
  // A reply on a ticket that came through a channel account is delivered there (outbox, same transaction).
  const queued =
    direction === 'outbound' &&
    (await enqueueReplyDelivery(tx, {
      workspaceId,
      messageId: message.id,
      conversationId: ticket.conversation_id,
      template: options.template ?? null,
    }));
  await publishRealtime(tx, workspaceId, [
    { kind: 'message.created', ticketId: ticket.id, messageId: message.id, data: { direction } },
    ...(statusChanged
      ? [{ kind: 'ticket.updated' as const, ticketId: ticket.id, data: { status: nextStatus } }]
      : []),
  ]);
  return { ...message, queuedForDelivery: queued };
}
