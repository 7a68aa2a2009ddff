import type { Database } from '@server/db/schema';
import type { SlaEvent } from '@server/sla/planner';
import { slaEventsOfEdit, slaEventsOfMessage } from '@server/sla/ticket-events';
import type { SlaTracker, TrackedTicket } from '@server/sla/tracker';
import type { TicketStatus } from '@shared/tickets';
import type { Kysely } from 'kysely';
import { byCodeUnits } from './grouping';
import type { LockedTicket } from './tickets-step';

/** A new ticket starts its clocks; a customer writing again starts the next-response clock (and may reopen). */
export async function trackServiceLevels(
  tx: Kysely<Database>,
  sla: SlaTracker,
  tickets: readonly LockedTicket[],
  statusAfter: ReadonlyMap<string, TicketStatus>,
  /** Columns routing changed on tickets that already had clocks (a raised priority re-matches the policy). */
  routedColumns?: ReadonlyMap<string, string[]>,
) {
  const at = sla.now();
  const byWorkspace = new Map<string, TrackedTicket[]>();
  for (const ticket of tickets) {
    const events: SlaEvent[] = ticket.created
      ? [{ kind: 'created', at }]
      : slaEventsOfMessage(
          'inbound',
          { from: ticket.status, to: statusAfter.get(ticket.id) ?? ticket.status },
          at,
        ).concat(slaEventsOfEdit(routedColumns?.get(ticket.id) ?? [], null, at));
    const list = byWorkspace.get(ticket.workspace_id) ?? [];
    list.push({ ticketId: ticket.id, events, isNew: ticket.created });
    byWorkspace.set(ticket.workspace_id, list);
  }
  for (const [workspaceId, tracked] of [...byWorkspace].sort(([a], [b]) => byCodeUnits(a, b)))
    await sla.track(tx, workspaceId, tracked, { ticketsLocked: true });
}
