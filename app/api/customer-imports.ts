import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './client';
import type { CustomerImport } from './types';

const POLL_INTERVAL_MS = 500;

export function useStartCustomerImport() {
  return useMutation({
    mutationFn: (csv: string) =>
      apiRequest<CustomerImport>('/customer-imports', {
        method: 'POST',
        textBody: { contentType: 'text/csv; charset=utf-8', text: csv },
      }),
  });
}

/** Follows an import while the server works through it; once it has finished, the customer lists refresh. */
export function useCustomerImport(importId: string | undefined) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ['customer-imports', importId],
    queryFn: async ({ signal }) => {
      const job = await apiRequest<CustomerImport>(`/customer-imports/${importId}`, { signal });
      if (job.status !== 'running') void queryClient.invalidateQueries({ queryKey: ['customers'] });
      return job;
    },
    enabled: importId !== undefined,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? POLL_INTERVAL_MS : false),
    staleTime: 0,
  });
}
