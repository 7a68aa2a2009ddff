/**
 * One group commit of inbound messages, in pipeline order: dedupe → conversation → customer → ticket → messages,
 * files, sealed spans, timeline → classify, prioritise, route → SLA clocks → realtime stream → commit.
 * Rows are written a table at a time for the whole group; locks are taken in a fixed order (receipts and
 * conversations by key, tickets by id, counters by workspace) so two processes committing groups never deadlock.
 */
import type { Database } from '@server/db/schema';
import { type SpanRow, spanRows } from '@server/privacy/vault';
import { publishRealtime, type RealtimeEvent } from '@server/realtime/publish';
import type { TicketRouter } from '@server/routing/route-tickets';
import type { SlaTracker } from '@server/sla/tracker';
import { statusAfterCustomerMessage, type TicketStatus } from '@shared/tickets';
import { type Kysely, sql } from 'kysely';
import { identityKeyOf, resolveCustomers } from './customers-step';
import { byCodeUnits } from './grouping';
import type { InboundResult } from './inbound-message';
import type { PreparedInbound } from './prepare';
import { routeGroup } from './routing-step';
import { trackServiceLevels } from './sla-step';
import { type TimelineEntry, writeThread } from './thread-write';
import { type ConversationRow, type LockedTicket, resolveTickets } from './tickets-step';

const receiptKey = (accountId: string, externalId: string) => `${accountId}\u0000${externalId}`;
const conversationKeyOf = (item: PreparedInbound) =>
  `${item.message.channelAccountId}\u0000${item.conversationKey}`;

export interface CommittedGroup {
  results: InboundResult[];
  /** Workspaces whose realtime stream grew: their feeds are poked after commit. */
  workspaces: Set<string>;
}

export async function commitInboundGroup(
  db: Kysely<Database>,
  options: {
    items: readonly PreparedInbound[];
    timeZones: ReadonlyMap<string, string>;
    router?: TicketRouter;
    sla?: SlaTracker;
  },
): Promise<CommittedGroup> {
  // The same message twice in one group (a connector retrying before its first try was answered) is stored once.
  const firstOfKey = new Map<string, PreparedInbound>();
  for (const item of options.items)
    if (!firstOfKey.has(receiptKeyOf(item))) firstOfKey.set(receiptKeyOf(item), item);
  const items = [...firstOfKey.values()];
  const answer = (results: Map<string, InboundResult>) =>
    options.items.map((item): InboundResult => {
      const result = results.get(receiptKeyOf(item)) as InboundResult;
      return firstOfKey.get(receiptKeyOf(item)) === item ? result : { ...result, status: 'duplicate' };
    });
  return db.transaction().execute(async (tx) => {
    // 1. Dedupe: the receipt row claims (channel account, external id); a redelivery finds it taken.
    const claimed = await tx
      .insertInto('inbound_receipts')
      .values(
        [...firstOfKey]
          .sort(([a], [b]) => byCodeUnits(a, b))
          .map(([, item]) => ({
            channel_account_id: item.message.channelAccountId,
            external_id: item.message.externalId,
            workspace_id: item.message.workspaceId,
            message_id: item.messageId,
          })),
      )
      .onConflict((conflict) => conflict.columns(['channel_account_id', 'external_id']).doNothing())
      .returning(['channel_account_id', 'external_id'])
      .execute();
    const claimedKeys = new Set(claimed.map((row) => receiptKey(row.channel_account_id, row.external_id)));
    const fresh = items.filter((item) => claimedKeys.has(receiptKeyOf(item)));
    // Answers by receipt key: the first answers of redelivered messages now, the new messages' below.
    const results = await earlierResults(
      tx,
      items.filter((item) => !claimedKeys.has(receiptKeyOf(item))),
    );
    if (fresh.length === 0) return { results: answer(results), workspaces: new Set<string>() };

    // 2. Conversations, locked (same-conversation groups of two processes queue here, keeping order).
    const firstByConversation = new Map<string, PreparedInbound>();
    for (const item of fresh)
      if (!firstByConversation.has(conversationKeyOf(item)))
        firstByConversation.set(conversationKeyOf(item), item);
    const conversationRows: ConversationRow[] = await tx
      .insertInto('channel_conversations')
      .values(
        [...firstByConversation.entries()]
          .sort(([a], [b]) => byCodeUnits(a, b))
          .map(([, item]) => ({
            workspace_id: item.message.workspaceId,
            channel_account_id: item.message.channelAccountId,
            external_key: item.conversationKey,
            reply_address_ciphertext: item.replyAddressCiphertext,
            ...(item.message.noAutomaticReplies ? { automatic_replies: false } : {}),
            last_inbound_at: sql<Date>`now()`,
          })),
      )
      .onConflict((conflict) =>
        // Locks the row for the rest of the transaction; the columns it sets are not indexed (a HOT update).
        conflict
          .columns(['channel_account_id', 'external_key'])
          .doUpdateSet({ last_inbound_at: sql`now()`, updated_at: sql`now()` }),
      )
      .returning(['id', 'workspace_id', 'channel_account_id', 'external_key', 'customer_id', 'ticket_id'])
      .execute();
    const conversationByKey = new Map(
      conversationRows.map((row) => [`${row.channel_account_id}\u0000${row.external_key}`, row]),
    );
    const conversationOf = (item: PreparedInbound) =>
      conversationByKey.get(conversationKeyOf(item)) as ConversationRow;

    // 3. Customers: by platform identity, created when unknown.
    const spans: SpanRow[] = [];
    const customerBefore = new Map(conversationRows.map((row) => [row.id, row.customer_id]));
    const withoutCustomer = [...firstByConversation.values()].filter(
      (item) => !conversationOf(item).customer_id,
    );
    const customers = await resolveCustomers(tx, withoutCustomer, options.timeZones, spans);
    for (const item of withoutCustomer)
      conversationOf(item).customer_id = customers.get(identityKeyOf(item)) ?? null;

    // 4. Tickets: the conversation's open one, or a new one.
    const firstItems = new Map(
      [...firstByConversation.values()].map((item) => [conversationOf(item).id, item]),
    );
    const tickets = await resolveTickets(tx, {
      conversations: conversationRows,
      firstItems,
      timeZones: options.timeZones,
      spans,
    });
    const ticketOf = (item: PreparedInbound) => tickets.get(conversationOf(item).id) as LockedTicket;

    // 5. Messages, the timeline and the tickets' search documents and status; then files and sealed spans.
    const { events, realtime, statusAfter } = ticketChanges(fresh, ticketOf);
    await writeThread(tx, { items: fresh, tickets: [...tickets.values()], ticketOf, events, statusAfter });
    await writeFilesAndSpans(tx, fresh, ticketOf, spans);

    // 6. Classify, prioritise, route (and merge duplicates, link incidents), then the SLA clocks on the result.
    const routing = options.router ? await routeGroup(tx, options.router, { items: fresh, ticketOf }) : null;
    for (const [workspaceId, routed] of routing?.realtime ?? [])
      realtime.set(workspaceId, [...(realtime.get(workspaceId) ?? []), ...routed]);
    if (options.sla) {
      const timed = [...tickets.values()].filter((ticket) => !routing?.merged.has(ticket.id));
      await trackServiceLevels(tx, options.sla, timed, statusAfter, routing?.changedColumns);
    }
    const moved = conversationRows.filter(
      // A new ticket, one the channel's threading chose, or a merge target: the conversation points at it now.
      (row) => tickets.get(row.id)?.id !== row.ticket_id || row.customer_id !== customerBefore.get(row.id),
    );
    if (moved.length > 0) {
      await sql`
        UPDATE channel_conversations AS c
        SET ticket_id = v.ticket_id, customer_id = v.customer_id, updated_at = now()
        FROM jsonb_to_recordset(${JSON.stringify(
          moved.map((row) => ({
            id: row.id,
            ticket_id: tickets.get(row.id)?.id,
            customer_id: row.customer_id,
          })),
        )}::jsonb) AS v(id uuid, ticket_id uuid, customer_id uuid)
        WHERE c.id = v.id`.execute(tx);
    }

    // 7. Realtime streams last: their counter rows stay locked only for the commit.
    const workspaces = new Set<string>();
    for (const [workspaceId, workspaceEvents] of [...realtime].sort(([a], [b]) => byCodeUnits(a, b))) {
      await publishRealtime(tx, workspaceId, workspaceEvents);
      workspaces.add(workspaceId);
    }

    for (const item of fresh) {
      const ticket = ticketOf(item);
      results.set(receiptKeyOf(item), {
        externalId: item.message.externalId,
        status: 'accepted',
        messageId: item.messageId,
        ticketId: ticket.id,
        ticketNumber: ticket.number,
      });
    }
    return { results: answer(results), workspaces };
  });
}

const receiptKeyOf = (item: PreparedInbound) =>
  receiptKey(item.message.channelAccountId, item.message.externalId);

/** What redelivered messages were answered the first time (their ticket may have been merged since). */
async function earlierResults(tx: Kysely<Database>, duplicates: readonly PreparedInbound[]) {
  const results = new Map<string, InboundResult>();
  if (duplicates.length === 0) return results;
  const rows = await tx
    .selectFrom('inbound_receipts as r')
    .innerJoin('ticket_messages as m', 'm.id', 'r.message_id')
    .innerJoin('tickets as t', 't.id', 'm.ticket_id')
    .select(['r.channel_account_id', 'r.external_id', 'r.message_id', 't.id as ticket_id', 't.number'])
    .where('r.channel_account_id', 'in', [
      ...new Set(duplicates.map((item) => item.message.channelAccountId)),
    ])
    .where('r.external_id', 'in', [...new Set(duplicates.map((item) => item.message.externalId))])
    .execute();
  const asked = new Set(duplicates.map(receiptKeyOf));
  for (const row of rows) {
    if (!asked.has(receiptKey(row.channel_account_id, row.external_id))) continue;
    results.set(receiptKey(row.channel_account_id, row.external_id), {
      externalId: row.external_id,
      status: 'duplicate',
      messageId: row.message_id,
      ticketId: row.ticket_id,
      ticketNumber: row.number,
    });
  }
  return results;
}

/** The messages' files, and every sealed span of the group (customers', tickets' and messages'). */
async function writeFilesAndSpans(
  tx: Kysely<Database>,
  items: readonly PreparedInbound[],
  ticketOf: (item: PreparedInbound) => LockedTicket,
  spans: SpanRow[],
) {
  const files = items.flatMap((item) => item.attachments.map((file) => ({ item, file })));
  if (files.length > 0) {
    await tx
      .insertInto('attachments')
      .values(
        files.map(({ item, file }) => ({
          id: file.id,
          workspace_id: item.message.workspaceId,
          ticket_id: ticketOf(item).id,
          message_id: item.messageId,
          filename: file.filename,
          content_type: file.contentType,
          size_bytes: file.sizeBytes,
          sha256: file.sha256,
          storage_key: file.storageKey,
          uploaded_by: null,
        })),
      )
      .execute();
  }
  for (const item of items) {
    const ticket = ticketOf(item);
    const owner = {
      workspaceId: item.message.workspaceId,
      ticketId: ticket.id,
      customerId: ticket.customer_id,
    };
    spans.push(...spanRows({ ...owner, ownerType: 'message', ownerId: item.messageId }, item.bodySpans));
    for (const file of item.attachments) {
      spans.push(...spanRows({ ...owner, ownerType: 'attachment', ownerId: file.id }, file.filenameSpans));
    }
  }
  if (spans.length > 0) await tx.insertInto('pii_spans').values(spans).execute();
}

/** Timeline entries and realtime events of the group, in message order, and where each ticket's status ends. */
function ticketChanges(items: readonly PreparedInbound[], ticketOf: (item: PreparedInbound) => LockedTicket) {
  const events: TimelineEntry[] = [];
  const realtime = new Map<string, RealtimeEvent[]>();
  const statusAfter = new Map<string, TicketStatus>();
  const announced = new Set<string>();
  const push = (workspaceId: string, event: RealtimeEvent) => {
    const stream = realtime.get(workspaceId);
    if (stream) stream.push(event);
    else realtime.set(workspaceId, [event]);
  };
  for (const item of items) {
    const ticket = ticketOf(item);
    const workspaceId = item.message.workspaceId;
    const entry = (kind: string, data: Record<string, unknown>) =>
      events.push({
        workspace_id: workspaceId,
        ticket_id: ticket.id,
        kind,
        data,
      });
    if (ticket.created && !announced.has(ticket.id)) {
      announced.add(ticket.id);
      entry('created', {
        channel: item.message.platform,
        priority: 'normal',
        channelAccountId: item.message.channelAccountId,
      });
      push(workspaceId, { kind: 'ticket.created', ticketId: ticket.id });
    }
    entry('message_added', {
      messageId: item.messageId,
      direction: 'inbound',
      attachments: item.attachments.length,
    });
    const before = statusAfter.get(ticket.id) ?? ticket.status;
    const after = statusAfterCustomerMessage(before);
    if (after !== before) {
      entry('status_changed', { from: before, to: after, reason: 'customer_replied' });
      push(workspaceId, { kind: 'ticket.updated', ticketId: ticket.id, data: { status: after } });
    }
    statusAfter.set(ticket.id, after);
    push(workspaceId, {
      kind: 'message.created',
      ticketId: ticket.id,
      messageId: item.messageId,
      data: { direction: 'inbound' },
    });
  }
  return { events, realtime, statusAfter };
}
