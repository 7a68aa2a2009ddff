/**
 * A new request merged into the open ticket it repeats is the customer writing again on that ticket: its status
 * moves as a customer message moves it (待客户反馈 → 处理中) and its SLA clocks see the message and any priority the
 * follow-up's routing raised, in the transaction that merged it.
 */
import type { Database } from '@server/db/schema';
import type { RealtimeEvent } from '@server/realtime/publish';
import { slaEventsOfEdit, slaEventsOfMessage } from '@server/sla/ticket-events';
import type { SlaTracker } from '@server/sla/tracker';
import { statusTimestamps } from '@server/tickets/update-ticket';
import { statusAfterCustomerMessage } from '@shared/tickets';
import { type Kysely, sql } from 'kysely';

export async function continueInMergeTargets(
  tx: Kysely<Database>,
  options: {
    workspaceId: string;
    sla: SlaTracker;
    targetIds: readonly string[];
    changedColumns: ReadonlyMap<string, string[]>;
  },
): Promise<RealtimeEvent[]> {
  const { workspaceId, sla } = options;
  if (options.targetIds.length === 0) return [];
  // Already locked by the merge; read for the status.
  const targets = await tx
    .selectFrom('tickets')
    .select(['id', 'status', 'version'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...new Set(options.targetIds)])
    .execute();
  const at = sla.now();
  const realtime: RealtimeEvent[] = [];
  for (const target of targets) {
    const next = statusAfterCustomerMessage(target.status);
    if (next !== target.status) {
      await tx
        .updateTable('tickets')
        .set({
          status: next,
          version: target.version + 1,
          updated_at: sql<Date>`now()`,
          ...statusTimestamps(next),
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', target.id)
        .execute();
      await tx
        .insertInto('ticket_events')
        .values({
          workspace_id: workspaceId,
          ticket_id: target.id,
          actor_user_id: null,
          kind: 'status_changed',
          data: JSON.stringify({ from: target.status, to: next, reason: 'customer_replied' }),
        })
        .execute();
      realtime.push({ kind: 'ticket.updated', ticketId: target.id, data: { status: next } });
    }
  }
  await sla.track(
    tx,
    workspaceId,
    targets.map((target) => ({
      ticketId: target.id,
      events: [
        ...slaEventsOfMessage(
          'inbound',
          { from: target.status, to: statusAfterCustomerMessage(target.status) },
          at,
        ),
        ...slaEventsOfEdit(options.changedColumns.get(target.id) ?? [], null, at),
      ],
    })),
    { ticketsLocked: true },
  );
  return realtime;
}
