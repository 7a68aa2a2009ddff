/**
 * Intake step: the ticket each message joins. A conversation's open ticket (followed through merges) takes its
 * messages; a conversation without one, or whose ticket is closed (已闭环), opens a new numbered ticket.
 */
import { PREPARED } from '@server/db/named-statements';
import type { Database, TicketRow } from '@server/db/schema';
import { type SpanRow, spanRows } from '@server/privacy/vault';
import { ticketSearchTokens } from '@server/tickets/create-ticket';
import { allocateDailySerial, formatDailyNumber } from '@server/tickets/numbering';
import { type Kysely, sql } from 'kysely';
import { byWorkspace } from './grouping';
import type { PreparedInbound } from './prepare';

export type LockedTicket = Pick<
  TicketRow,
  'id' | 'workspace_id' | 'number' | 'status' | 'search_tokens' | 'order_numbers' | 'customer_id'
> & {
  created: boolean;
  /** The newest message's created_at as PostgreSQL text (microseconds; a JS Date would round to milliseconds). */
  lastMessageAt: string | null;
};

export interface ConversationRow {
  id: string;
  workspace_id: string;
  channel_account_id: string;
  external_key: string;
  customer_id: string | null;
  ticket_id: string | null;
}

const TICKET_COLUMNS = [
  'id',
  'workspace_id',
  'number',
  'status',
  'search_tokens',
  'order_numbers',
  'customer_id',
  'merged_into_id',
] as const;

/** Merges into a ticket that was itself merged are followed this far; a longer chain opens a new ticket. */
const MAX_MERGE_HOPS = 5;

async function lockTickets(tx: Kysely<Database>, ids: { workspaceId: string; id: string }[]) {
  if (ids.length === 0) return [];
  // Ids are unique across workspaces; the workspace filter keeps the tenancy rule, the pairing is checked below.
  const rows = await tx
    .selectFrom('tickets as t')
    .select(TICKET_COLUMNS.map((column) => `t.${column}` as const))
    .select((eb) =>
      eb
        .selectFrom('ticket_messages as m')
        .select(sql<string>`max(m.created_at)::text`.as('last'))
        .whereRef('m.workspace_id', '=', 't.workspace_id')
        .whereRef('m.ticket_id', '=', 't.id')
        .as('last_message_at'),
    )
    // Arrays rather than IN lists: one statement text whatever the group's size, prepared once on PostgreSQL.
    .where('t.workspace_id', '=', sql<string>`ANY(${[...new Set(ids.map((t) => t.workspaceId))]}::uuid[])`)
    .where('t.id', '=', sql<string>`ANY(${[...new Set(ids.map((t) => t.id))]}::uuid[])`)
    .orderBy('t.id')
    .forUpdate('t')
    .modifyEnd(PREPARED)
    .execute();
  const wanted = new Set(ids.map((t) => `${t.workspaceId}/${t.id}`));
  return rows.filter((row) => wanted.has(`${row.workspace_id}/${row.id}`));
}

/**
 * Locks the tickets and, through any chain of merges (up to MAX_MERGE_HOPS), the tickets they were merged into;
 * returns where an id ends up: the last ticket of its chain, or undefined past the limit or when it is missing.
 */
async function lockFollowingMerges(tx: Kysely<Database>, ids: { workspaceId: string; id: string }[]) {
  const locked = await lockTickets(tx, ids);
  for (let hops = 0; hops < MAX_MERGE_HOPS; hops++) {
    const have = new Set(locked.map((t) => t.id));
    const next = locked.filter((t) => t.merged_into_id && !have.has(t.merged_into_id));
    if (next.length === 0) break;
    locked.push(
      ...(await lockTickets(
        tx,
        next.map((t) => ({ workspaceId: t.workspace_id, id: t.merged_into_id as string })),
      )),
    );
  }
  const byId = new Map(locked.map((t) => [t.id, t]));
  return (id: string) => {
    let ticket = byId.get(id);
    for (let hops = 0; ticket?.merged_into_id && hops < MAX_MERGE_HOPS; hops++) {
      ticket = byId.get(ticket.merged_into_id);
    }
    return ticket && !ticket.merged_into_id ? ticket : undefined;
  };
}

/**
 * Conversations the channel's own threading places on a ticket (an e-mail reply from a new address, or naming the
 * ticket number): the named ticket, followed through merges, takes them while it is open. Returns the rest.
 */
async function joinHintedTickets(
  tx: Kysely<Database>,
  conversations: ConversationRow[],
  firstItems: ReadonlyMap<string, PreparedInbound>,
  tickets: Map<string, LockedTicket>,
): Promise<ConversationRow[]> {
  const hinted = conversations.filter((c) => firstItems.get(c.id)?.message.ticketHint);
  if (hinted.length === 0) return conversations;
  const hintOf = (c: ConversationRow) => firstItems.get(c.id)?.message.ticketHint as string;
  const followMerge = await lockFollowingMerges(
    tx,
    hinted.map((c) => ({ workspaceId: c.workspace_id, id: hintOf(c) })),
  );
  const rest: ConversationRow[] = [];
  for (const conversation of conversations) {
    const ticket = firstItems.get(conversation.id)?.message.ticketHint
      ? followMerge(hintOf(conversation))
      : undefined;
    if (ticket && ticket.status !== 'closed' && ticket.workspace_id === conversation.workspace_id) {
      tickets.set(conversation.id, { ...ticket, created: false, lastMessageAt: ticket.last_message_at });
    } else rest.push(conversation);
  }
  return rest;
}

/** The ticket per conversation id: existing open ones locked, new ones created for the rest. */
export async function resolveTickets(
  tx: Kysely<Database>,
  options: {
    conversations: readonly ConversationRow[];
    /** The first message of each conversation in this group: what a new ticket is made of. */
    firstItems: ReadonlyMap<string, PreparedInbound>;
    timeZones: ReadonlyMap<string, string>;
    spans: SpanRow[];
  },
): Promise<Map<string, LockedTicket>> {
  const tickets = new Map<string, LockedTicket>();
  const current = options.conversations.filter((c) => c.ticket_id);
  // A merged ticket's conversation continues in the ticket it was merged into, through any chain of merges.
  const followMerge = await lockFollowingMerges(
    tx,
    current.map((c) => ({ workspaceId: c.workspace_id, id: c.ticket_id as string })),
  );
  const withoutTicket: ConversationRow[] = [];
  for (const conversation of options.conversations) {
    const ticket = conversation.ticket_id ? followMerge(conversation.ticket_id) : undefined;
    if (ticket && ticket.status !== 'closed') {
      tickets.set(conversation.id, { ...ticket, created: false, lastMessageAt: ticket.last_message_at });
    } else withoutTicket.push(conversation);
  }
  const needNew = await joinHintedTickets(tx, withoutTicket, options.firstItems, tickets);

  for (const [workspaceId, conversations] of byWorkspace(needNew, (c) => c.workspace_id)) {
    const { day, serial: first } = await allocateDailySerial(tx, {
      workspaceId,
      scope: 'ticket',
      timeZone: options.timeZones.get(workspaceId) ?? 'Asia/Shanghai',
      at: new Date(),
      count: conversations.length,
    });
    const values = conversations.map((conversation, index) => {
      const item = options.firstItems.get(conversation.id) as PreparedInbound;
      const receivedAt = item.message.sentAt ?? new Date();
      return {
        workspace_id: workspaceId,
        number: formatDailyNumber(day, first + index),
        subject: item.subject,
        description: '',
        channel: item.message.platform,
        customer_id: conversation.customer_id ?? null,
        custom_fields: '{}',
        order_numbers: item.orderNumbers,
        product_model: item.productModel,
        search_tokens: ticketSearchTokens({
          subject: item.subject,
          description: '',
          productModel: item.productModel,
        }),
        received_at: receivedAt,
        last_activity_at: receivedAt,
        created_by: null,
        conversation_id: conversation.id,
      };
    });
    const rows = await tx.insertInto('tickets').values(values).returning(TICKET_COLUMNS).execute();
    rows.forEach((row, index) => {
      const conversation = conversations[index] as ConversationRow;
      tickets.set(conversation.id, { ...row, created: true, lastMessageAt: null });
      const item = options.firstItems.get(conversation.id) as PreparedInbound;
      options.spans.push(
        ...spanRows(
          {
            workspaceId,
            ownerType: 'ticket',
            ownerId: row.id,
            ticketId: row.id,
            customerId: row.customer_id,
          },
          item.subjectSpans,
        ),
      );
    });
  }
  return tickets;
}
