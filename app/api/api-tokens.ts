import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './client';
import type { ApiToken, CreateApiTokenInput, CreatedApiToken } from './types';

const apiTokensKey = ['api-tokens'] as const;

export function useApiTokens(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: apiTokensKey,
    queryFn: () => apiRequest<{ items: ApiToken[] }>('/api-tokens'),
    select: (page) => page.items,
    enabled: options.enabled ?? true,
  });
}

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiTokenInput) =>
      apiRequest<CreatedApiToken>('/api-tokens', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokensKey }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) => apiRequest<ApiToken>(`/api-tokens/${tokenId}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokensKey }),
  });
}
