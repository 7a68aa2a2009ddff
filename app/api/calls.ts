import type { CallerJson, CallMetrics, LoggedCall, logCallBody } from '@server/calls/schema';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiRequest } from './client';
import { ticketsKey } from './tickets';

export type Caller = CallerJson;
export type CallerCall = CallerJson['recentCalls'][number];
export type CallerTicket = CallerJson['openTickets'][number];
export type { CallMetrics, LoggedCall };
export type LogCallInput = z.input<typeof logCallBody>;

const callsKey = ['calls'] as const;

/** Who is on the line: the customer with this number (as typed), their tickets and calls; off until a number is typed. */
export function useCaller(phone: string) {
  return useQuery({
    queryKey: [...callsKey, 'caller', phone],
    queryFn: ({ signal }) => apiRequest<Caller>('/calls/caller', { query: { phone }, signal }),
    enabled: phone.length > 0,
    // A half-typed number is refused (400); the panel simply waits for the rest.
    retry: false,
  });
}

/** The phone service level over days of the workspace calendar (YYYY-MM-DD, both inclusive). */
export function useCallMetrics(range: { from: string; to: string }) {
  return useQuery({
    queryKey: [...callsKey, 'metrics', range],
    queryFn: ({ signal }) => apiRequest<CallMetrics>('/calls/metrics', { query: range, signal }),
  });
}

/** After a logged call or a registered request: tickets, customers and the phone figures changed. */
export function useRefreshAfterIntake() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: callsKey }),
      queryClient.invalidateQueries({ queryKey: ticketsKey }),
      queryClient.invalidateQueries({ queryKey: ['customers'] }),
    ]);
}

export function useLogCall() {
  const refresh = useRefreshAfterIntake();
  return useMutation({
    mutationFn: (body: LogCallInput) => apiRequest<LoggedCall>('/calls', { method: 'POST', body }),
    onSuccess: refresh,
  });
}
