import { ticketDetailKey, ticketListKey, ticketsKey } from '@app/api/tickets';
import type { QueryClient } from '@tanstack/react-query';
import type { RealtimeEventFrame } from './realtime-frames';
import { throttle } from './throttle';

/** A burst of a thousand messages a second refetches the inbox about once a second, not a thousand times. */
const LIST_REFRESH_MS = 1000;
const DETAIL_REFRESH_MS = 250;

/** Which cached ticket queries an event makes stale. */
function affects(kind: string): { detail: boolean; lists: boolean } {
  switch (kind) {
    case 'ticket.created':
      return { detail: false, lists: true };
    case 'delivery.updated':
      return { detail: true, lists: false };
    case 'notification.created':
      // Someone's notification list changed (notification-refresher); the tickets did not.
      return { detail: false, lists: false };
    default:
      // ticket.updated, message.created, ticket.sla (a clock warned, breached or escalated), and kinds this app
      // does not know yet.
      return { detail: true, lists: true };
  }
}

/** The tickets an event is about: its own `ticketId`, or `data.ticketIds` for one about several (`ticket.sla`). */
function ticketsOf(event: RealtimeEventFrame): string[] {
  if (event.ticketId !== null) return [event.ticketId];
  const { ticketIds } = event.data;
  return Array.isArray(ticketIds) ? ticketIds.filter((id): id is string => typeof id === 'string') : [];
}

/**
 * Turns live events into refetches of the ticket queries on screen. A query still loading is left to finish and
 * refreshed after it, rather than cancelled: under a steady stream a cancelled list would never arrive.
 */
export function createTicketRefresher(queryClient: QueryClient) {
  const staleTickets = new Set<string>();

  const refreshLists = throttle(() => {
    if (queryClient.isFetching({ queryKey: ticketListKey }) > 0) {
      refreshLists();
      return;
    }
    void queryClient.invalidateQueries({ queryKey: ticketListKey });
  }, LIST_REFRESH_MS);

  const refreshDetails = throttle(() => {
    for (const ticketId of staleTickets) {
      if (queryClient.isFetching({ queryKey: ticketDetailKey(ticketId) }) > 0) continue;
      staleTickets.delete(ticketId);
      void queryClient.invalidateQueries({ queryKey: ticketDetailKey(ticketId) });
    }
    if (staleTickets.size > 0) refreshDetails();
  }, DETAIL_REFRESH_MS);

  return {
    eventArrived(event: RealtimeEventFrame): void {
      const { detail, lists } = affects(event.kind);
      // A ticket not opened in this tab has no cached copy to refresh.
      const cached = detail
        ? ticketsOf(event).filter((ticketId) => queryClient.getQueryState(ticketDetailKey(ticketId)))
        : [];
      for (const ticketId of cached) staleTickets.add(ticketId);
      if (cached.length > 0) refreshDetails();
      if (lists) refreshLists();
    },
    everythingStale(): void {
      staleTickets.clear();
      refreshDetails.cancel();
      refreshLists.cancel();
      void queryClient.invalidateQueries({ queryKey: ticketsKey });
    },
    dispose(): void {
      refreshDetails.cancel();
      refreshLists.cancel();
    },
  };
}
