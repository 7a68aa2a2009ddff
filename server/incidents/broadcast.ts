/**
 * One outbound message per ticket of an incident (the holding reply, the resolution), each exactly once: the
 * incident_tickets row is claimed with a conditional UPDATE before anything is written, so a second or concurrent
 * broadcast finds nothing left to send. Rows are written a table at a time however many tickets there are.
 */
import type { Principal } from '@server/auth/principal';
import type { Database } from '@server/db/schema';
import { conflict, notFound, unprocessable } from '@server/http/problem';
import { enqueueReplyDelivery } from '@server/outbox/enqueue';
import type { PersonalDataVault } from '@server/privacy/vault';
import { publishRealtime, type RealtimeEvent } from '@server/realtime/publish';
import { indexTokens, unionTokens } from '@server/search/segmenter';
import { slaEventsOfMessage } from '@server/sla/ticket-events';
import type { SlaTracker } from '@server/sla/tracker';
import type { TicketStatus } from '@shared/tickets';
import { type Kysely, sql, type UpdateObject } from 'kysely';

export type BroadcastKind = 'holding' | 'resolution';

const CLAIM_COLUMN = { holding: 'holding_message_id', resolution: 'resolution_message_id' } as const;
/** Rows per INSERT: well inside the protocol's parameter limit. */
const CHUNK = 500;

/**
 * A message to many customers at once carries nobody's personal data; the masks would otherwise have to be
 * sealed again for every ticket.
 */
export function assertNoPersonalData(
  spans: readonly { start: number; end: number }[],
  text: string,
  path: string,
) {
  if (spans.length === 0) return;
  throw unprocessable(
    'personal_data_in_broadcast',
    'A message to every customer of an incident must not contain personal data',
    spans.map((span) => ({ path, message: text.slice(span.start, span.end) })),
  );
}

/**
 * Locks, in id order, the incident's tickets that can still get this message (linked, not closed, not merged, not
 * sent yet). Ticket locks come before the incident's own, the order intake takes them in.
 */
export async function lockBroadcastTickets(
  tx: Kysely<Database>,
  options: { workspaceId: string; incidentId: string; kind: BroadcastKind },
): Promise<string[]> {
  const rows = await tx
    .selectFrom('incident_tickets as it')
    .innerJoin('tickets as t', (join) =>
      join.onRef('t.id', '=', 'it.ticket_id').onRef('t.workspace_id', '=', 'it.workspace_id'),
    )
    .select('t.id')
    .where('it.workspace_id', '=', options.workspaceId)
    .where('it.incident_id', '=', options.incidentId)
    .where(`it.${CLAIM_COLUMN[options.kind]}`, 'is', null)
    .where('t.status', '!=', 'closed')
    .where('t.merged_into_id', 'is', null)
    .orderBy('t.id')
    .forUpdate('t')
    .execute();
  return rows.map((row) => row.id);
}

const BODY_FIELD = { holding: 'body', resolution: 'resolution' } as const;

/** What each broadcast changes on the incident: the holding reply later tickets get, or its resolution. */
function incidentChange(
  kind: BroadcastKind,
  body: string,
  userId: string,
): UpdateObject<Database, 'incidents'> {
  return kind === 'holding'
    ? { holding_reply: body, holding_reply_at: sql<Date>`now()` }
    : { status: 'resolved', resolution: body, resolved_at: sql<Date>`now()`, resolved_by: userId };
}

/**
 * A person's message to every ticket of an open incident, each exactly once however often or concurrently it is
 * posted: the holding reply (我们正在紧急处理…; posting again changes the text tickets linking later get at intake),
 * or the resolution, which also resolves the incident (no ticket links to it any more; the tickets stay with their
 * agents). Closed and merged tickets get nothing.
 *
 * The tickets are locked before the incident, the order intake takes them in; the incident lock then waits for
 * transactions linking tickets right now (they hold it FOR SHARE), and a second look locks the tickets they linked.
 * The realtime events are published last, after every row lock, as intake does.
 */
export async function broadcastIncidentMessage(
  db: Kysely<Database>,
  options: {
    actor: Principal;
    incidentId: string;
    kind: BroadcastKind;
    text: string;
    vault: PersonalDataVault;
    sla: SlaTracker;
  },
): Promise<{ sent: number; queued: boolean }> {
  const { workspaceId, userId } = options.actor;
  // Masked before the transaction: sealing reads the workspace's keys, and transactions serialise on the embedded
  // engine.
  const masked = await options.vault.maskFields(workspaceId, { text: options.text });
  assertNoPersonalData(masked.spans, masked.text.text, `body/${BODY_FIELD[options.kind]}`);
  const body = masked.text.text;
  const target = { workspaceId, incidentId: options.incidentId, kind: options.kind };
  return db.transaction().execute(async (tx) => {
    await lockBroadcastTickets(tx, target);
    const incident = await tx
      .selectFrom('incidents')
      .select('status')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', options.incidentId)
      .forUpdate()
      .executeTakeFirst();
    if (!incident) throw notFound('Incident');
    if (incident.status !== 'open') throw conflict('incident_resolved', 'This incident is resolved already');
    await tx
      .updateTable('incidents')
      .set(incidentChange(options.kind, body, userId))
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', options.incidentId)
      .execute();
    const written = await writeIncidentMessages(tx, {
      ...target,
      body,
      authorUserId: userId,
      ticketIds: await lockBroadcastTickets(tx, target),
      sla: options.sla,
    });
    await publishRealtime(tx, workspaceId, written.realtime);
    return { sent: written.sent, queued: written.queued };
  });
}

interface Claimed {
  ticket_id: string;
  message_id: string;
  status: TicketStatus;
  channel: string;
  conversation_id: string | null;
  search_tokens: string;
}

/**
 * Writes the message to those of `ticketIds` (locked by the caller) that have not had it: claims, messages,
 * timeline, ticket updates (a first reply opens a new ticket and is its first response), outbox, SLA clocks.
 * `sla` null: the caller tracks these tickets after (a new ticket's `created` reads its first response).
 * Returns how many were sent and the realtime events for the caller to publish last.
 */
export async function writeIncidentMessages(
  tx: Kysely<Database>,
  options: {
    workspaceId: string;
    incidentId: string;
    kind: BroadcastKind;
    /** Already masked, and free of personal data. */
    body: string;
    /** Null: written automatically (the holding reply for a ticket linked later). */
    authorUserId: string | null;
    ticketIds: readonly string[];
    sla: SlaTracker | null;
  },
): Promise<{ sent: number; queued: boolean; realtime: RealtimeEvent[] }> {
  const { workspaceId } = options;
  if (options.ticketIds.length === 0) return { sent: 0, queued: false, realtime: [] };
  const column = sql.ref(`it.${CLAIM_COLUMN[options.kind]}`);
  const claimed = await sql<Claimed>`
    UPDATE incident_tickets AS it SET ${sql.ref(CLAIM_COLUMN[options.kind])} = gen_random_uuid()
    FROM tickets AS t
    WHERE it.workspace_id = ${workspaceId} AND it.incident_id = ${options.incidentId}
      AND it.ticket_id = ANY(${[...options.ticketIds]}::uuid[]) AND ${column} IS NULL
      AND t.workspace_id = it.workspace_id AND t.id = it.ticket_id
      AND t.status <> 'closed' AND t.merged_into_id IS NULL
    RETURNING it.ticket_id, ${column} AS message_id, t.status, t.channel, t.conversation_id, t.search_tokens`.execute(
    tx,
  );
  const tickets = [...claimed.rows].sort((a, b) => a.ticket_id.localeCompare(b.ticket_id));
  if (tickets.length === 0) return { sent: 0, queued: false, realtime: [] };
  const statusAfter = (ticket: Claimed): TicketStatus => (ticket.status === 'new' ? 'open' : ticket.status);

  for (let start = 0; start < tickets.length; start += CHUNK) {
    await tx
      .insertInto('ticket_messages')
      .values(
        tickets.slice(start, start + CHUNK).map((ticket) => ({
          id: ticket.message_id,
          workspace_id: workspaceId,
          ticket_id: ticket.ticket_id,
          direction: 'outbound' as const,
          channel: ticket.channel,
          author_user_id: options.authorUserId,
          customer_id: null,
          body: options.body,
          delivery_status: 'pending' as const,
          // After the ticket's last message, also one written earlier in this transaction (same now()).
          created_at: sql<Date>`GREATEST(now(), (SELECT max(m.created_at) + interval '1 microsecond'
            FROM ticket_messages m WHERE m.workspace_id = ${workspaceId} AND m.ticket_id = ${ticket.ticket_id}))`,
        })),
      )
      .execute();
  }

  const events = tickets.flatMap((ticket) => {
    const entry = (kind: string, data: Record<string, unknown>) => ({
      workspace_id: workspaceId,
      ticket_id: ticket.ticket_id,
      actor_user_id: options.authorUserId,
      kind,
      data: JSON.stringify(data),
    });
    const next = statusAfter(ticket);
    return [
      entry('message_added', {
        messageId: ticket.message_id,
        direction: 'outbound',
        attachments: 0,
        incident: { id: options.incidentId, message: options.kind },
      }),
      ...(next !== ticket.status
        ? [entry('status_changed', { from: ticket.status, to: next, reason: 'agent_replied' })]
        : []),
    ];
  });
  for (let start = 0; start < events.length; start += CHUNK)
    await tx
      .insertInto('ticket_events')
      .values(events.slice(start, start + CHUNK))
      .execute();

  const bodyTokens = indexTokens(options.body);
  const updates = tickets.map((ticket) => ({
    id: ticket.ticket_id,
    search_tokens: unionTokens(ticket.search_tokens, bodyTokens),
    status: statusAfter(ticket),
    status_changed: statusAfter(ticket) !== ticket.status,
  }));
  await sql`
    UPDATE tickets AS t SET
      search_tokens = v.search_tokens,
      status = v.status,
      version = t.version + (CASE WHEN v.status_changed THEN 1 ELSE 0 END),
      first_response_at = COALESCE(t.first_response_at, now()),
      last_activity_at = now(),
      updated_at = now()
    FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb)
      AS v(id uuid, search_tokens text, status text, status_changed boolean)
    WHERE t.workspace_id = ${workspaceId} AND t.id = v.id`.execute(tx);

  // Each reply goes out through its own conversation's channel account (outbox, same transaction).
  let queued = false;
  for (const ticket of tickets) {
    if (!ticket.conversation_id) continue;
    const enqueued = await enqueueReplyDelivery(tx, {
      workspaceId,
      messageId: ticket.message_id,
      conversationId: ticket.conversation_id,
    });
    queued ||= enqueued;
  }

  if (options.sla) {
    const at = options.sla.now();
    await options.sla.track(
      tx,
      workspaceId,
      tickets.map((ticket) => ({
        ticketId: ticket.ticket_id,
        events: slaEventsOfMessage('outbound', { from: ticket.status, to: statusAfter(ticket) }, at),
      })),
      { ticketsLocked: true },
    );
  }

  const realtime: RealtimeEvent[] = tickets.flatMap((ticket): RealtimeEvent[] => [
    {
      kind: 'message.created',
      ticketId: ticket.ticket_id,
      messageId: ticket.message_id,
      data: { direction: 'outbound' },
    },
    ...(statusAfter(ticket) !== ticket.status
      ? [
          {
            kind: 'ticket.updated' as const,
            ticketId: ticket.ticket_id,
            data: { status: statusAfter(ticket) },
          },
        ]
      : []),
  ]);
  return { sent: tickets.length, queued, realtime };
}
