import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { apiRequest } from './client';
import type { AuditFilter, AuditPage } from './types';

const PAGE_SIZE = 50;
const auditKey = ['audit-events'] as const;

/** Newest first; each further page starts below the oldest event already shown, within the same filter. */
export function useAuditEvents(filter: AuditFilter = {}) {
  return useInfiniteQuery({
    queryKey: [...auditKey, 'list', filter],
    queryFn: ({ pageParam, signal }) =>
      apiRequest<AuditPage>('/audit-events', {
        query: { ...filter, limit: PAGE_SIZE, before: pageParam },
        signal,
      }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (lastPage) => lastPage.nextBefore ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** The distinct actions the log holds, for the filter. */
export function useAuditActions() {
  return useQuery({
    queryKey: [...auditKey, 'actions'],
    queryFn: ({ signal }) => apiRequest<{ actions: string[] }>('/audit-events/actions', { signal }),
    select: (answer) => answer.actions,
  });
}
