import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { apiRequest } from './client';
import type {
  CreateTicketInput,
  Ticket,
  TicketConfig,
  TicketDetail,
  TicketListFilter,
  TicketListPage,
  UpdateTicketInput,
} from './types';

/** Every ticket query: lists, searches and single tickets. */
export const ticketsKey = ['tickets'] as const;
/**
 * Changes arrive live (app/realtime); besides that, open lists and tickets look again this often, in case the
 * connection is down (only while the tab is shown).
 */
const INBOX_REFRESH_MS = 30_000;
export const ticketListKey = [...ticketsKey, 'list'] as const;
export const ticketDetailKey = (ticketId: string) => [...ticketsKey, 'detail', ticketId] as const;

/** The inbox: one page of 25 at a time, each further page asked for with the cursor the last one returned. */
export function useTicketList(filter: TicketListFilter) {
  return useInfiniteQuery({
    queryKey: [...ticketListKey, filter],
    queryFn: ({ pageParam, signal }) =>
      apiRequest<TicketListPage>('/tickets', { query: { ...filter, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: INBOX_REFRESH_MS,
  });
}

/** One page of matches for a picker (merge, link): no cursor, no inbox state. */
export function useTicketSearch(q: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...ticketListKey, 'search', q],
    queryFn: ({ signal }) =>
      apiRequest<TicketListPage>('/tickets', { query: { view: 'all', q, limit: 20 }, signal }),
    select: (page) => page.items,
    enabled: (options.enabled ?? true) && q.length > 0,
    placeholderData: keepPreviousData,
  });
}

export function useTicket(ticketId: string) {
  return useQuery({
    queryKey: ticketDetailKey(ticketId),
    queryFn: ({ signal }) => apiRequest<TicketDetail>(`/tickets/${ticketId}`, { signal }),
    refetchInterval: INBOX_REFRESH_MS,
  });
}

/** Types, sub-types and priority names change rarely (an admin edits them), so they are kept for a while. */
export const ticketConfigKey = ['ticket-config'] as const;

export function useTicketConfig() {
  return useQuery({
    queryKey: ticketConfigKey,
    queryFn: ({ signal }) => apiRequest<TicketConfig>('/ticket-config', { signal }),
    staleTime: 5 * 60_000,
  });
}

/**
 * After a ticket changed: the detail answer is already the new state; lists and the customer pages that show the
 * ticket are refetched when next looked at.
 */
export function useRememberTicket() {
  const queryClient = useQueryClient();
  return (ticket: TicketDetail) => {
    queryClient.setQueryData(ticketDetailKey(ticket.id), ticket);
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: ticketListKey }),
      queryClient.invalidateQueries({ queryKey: ['customers'] }),
    ]);
  };
}

export function useCreateTicket() {
  const remember = useRememberTicket();
  return useMutation({
    mutationFn: (body: CreateTicketInput) => apiRequest<TicketDetail>('/tickets', { method: 'POST', body }),
    onSuccess: remember,
  });
}

/** Sends the version the change was based on; a stale one comes back as 409 `version_conflict`. */
export function useUpdateTicket() {
  const remember = useRememberTicket();
  return useMutation({
    mutationFn: ({
      ticket,
      changes,
    }: {
      ticket: Pick<Ticket, 'id' | 'version'>;
      changes: UpdateTicketInput;
    }) =>
      apiRequest<TicketDetail>(`/tickets/${ticket.id}`, {
        method: 'PATCH',
        body: { version: ticket.version, ...changes },
      }),
    onSuccess: remember,
  });
}

export function useMergeTickets() {
  const queryClient = useQueryClient();
  const remember = useRememberTicket();
  return useMutation({
    mutationFn: ({ targetId, sourceTicketIds }: { targetId: string; sourceTicketIds: string[] }) =>
      apiRequest<TicketDetail>(`/tickets/${targetId}/merge`, { method: 'POST', body: { sourceTicketIds } }),
    onSuccess: (ticket, { sourceTicketIds }) => {
      for (const sourceId of sourceTicketIds) {
        void queryClient.invalidateQueries({ queryKey: ticketDetailKey(sourceId) });
      }
      return remember(ticket);
    },
  });
}

/** The explanation an agent owes after an escalation (seed 002: within 1 h); it stops the `explanation` clock. */
export function useSubmitSlaExplanation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ ticketId, text }: { ticketId: string; text: string }) =>
      apiRequest<void>(`/tickets/${ticketId}/sla/explanation`, { method: 'POST', body: { text } }),
    onSuccess: (_answer, { ticketId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ticketDetailKey(ticketId) }),
        queryClient.invalidateQueries({ queryKey: ticketListKey }),
      ]),
  });
}
