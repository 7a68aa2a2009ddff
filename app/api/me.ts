import type { Locale } from '@shared/roles';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { apiRequest, rememberCsrfToken } from './client';
import type { Me } from './types';

export const meQueryKey = ['me'] as const;

// Every Me answer carries the CSRF token for the session it describes.
function remember(me: Me): Me {
  rememberCsrfToken(me.csrfToken);
  return me;
}

const fetchMe = async () => remember(await apiRequest<Me>('/me'));

export function useMeQuery() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 60_000, retry: false });
}

/** Me if it is already loaded, without asking the server: for pages that also show before login. */
export function useLoadedMe(): Me | undefined {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, enabled: false }).data;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (credentials: { email: string; password: string }) =>
      remember(
        await apiRequest<Me>('/auth/login', {
          method: 'POST',
          body: credentials,
          redirectOnUnauthorized: false,
        }),
      ),
    onSuccess: (me) => queryClient.setQueryData(meQueryKey, me),
  });
}

/** Ends the session; the login page then drops what was cached for it (see useForgetSession). */
export function useLogout() {
  return useMutation({
    mutationFn: () => apiRequest<void>('/auth/logout', { method: 'POST', redirectOnUnauthorized: false }),
    onSettled: () => rememberCsrfToken(null),
  });
}

/**
 * Forgets everything cached for the previous session. Called where no page depends on it any more (the login
 * page): clearing while the signed-in pages are still mounted would pull Me from under them.
 */
export function useForgetSession(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    queryClient.removeQueries();
  }, [queryClient]);
}

export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (changes: { name?: string; locale?: Locale | null }) =>
      remember(await apiRequest<Me>('/me', { method: 'PATCH', body: changes })),
    onSuccess: (me) => {
      queryClient.setQueryData(meQueryKey, me);
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });
}

export function useChangeOwnPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      apiRequest<void>('/me/password', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}
