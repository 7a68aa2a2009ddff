import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './client';
import type {
  ErasureResult,
  PrivacyJob,
  PrivacySettings,
  PrivacySettingsInput,
  RetentionReport,
  RevealedPersonalData,
} from './types';

const privacySettingsKey = ['privacy-settings'] as const;
const JOB_POLL_INTERVAL_MS = 1000;

/**
 * Reveals the original behind one mask; the server records who asked and why. A plain call, not a mutation: the
 * original must not linger in TanStack's query or mutation cache. Only the component that asked holds it, and a
 * reload shows the mask again.
 */
export function revealPersonalData(id: string, reason: string): Promise<RevealedPersonalData> {
  return apiRequest<RevealedPersonalData>(`/personal-data/${id}/reveal`, {
    method: 'POST',
    body: { reason },
  });
}

export function usePrivacySettings() {
  return useQuery({
    queryKey: privacySettingsKey,
    queryFn: ({ signal }) => apiRequest<PrivacySettings>('/privacy/settings', { signal }),
  });
}

export function useUpdatePrivacySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PrivacySettingsInput) =>
      apiRequest<PrivacySettings>('/privacy/settings', { method: 'PUT', body }),
    onSuccess: (settings) => queryClient.setQueryData(privacySettingsKey, settings),
  });
}

/** Counts what a retention run would anonymize now, without changing anything. */
export function useRetentionDryRun() {
  return useMutation({
    mutationFn: () => apiRequest<RetentionReport>('/privacy/retention/dry-run', { method: 'POST' }),
  });
}

/** Anonymizes what the dry run counted: the cutoff is the dry run's, so the run does what was shown. */
export function useRetentionRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (cutoff: string) =>
      apiRequest<RetentionReport>('/privacy/retention/run', { method: 'POST', body: { cutoff } }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['tickets'] }),
        queryClient.invalidateQueries({ queryKey: ['audit-events'] }),
      ]),
  });
}

/** Starts a PIPL export of everything held about one customer (202: a job to follow). */
export function useStartPersonalDataExport() {
  return useMutation({
    mutationFn: (customerId: string) =>
      apiRequest<PrivacyJob>(`/customers/${customerId}/exports`, { method: 'POST' }),
  });
}

/** Follows an export every second while the server gathers the data. */
export function usePrivacyJob(jobId: string | undefined) {
  return useQuery({
    queryKey: ['privacy-jobs', jobId],
    queryFn: ({ signal }) => apiRequest<PrivacyJob>(`/privacy-jobs/${jobId}`, { signal }),
    enabled: jobId !== undefined,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? JOB_POLL_INTERVAL_MS : false),
    staleTime: 0,
  });
}

/** Erases a customer's personal data; `confirmNumber` is the customer number typed by the admin. */
export function useEraseCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ customerId, confirmNumber }: { customerId: string; confirmNumber: string }) =>
      apiRequest<ErasureResult>(`/customers/${customerId}/erasure`, {
        method: 'POST',
        body: { confirmNumber },
      }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['customers'] }),
        queryClient.invalidateQueries({ queryKey: ['tickets'] }),
      ]),
  });
}
