import type { SlaPolicyBody } from '@shared/sla';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { calendarsKey } from './calendars';
import { apiRequest } from './client';
import { meQueryKey } from './me';
import type { SlaPolicy, SlaPresetList, SlaPreview, SlaPreviewTicket } from './sla-types';
import { ticketConfigKey, ticketsKey } from './tickets';

const policiesKey = ['sla-policies'] as const;
const presetsKey = ['sla-presets'] as const;

export function useSlaPolicies() {
  return useQuery({
    queryKey: policiesKey,
    queryFn: ({ signal }) => apiRequest<{ items: SlaPolicy[] }>('/sla/policies', { signal }),
    select: (page) => page.items,
  });
}

function useRefreshPolicies() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: policiesKey });
}

export function useCreateSlaPolicy() {
  const refresh = useRefreshPolicies();
  return useMutation({
    mutationFn: (body: SlaPolicyBody) => apiRequest<SlaPolicy>('/sla/policies', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useUpdateSlaPolicy() {
  const refresh = useRefreshPolicies();
  return useMutation({
    mutationFn: ({ policyId, changes }: { policyId: string; changes: Partial<SlaPolicyBody> }) =>
      apiRequest<SlaPolicy>(`/sla/policies/${policyId}`, { method: 'PATCH', body: changes }),
    onSuccess: refresh,
  });
}

export function useDeleteSlaPolicy() {
  const refresh = useRefreshPolicies();
  return useMutation({
    mutationFn: (policyId: string) => apiRequest<void>(`/sla/policies/${policyId}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
}

/** The new evaluation order; the list is shown in it at once, before the server has answered. */
export function useReorderSlaPolicies() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) =>
      apiRequest<{ items: SlaPolicy[] }>('/sla/policies/order', { method: 'PUT', body: { ids } }),
    onMutate: async (ids) => {
      await queryClient.cancelQueries({ queryKey: policiesKey });
      const before = queryClient.getQueryData<{ items: SlaPolicy[] }>(policiesKey);
      if (before) {
        const byId = new Map(before.items.map((policy) => [policy.id, policy]));
        const items = ids.flatMap((id, position) => {
          const policy = byId.get(id);
          return policy ? [{ ...policy, position }] : [];
        });
        queryClient.setQueryData(policiesKey, { items });
      }
      return { before };
    },
    onError: (_error, _ids, context) => {
      if (context?.before) queryClient.setQueryData(policiesKey, context.before);
    },
    onSuccess: (page) => queryClient.setQueryData(policiesKey, page),
  });
}

/**
 * The deadlines a policy being edited would give a ticket created now. The caller debounces the policy; the last
 * answer stays on screen while the next is asked for.
 */
export function useSlaPreview(policy: SlaPolicyBody | null, ticket: SlaPreviewTicket) {
  return useQuery({
    queryKey: ['sla-preview', policy, ticket],
    queryFn: ({ signal }) =>
      apiRequest<SlaPreview>('/sla/preview', { method: 'POST', body: { policy, ticket }, signal }),
    enabled: policy !== null,
    placeholderData: keepPreviousData,
    staleTime: 0,
    retry: false,
  });
}

export function useSlaPresets() {
  return useQuery({
    queryKey: presetsKey,
    queryFn: ({ signal }) => apiRequest<SlaPresetList>('/sla/presets', { signal }),
  });
}

/**
 * Replaces the workspace's taxonomy, default calendar settings and SLA policies with a preset's. Everything that
 * shows them is loaded again: ticket types and priority names, policies, calendars and the tickets themselves.
 */
export function useApplySlaPreset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (presetId: string) =>
      apiRequest<{ presetId: string }>(`/sla/presets/${presetId}/apply`, { method: 'POST' }),
    onSuccess: () =>
      Promise.all(
        [presetsKey, policiesKey, calendarsKey, ticketConfigKey, ticketsKey, meQueryKey].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      ),
  });
}
