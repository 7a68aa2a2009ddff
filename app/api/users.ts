import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './client';
import { meQueryKey } from './me';
import type { CreateUserInput, ListUsersFilter, UpdateUserInput, User } from './types';

const usersKey = ['users'] as const;

export function useUsers(filter: ListUsersFilter, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...usersKey, filter],
    queryFn: () =>
      apiRequest<{ items: User[] }>('/users', {
        query: { ...filter, includeDeactivated: String(filter.includeDeactivated) },
      }),
    select: (page) => page.items,
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** After any change to a user: lists, department member counts and (if it was you) your own Me. */
function useRefreshAfterUserChange() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: usersKey }),
      queryClient.invalidateQueries({ queryKey: ['departments'] }),
      queryClient.invalidateQueries({ queryKey: meQueryKey }),
    ]);
}

export function useCreateUser() {
  const refresh = useRefreshAfterUserChange();
  return useMutation({
    mutationFn: (body: CreateUserInput) => apiRequest<User>('/users', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useUpdateUser() {
  const refresh = useRefreshAfterUserChange();
  return useMutation({
    mutationFn: ({ userId, changes }: { userId: string; changes: UpdateUserInput }) =>
      apiRequest<User>(`/users/${userId}`, { method: 'PATCH', body: changes }),
    onSuccess: refresh,
  });
}

export function useSetUserActive() {
  const refresh = useRefreshAfterUserChange();
  return useMutation({
    mutationFn: ({ userId, active }: { userId: string; active: boolean }) =>
      apiRequest<User>(`/users/${userId}/${active ? 'reactivate' : 'deactivate'}`, { method: 'POST' }),
    onSuccess: refresh,
  });
}

export function useResetUserPassword() {
  const refresh = useRefreshAfterUserChange();
  return useMutation({
    mutationFn: ({ userId, password }: { userId: string; password: string }) =>
      apiRequest<void>(`/users/${userId}/reset-password`, { method: 'POST', body: { password } }),
    onSuccess: refresh,
  });
}
