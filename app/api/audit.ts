import { useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from './client';
import type { AuditPage } from './types';

const PAGE_SIZE = 50;

/** Newest first; each further page starts below the oldest event already shown. */
export function useAuditEvents() {
  return useInfiniteQuery({
    queryKey: ['audit-events'],
    queryFn: ({ pageParam }) =>
      apiRequest<AuditPage>('/audit-events', { query: { limit: PAGE_SIZE, before: pageParam } }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (lastPage) => lastPage.nextBefore ?? undefined,
  });
}
