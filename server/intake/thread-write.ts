/**
 * Intake step: a group's messages, the timeline entries they make and their tickets' new search document, activity
 * and status, written in one statement. Each statement of a group commit is a round trip in which the intake's
 * event loop and PostgreSQL both have to be woken up; on the 2-core machine measured, that wait was 3–6 ms a
 * statement at 3,000 msg/s, more than the writes themselves (docs/performance.md). The three writes touch
 * different tables, so running them as one statement's data-modifying CTEs changes nothing else.
 */
import { PREPARED } from '@server/db/named-statements';
import type { Database } from '@server/db/schema';
import { unionTokens } from '@server/search/segmenter';
import type { TicketStatus } from '@shared/tickets';
import { type Kysely, sql } from 'kysely';
import type { PreparedInbound } from './prepare';
import type { LockedTicket } from './tickets-step';

export interface TimelineEntry {
  workspace_id: string;
  ticket_id: string;
  kind: string;
  data: Record<string, unknown>;
}

export async function writeThread(
  tx: Kysely<Database>,
  options: {
    items: readonly PreparedInbound[];
    tickets: readonly LockedTicket[];
    ticketOf(item: PreparedInbound): LockedTicket;
    events: readonly TimelineEntry[];
    statusAfter: ReadonlyMap<string, TicketStatus>;
  },
): Promise<void> {
  await sql`
    WITH messages AS (
      INSERT INTO ticket_messages (id, workspace_id, ticket_id, direction, channel, customer_id, body,
        delivery_status, channel_account_id, sent_at, created_at)
      SELECT m.id, m.workspace_id, m.ticket_id, 'inbound', m.channel, m.customer_id, m.body,
        'received', m.channel_account_id, m.sent_at,
        -- The thread is ordered by created_at, and the embedded engine's clock ticks in milliseconds: each message
        -- is placed after the ticket's last committed one, and after those before it in this group.
        (CASE WHEN m.after IS NULL THEN now() ELSE GREATEST(now(), m.after + interval '1 microsecond') END)
          + m.place * interval '1 microsecond'
      FROM jsonb_to_recordset(${JSON.stringify(messageRows(options))}::jsonb) AS m(id uuid, workspace_id uuid,
        ticket_id uuid, channel text, customer_id uuid, body text, channel_account_id uuid, sent_at timestamptz,
        after timestamptz, place int)
    ), timeline AS (
      INSERT INTO ticket_events (workspace_id, ticket_id, actor_user_id, kind, data)
      SELECT e.workspace_id, e.ticket_id, NULL, e.kind, e.data
      FROM ROWS FROM (
        jsonb_to_recordset(${JSON.stringify(options.events)}::jsonb)
          AS (workspace_id uuid, ticket_id uuid, kind text, data jsonb)
      ) WITH ORDINALITY AS e(workspace_id, ticket_id, kind, data, position)
      -- Timeline entries are read in id order: ids are given out in the group's message order.
      ORDER BY e.position
    )
    UPDATE tickets AS t SET
      search_tokens = v.search_tokens,
      order_numbers = v.order_numbers,
      status = v.status,
      version = t.version + (CASE WHEN v.status_changed THEN 1 ELSE 0 END),
      resolved_at = CASE WHEN v.status_changed THEN NULL ELSE t.resolved_at END,
      last_activity_at = now(),
      updated_at = now()
    FROM jsonb_to_recordset(${JSON.stringify(ticketRows(options))}::jsonb)
      AS v(id uuid, workspace_id uuid, search_tokens text, order_numbers text[], status text, status_changed boolean)
    WHERE t.workspace_id = v.workspace_id AND t.id = v.id ${PREPARED}`.execute(tx);
}

function messageRows(options: {
  items: readonly PreparedInbound[];
  ticketOf(item: PreparedInbound): LockedTicket;
}) {
  const placeInTicket = new Map<string, number>();
  return options.items.map((item) => {
    const ticket = options.ticketOf(item);
    const place = placeInTicket.get(ticket.id) ?? 0;
    placeInTicket.set(ticket.id, place + 1);
    return {
      id: item.messageId,
      workspace_id: item.message.workspaceId,
      ticket_id: ticket.id,
      channel: item.message.platform,
      customer_id: ticket.customer_id,
      body: item.body,
      channel_account_id: item.message.channelAccountId,
      sent_at: item.message.sentAt?.toISOString() ?? null,
      after: ticket.lastMessageAt,
      place,
    };
  });
}

/** Each ticket of the group once: search document, order numbers and status after its messages. */
function ticketRows(options: {
  items: readonly PreparedInbound[];
  tickets: readonly LockedTicket[];
  ticketOf(item: PreparedInbound): LockedTicket;
  statusAfter: ReadonlyMap<string, TicketStatus>;
}) {
  const changes = new Map<string, { ticket: LockedTicket; tokens: string[]; orders: Set<string> }>();
  for (const ticket of options.tickets) {
    changes.set(ticket.id, { ticket, tokens: [], orders: new Set(ticket.order_numbers) });
  }
  for (const item of options.items) {
    const change = changes.get(options.ticketOf(item).id);
    if (!change) continue;
    change.tokens.push(...item.tokens);
    for (const order of item.orderNumbers) change.orders.add(order);
  }
  return [...changes.values()].map(({ ticket, tokens, orders }) => {
    const status = options.statusAfter.get(ticket.id) ?? ticket.status;
    return {
      id: ticket.id,
      workspace_id: ticket.workspace_id,
      search_tokens: unionTokens(ticket.search_tokens, tokens),
      order_numbers: [...orders].slice(0, 20),
      status,
      status_changed: status !== ticket.status,
    };
  });
}
