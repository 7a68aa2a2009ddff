/**
 * Intake step: classify, prioritise and route (server/routing/) the tickets a group touched, after their messages
 * are written and before the SLA clocks start, so the clocks see the final priority and type. A new ticket is
 * routed on its first messages (trigger ticket_created); an open ticket the customer wrote to again is looked at
 * for new risk words, repeated messages and customer_message rules.
 */
import type { Database } from '@server/db/schema';
import type { RealtimeEvent } from '@server/realtime/publish';
import type { RoutingInput, TicketRouter } from '@server/routing/route-tickets';
import type { Kysely } from 'kysely';
import { byWorkspace } from './grouping';
import type { PreparedInbound } from './prepare';
import type { LockedTicket } from './tickets-step';

export interface GroupRouting {
  /** New tickets merged into an older one (duplicates across channels). */
  merged: Set<string>;
  realtime: Map<string, RealtimeEvent[]>;
  changedColumns: Map<string, string[]>;
}

export async function routeGroup(
  tx: Kysely<Database>,
  router: TicketRouter,
  options: { items: readonly PreparedInbound[]; ticketOf(item: PreparedInbound): LockedTicket },
): Promise<GroupRouting> {
  const routing: GroupRouting = { merged: new Set(), realtime: new Map(), changedColumns: new Map() };
  const perTicket = new Map<string, { ticket: LockedTicket; texts: string[]; tokens: Set<string> }>();
  for (const item of options.items) {
    const ticket = options.ticketOf(item);
    let entry = perTicket.get(ticket.id);
    if (!entry) {
      entry = { ticket, texts: [], tokens: new Set() };
      perTicket.set(ticket.id, entry);
    }
    entry.texts.push(item.body);
    for (const token of item.tokens) entry.tokens.add(token);
  }
  for (const [workspaceId, entries] of byWorkspace([...perTicket.values()], (e) => e.ticket.workspace_id)) {
    const input = (e: (typeof entries)[number]): RoutingInput => ({
      ticketId: e.ticket.id,
      text: e.texts.join('\n'),
      tokens: [...e.tokens],
    });
    const events: RealtimeEvent[] = [];
    for (const [trigger, group] of [
      ['ticket_created', entries.filter((e) => e.ticket.created)],
      ['customer_message', entries.filter((e) => !e.ticket.created)],
    ] as const) {
      if (group.length === 0) continue;
      const result = await router.route(tx, {
        workspaceId,
        trigger,
        inputs: group.map(input),
        actorUserId: null,
      });
      for (const id of result.merged.keys()) routing.merged.add(id);
      for (const [id, columns] of result.changedColumns) routing.changedColumns.set(id, columns);
      events.push(...result.realtime);
    }
    if (events.length > 0) routing.realtime.set(workspaceId, events);
  }
  return routing;
}
