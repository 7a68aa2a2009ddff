import type { createQuickReplyBody, quickReplySchema } from '@server/quick-replies/schema';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiRequest } from './client';

export type QuickReply = z.infer<typeof quickReplySchema>;
export type QuickReplyInput = z.input<typeof createQuickReplyBody>;

const quickRepliesKey = ['quick-replies'] as const;

/** The workspace's quick replies in list order; they change rarely, so the composer keeps them a while. */
export function useQuickReplies(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: quickRepliesKey,
    queryFn: ({ signal }) => apiRequest<{ items: QuickReply[] }>('/quick-replies', { signal }),
    select: (page) => page.items,
    staleTime: 60_000,
    enabled: options.enabled ?? true,
  });
}

function useRefreshQuickReplies() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: quickRepliesKey });
}

export function useCreateQuickReply() {
  const refresh = useRefreshQuickReplies();
  return useMutation({
    mutationFn: (body: QuickReplyInput) => apiRequest<QuickReply>('/quick-replies', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useUpdateQuickReply() {
  const refresh = useRefreshQuickReplies();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: Partial<QuickReplyInput> }) =>
      apiRequest<QuickReply>(`/quick-replies/${id}`, { method: 'PATCH', body: changes }),
    onSuccess: refresh,
  });
}

export function useDeleteQuickReply() {
  const refresh = useRefreshQuickReplies();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(`/quick-replies/${id}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
}

/** Shows the new order at once and puts the old one back if the server refuses. */
export function useReorderQuickReplies() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) =>
      apiRequest<{ items: QuickReply[] }>('/quick-replies/order', { method: 'PUT', body: { ids } }),
    onMutate: async (ids) => {
      await queryClient.cancelQueries({ queryKey: quickRepliesKey });
      const previous = queryClient.getQueryData<{ items: QuickReply[] }>(quickRepliesKey);
      if (previous) {
        const byId = new Map(previous.items.map((item) => [item.id, item]));
        const items = ids.flatMap((id) => byId.get(id) ?? []);
        queryClient.setQueryData(quickRepliesKey, { items });
      }
      return { previous };
    },
    onError: (_error, _ids, context) => {
      if (context?.previous) queryClient.setQueryData(quickRepliesKey, context.previous);
    },
    onSuccess: (page) => queryClient.setQueryData(quickRepliesKey, page),
  });
}
