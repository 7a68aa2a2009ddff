import type { SlaClockState, TicketSlaEntry } from '@shared/sla';

// Worst first: what an agent has to look at before anything else.
const URGENCY: Record<SlaClockState, number> = { breached: 0, warning: 1, running: 2, paused: 3, met: 4 };

const dueTime = (entry: TicketSlaEntry) =>
  entry.dueAt ? new Date(entry.dueAt).getTime() : Number.POSITIVE_INFINITY;

/**
 * The clock a ticket's row should show: the worst state, and within it the earliest deadline (the next to run out,
 * or the longest overdue); null when the ticket has none.
 */
export function worstSlaEntry(entries: readonly TicketSlaEntry[] | undefined): TicketSlaEntry | null {
  let worst: TicketSlaEntry | null = null;
  for (const entry of entries ?? []) {
    if (
      !worst ||
      URGENCY[entry.state] < URGENCY[worst.state] ||
      (URGENCY[entry.state] === URGENCY[worst.state] && dueTime(entry) < dueTime(worst))
    ) {
      worst = entry;
    }
  }
  return worst;
}
