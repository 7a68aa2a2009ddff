import type { Principal } from '@server/auth/principal';
import { mergeCustomers } from '@server/customers/service';
import type { Database } from '@server/db/schema';
import { conflict, notFound, unprocessable } from '@server/http/problem';
import { publishRealtime, type RealtimeEvent } from '@server/realtime/publish';
import { unionTokens } from '@server/search/segmenter';
import type { SlaTracker } from '@server/sla/tracker';
import { hasLiveChat, settleMergedChats } from '@server/web-chat/chat-sessions';
import { type Kysely, sql } from 'kysely';
import { recordTicketEvent } from './events';
import { loadTicket, type TicketWithRefs } from './repo';

/** Why tickets were merged without a person: the duplicate check's score and evidence, shown on both timelines. */
export interface MergeReason {
  kind: 'duplicate';
  score: number;
  /** `same_customer`, `same_order:<number>`. */
  reasons: string[];
}

/**
 * The same request through several channels becomes one ticket (seed 000: not answered twice). Messages and
 * timeline entries of the sources move to the target; each source closes and points to the target; if the
 * sources belong to another customer record, that record is merged into the target's (its identities move).
 */
export async function mergeTickets(
  db: Kysely<Database>,
  options: {
    actor: Principal;
    ip: string | null;
    targetTicketId: string;
    sourceTicketIds: string[];
    sla: SlaTracker;
  },
): Promise<TicketWithRefs> {
  const { actor } = options;
  const { workspaceId } = actor;
  await db.transaction().execute(async (tx) => {
    const realtime = await mergeTicketsInTransaction(tx, {
      workspaceId,
      actorUserId: actor.userId,
      targetTicketId: options.targetTicketId,
      sourceTicketIds: options.sourceTicketIds,
      sla: options.sla,
      customersMergedBy: { actor, ip: options.ip },
    });
    await publishRealtime(tx, workspaceId, realtime);
  });
  return (await loadTicket(db, { workspaceId, ticketId: options.targetTicketId })) as TicketWithRefs;
}

/**
 * The merge itself, inside the caller's transaction (a person's merge, or intake's duplicate check with no actor).
 * Returns the realtime events to publish: the caller publishes them last, so the stream's counter row stays locked
 * only for the commit.
 */
export async function mergeTicketsInTransaction(
  tx: Kysely<Database>,
  options: {
    workspaceId: string;
    /** Null: merged automatically (a duplicate across channels). */
    actorUserId: string | null;
    targetTicketId: string;
    sourceTicketIds: string[];
    sla: SlaTracker;
    reason?: MergeReason;
    /**
     * A person's merge also merges the sources' other customer records into the target's, audited as them. An
     * automatic merge leaves customer records apart: two records sharing an order number may be two people
     * (buyer and recipient), and only a person should join identities.
     */
    customersMergedBy?: { actor: Principal; ip: string | null };
    /**
     * The target's replies go where the customer writes now: the conversation of the newest source that has one
     * (a duplicate arriving through another channel). A person's merge keeps the target's own conversation.
     */
    replyInSourceConversation?: boolean;
  },
): Promise<RealtimeEvent[]> {
  const { workspaceId, actorUserId } = options;
  const sourceIds = [...new Set(options.sourceTicketIds)];
  if (sourceIds.includes(options.targetTicketId)) {
    throw unprocessable('merge_into_itself', 'A ticket cannot be merged into itself', [
      { path: 'body/sourceTicketIds', message: 'Remove the target ticket' },
    ]);
  }
  const allIds = [options.targetTicketId, ...sourceIds];
  // Lock in id order so that two opposite merges cannot deadlock.
  const rows = await tx
    .selectFrom('tickets')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', allIds)
    .orderBy('id')
    .forUpdate()
    .execute();
  const target = rows.find((row) => row.id === options.targetTicketId);
  const sources = rows.filter((row) => row.id !== options.targetTicketId);
  if (!target || sources.length !== sourceIds.length) throw notFound('Ticket');
  if (rows.some((row) => row.merged_into_id))
    throw conflict('ticket_merged', 'One of these tickets was already merged');

  let customerId = target.customer_id;
  for (const source of sources) {
    const mergedBy = options.customersMergedBy;
    if (mergedBy && source.customer_id && customerId && source.customer_id !== customerId) {
      const stillSeparate = await tx
        .selectFrom('customers')
        .select('merged_into_id')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', source.customer_id)
        .executeTakeFirst();
      if (!stillSeparate?.merged_into_id) {
        await mergeCustomers(tx, {
          actor: mergedBy.actor,
          ip: mergedBy.ip,
          targetCustomerId: customerId,
          sourceCustomerId: source.customer_id,
        });
      }
    }
    customerId ??= source.customer_id;
  }

  await tx
    .updateTable('ticket_messages')
    .set({ ticket_id: target.id })
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', 'in', sourceIds)
    .execute();
  // Files travel with their messages (the thread lists a ticket's files by ticket).
  await tx
    .updateTable('attachments')
    .set({ ticket_id: target.id })
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', 'in', sourceIds)
    .execute();
  // The sealed originals of moved messages and files follow them, so a reveal names the ticket they are on now.
  await tx
    .updateTable('pii_spans')
    .set({ ticket_id: target.id })
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', 'in', sourceIds)
    .where('owner_type', 'in', ['message', 'attachment'])
    .execute();
  await tx
    .updateTable('ticket_events')
    .set({
      ticket_id: target.id,
      // A moved entry keeps saying which ticket it happened on.
      data: sql`data || jsonb_build_object('fromTicketNumber', (SELECT number FROM tickets t
        WHERE t.id = ticket_events.ticket_id AND t.workspace_id = ticket_events.workspace_id))`,
    })
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', 'in', sourceIds)
    .execute();
  // A suggestion to merge these very tickets has been answered.
  await tx
    .updateTable('merge_suggestions')
    .set({ status: 'merged', decided_at: sql<Date>`now()`, decided_by: actorUserId })
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'open')
    .where('ticket_id', 'in', allIds)
    .where('candidate_id', 'in', allIds)
    .execute();
  const why = options.reason ? { reason: options.reason } : {};
  // A live chat in progress keeps its conversation (the customer is typing there); otherwise the target replies
  // where the customer writes now when asked to, or when it has no conversation of its own.
  const targetChatIsLive = await hasLiveChat(tx, workspaceId, target.id);
  const newestConversation =
    !targetChatIsLive && (options.replyInSourceConversation || !target.conversation_id)
      ? sources
          .filter((source) => source.conversation_id)
          .sort((a, b) => b.created_at.getTime() - a.created_at.getTime())[0]?.conversation_id
      : undefined;
  for (const source of sources) {
    await tx
      .updateTable('tickets')
      .set({
        merged_into_id: target.id,
        status: 'closed',
        closed_at: sql<Date>`now()`,
        version: source.version + 1,
        updated_at: sql<Date>`now()`,
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', source.id)
      .execute();
    await recordTicketEvent(tx, {
      workspaceId,
      ticketId: source.id,
      actorUserId,
      kind: 'merged_into',
      data: { ticketId: target.id, number: target.number, ...why },
    });
    await recordTicketEvent(tx, {
      workspaceId,
      ticketId: target.id,
      actorUserId,
      kind: 'merged_from',
      data: { ticketId: source.id, number: source.number, channel: source.channel, ...why },
    });
  }
  // A web chat merged away goes on in the target when the target took over its conversation, else it ends.
  const chatEvents = await settleMergedChats(tx, workspaceId, {
    targetId: target.id,
    sourceIds: sources.map((source) => source.id),
    targetConversationId: newestConversation ?? target.conversation_id,
    targetHasChat: targetChatIsLive,
  });
  await tx
    .updateTable('tickets')
    .set({
      customer_id: customerId,
      order_numbers: [...new Set([target.order_numbers, ...sources.map((s) => s.order_numbers)].flat())],
      tags: [...new Set([target.tags, ...sources.map((s) => s.tags)].flat())],
      search_tokens: sources.reduce(
        (tokens, source) => unionTokens(tokens, source.search_tokens.split(' ').filter(Boolean)),
        target.search_tokens,
      ),
      received_at: new Date(
        Math.min(target.received_at.getTime(), ...sources.map((s) => s.received_at.getTime())),
      ),
      ...(newestConversation ? { conversation_id: newestConversation } : {}),
      last_activity_at: sql<Date>`now()`,
      version: target.version + 1,
      updated_at: sql<Date>`now()`,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', target.id)
    .execute();
  const at = options.sla.now();
  await options.sla.track(
    tx,
    workspaceId,
    [
      { ticketId: target.id, events: [{ kind: 'fields_changed', at, fields: ['customer', 'tags'] }] },
      ...sources.map((source) => ({ ticketId: source.id, events: [{ kind: 'merged_away' as const }] })),
    ],
    { ticketsLocked: true },
  );
  return [
    ...[target, ...sources].map((ticket) => ({
      kind: 'ticket.updated' as const,
      ticketId: ticket.id,
      data: { merged: true },
    })),
    ...chatEvents,
  ];
}
