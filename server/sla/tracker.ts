import type { CalendarCache } from '@server/calendars/repo';
import type { Database } from '@server/db/schema';
import type { Kysely } from 'kysely';
import type { Clock } from './clock';
import { planClocks, type SlaEvent } from './planner';
import { choosePolicy } from './policy-match';
import { loadClocks, loadTicketFacts, type SlaPolicyCache, saveClocks } from './repo';

export interface TrackedTicket {
  ticketId: string;
  events: readonly SlaEvent[];
  /** Created in this transaction: it has no clocks to read yet. */
  isNew?: boolean;
}

/**
 * Keeps each ticket's SLA clocks in step with what happens to it. Called explicitly, inside the transaction that
 * makes the change, by every path that changes a ticket (create, update, reply, intake, escalation): the clocks
 * commit with the change or not at all.
 */
export class SlaTracker {
  constructor(readonly deps: { policies: SlaPolicyCache; calendars: CalendarCache; clock: Clock }) {}

  now(): Date {
    return this.deps.clock.now();
  }

  /**
   * `ticketsLocked`: the caller already holds the tickets' rows (intake does); otherwise they are locked here,
   * before the clocks, the same order the scheduler takes them in.
   */
  async track(
    tx: Kysely<Database>,
    workspaceId: string,
    tickets: readonly TrackedTicket[],
    options: { ticketsLocked?: boolean } = {},
  ): Promise<void> {
    const policies = await this.deps.policies.get(tx, workspaceId);
    // A customer writing again only matters to a next-response target: intake's steady stream of messages on open
    // tickets costs nothing here when no policy has one.
    const nextResponseTimed = policies.some(
      (policy) => policy.enabled && policy.targets.some((target) => target.metric === 'next_response'),
    );
    const withEvents = tickets
      .map((ticket) => ({
        ...ticket,
        events: ticket.events.filter((event) => event.kind !== 'customer_message' || nextResponseTimed),
      }))
      .filter((ticket) => ticket.events.length > 0);
    if (withEvents.length === 0) return;
    const ids = [...new Set(withEvents.map((ticket) => ticket.ticketId))].sort();
    const created = new Set(withEvents.filter((ticket) => ticket.isNew).map((ticket) => ticket.ticketId));
    const existing = ids.filter((id) => !created.has(id));
    if (!options.ticketsLocked) {
      await tx
        .selectFrom('tickets')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('id', 'in', ids)
        .orderBy('id')
        .forUpdate()
        .execute();
    }
    const clocks = await loadClocks(tx, workspaceId, existing);
    const hasClocks = (id: string) => (clocks.get(id)?.size ?? 0) > 0;
    // A workspace without service levels (no enabled policy, no clocks left) has nothing to track.
    if (!policies.some((policy) => policy.enabled) && !ids.some(hasClocks)) return;
    const facts = await loadTicketFacts(tx, workspaceId, ids);
    const eventsOf = new Map<string, SlaEvent[]>();
    for (const ticket of withEvents)
      eventsOf.set(ticket.ticketId, [...(eventsOf.get(ticket.ticketId) ?? []), ...ticket.events]);
    const changes = [];
    for (const id of ids) {
      const ticketFacts = facts.get(id);
      if (!ticketFacts) continue;
      const policy = choosePolicy(policies, ticketFacts);
      if (!policy && !hasClocks(id)) continue;
      const resolved = await this.deps.calendars.get(tx, workspaceId, policy?.calendarId ?? null);
      if (!resolved) continue;
      const plan = planClocks({
        facts: ticketFacts,
        clocks: clocks.get(id) ?? new Map(),
        events: eventsOf.get(id) ?? [],
        policy,
        calendarId: resolved.id,
        calendar: resolved.calendar,
      });
      if (plan.upserts.length > 0 || plan.removed.length > 0) changes.push({ ticketId: id, ...plan });
    }
    await saveClocks(tx, workspaceId, changes);
  }
}
