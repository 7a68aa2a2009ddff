import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './client';
import type {
  ChannelAccount,
  ChannelAccountWithSecret,
  ConnectionCheck,
  CreateChannelAccountInput,
  UpdateChannelAccountInput,
} from './types';

const channelAccountsKey = ['channel-accounts'] as const;

export function useChannelAccounts() {
  return useQuery({
    queryKey: channelAccountsKey,
    queryFn: ({ signal }) => apiRequest<{ items: ChannelAccount[] }>('/channel-accounts', { signal }),
    select: (page) => page.items,
  });
}

/** Answers with the signing secret, which the server never shows again. */
export function useCreateChannelAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateChannelAccountInput) =>
      apiRequest<ChannelAccountWithSecret>('/channel-accounts', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: channelAccountsKey }),
  });
}

export function useUpdateChannelAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ accountId, changes }: { accountId: string; changes: UpdateChannelAccountInput }) =>
      apiRequest<ChannelAccount>(`/channel-accounts/${accountId}`, { method: 'PATCH', body: changes }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: channelAccountsKey }),
  });
}

/** A new signing secret; the one it replaces is still accepted for a while, so connectors can switch over. */
export function useRotateChannelSecret() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (accountId: string) =>
      apiRequest<ChannelAccountWithSecret>(`/channel-accounts/${accountId}/rotate-secret`, {
        method: 'POST',
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: channelAccountsKey }),
  });
}

/** Asks the platform whether the stored credentials work (an access token is fetched); changes nothing. */
export function useTestChannelConnection() {
  return useMutation({
    mutationFn: (accountId: string) =>
      apiRequest<ConnectionCheck>(`/channel-accounts/${accountId}/test-connection`, { method: 'POST' }),
  });
}
