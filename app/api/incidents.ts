import type {
  broadcastResultSchema,
  incidentDetailSchema,
  incidentSchema,
  openIncidentBody,
} from '@server/incidents/schema';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiRequest } from './client';
import { ticketsKey } from './tickets';

export type Incident = z.infer<typeof incidentSchema>;
export type IncidentDetail = z.infer<typeof incidentDetailSchema>;
export type IncidentTicket = IncidentDetail['tickets'][number];
export type OpenIncidentInput = z.input<typeof openIncidentBody>;
type BroadcastResult = z.infer<typeof broadcastResultSchema>;

const incidentsKey = ['incidents'] as const;
const incidentKey = (incidentId: string) => [...incidentsKey, 'detail', incidentId] as const;
/** An incident gathers tickets as they arrive; its page looks again this often. */
const INCIDENT_REFRESH_MS = 15_000;

export function useIncidents() {
  return useQuery({
    queryKey: [...incidentsKey, 'list'],
    queryFn: ({ signal }) =>
      apiRequest<{ items: Incident[] }>('/incidents', { query: { limit: 200 }, signal }),
    select: (page) => page.items,
    refetchInterval: INCIDENT_REFRESH_MS,
  });
}

export function useIncident(incidentId: string) {
  return useQuery({
    queryKey: incidentKey(incidentId),
    queryFn: ({ signal }) => apiRequest<IncidentDetail>(`/incidents/${incidentId}`, { signal }),
    refetchInterval: INCIDENT_REFRESH_MS,
  });
}

/** The answer is the incident as it is now; the lists, and the tickets that got a message, are looked at again. */
function useRememberIncident() {
  const queryClient = useQueryClient();
  return (incident: IncidentDetail) => {
    queryClient.setQueryData(incidentKey(incident.id), incident);
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: [...incidentsKey, 'list'] }),
      queryClient.invalidateQueries({ queryKey: ticketsKey }),
    ]);
  };
}

export function useOpenIncident() {
  const remember = useRememberIncident();
  return useMutation({
    mutationFn: (body: OpenIncidentInput) =>
      apiRequest<IncidentDetail>('/incidents', { method: 'POST', body }),
    onSuccess: remember,
  });
}

/** 安抚回复: once to every linked ticket that has not had it; tickets linking later get it when they link. */
export function useSendHoldingReply(incidentId: string) {
  const remember = useRememberIncident();
  return useMutation({
    mutationFn: (body: string) =>
      apiRequest<BroadcastResult>(`/incidents/${incidentId}/holding-reply`, {
        method: 'POST',
        body: { body },
      }),
    onSuccess: (result) => remember(result.incident),
  });
}

/** Ends the incident and broadcasts the resolution, once to each ticket. */
export function useResolveIncident(incidentId: string) {
  const remember = useRememberIncident();
  return useMutation({
    mutationFn: (resolution: string) =>
      apiRequest<BroadcastResult>(`/incidents/${incidentId}/resolve`, {
        method: 'POST',
        body: { resolution },
      }),
    onSuccess: (result) => remember(result.incident),
  });
}
