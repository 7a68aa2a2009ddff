import type { Principal } from '@server/auth/principal';
import { mergeCustomers } from '@server/customers/service';
import type { Database } from '@server/db/schema';
import { conflict, notFound, unprocessable } from '@server/http/problem';
import { publishRealtime } from '@server/realtime/publish';
import { unionTokens } from '@server/search/segmenter';
import type { SlaTracker } from '@server/sla/tracker';
import { type Kysely, sql } from 'kysely';
import { recordTicketEvent } from './events';
import { loadTicket, type TicketWithRefs } from './repo';

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
  const sourceIds = [...new Set(options.sourceTicketIds)];
  if (sourceIds.includes(options.targetTicketId)) {
    throw unprocessable('merge_into_itself', 'A ticket cannot be merged into itself', [
      { path: 'body/sourceTicketIds', message: 'Remove the target ticket' },
    ]);
  }
  await db.transaction().execute(async (tx) => {
    // Lock in id order so that two opposite merges cannot deadlock.
    const rows = await tx
      .selectFrom('tickets')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', [options.targetTicketId, ...sourceIds])
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
      if (source.customer_id && customerId && source.customer_id !== customerId) {
        const stillSeparate = await tx
          .selectFrom('customers')
          .select('merged_into_id')
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', source.customer_id)
          .executeTakeFirst();
        if (!stillSeparate?.merged_into_id) {
          await mergeCustomers(tx, {
            actor,
            ip: options.ip,
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
        actorUserId: actor.userId,
        kind: 'merged_into',
        data: { ticketId: target.id, number: target.number },
      });
      await recordTicketEvent(tx, {
        workspaceId,
        ticketId: target.id,
        actorUserId: actor.userId,
        kind: 'merged_from',
        data: { ticketId: source.id, number: source.number, channel: source.channel },
      });
    }
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
    await publishRealtime(
      tx,
      workspaceId,
      [target, ...sources].map((ticket) => ({
        kind: 'ticket.updated' as const,
        ticketId: ticket.id,
        data: { merged: true },
      })),
    );
  });
  return (await loadTicket(db, { workspaceId, ticketId: options.targetTicketId })) as TicketWithRefs;
}
