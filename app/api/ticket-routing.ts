import type { transferTicketBody } from '@server/routing/assignment/schema';
import type { mergeSuggestionSchema } from '@server/routing/duplicates/schema';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiRequest } from './client';
import { ticketDetailKey, useRememberTicket } from './tickets';
import type { TicketDetail } from './types';

export type TransferTicketInput = z.input<typeof transferTicketBody>;
export type MergeSuggestion = z.infer<typeof mergeSuggestionSchema>;

/** To another person or team, with the reason; the first owner (第一责任人) stays. */
export function useTransferTicket(ticketId: string) {
  const remember = useRememberTicket();
  return useMutation({
    mutationFn: (body: TransferTicketInput) =>
      apiRequest<TicketDetail>(`/tickets/${ticketId}/transfer`, { method: 'POST', body }),
    onSuccess: remember,
  });
}

/** Accepts the suggested type (or another one); the classifier learns from either. */
export function useConfirmClassification() {
  const remember = useRememberTicket();
  return useMutation({
    mutationFn: ({
      ticket,
      type,
      subtype,
    }: {
      ticket: Pick<TicketDetail, 'id' | 'version'>;
      type: string;
      subtype: string | null;
    }) =>
      apiRequest<TicketDetail>(`/tickets/${ticket.id}/classification`, {
        method: 'POST',
        body: { type, subtype, version: ticket.version },
      }),
    onSuccess: remember,
  });
}

// Under the ticket's own key, so that whatever reloads the ticket (a change, a live event) reloads these too.
const suggestionsKey = (ticketId: string) => [...ticketDetailKey(ticketId), 'merge-suggestions'] as const;

export function useMergeSuggestions(ticketId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: suggestionsKey(ticketId),
    queryFn: ({ signal }) =>
      apiRequest<{ items: MergeSuggestion[] }>(`/tickets/${ticketId}/merge-suggestions`, { signal }),
    select: (page) => page.items,
    enabled: options.enabled ?? true,
  });
}

export function useDismissMergeSuggestion(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (candidateId: string) =>
      apiRequest<void>(`/tickets/${ticketId}/merge-suggestions/${candidateId}/dismiss`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: suggestionsKey(ticketId) }),
  });
}
