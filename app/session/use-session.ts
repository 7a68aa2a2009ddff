import { useMeQuery } from '@app/api/me';
import type { Me } from '@app/api/types';
import type { Permission } from '@shared/permissions';
import { useCallback } from 'react';

/** The logged-in user; only for components rendered inside <RequireSession>, which waits for it. */
export function useSession(): Me {
  const { data } = useMeQuery();
  if (!data) throw new Error('useSession() used outside <RequireSession>');
  return data;
}

/** `can('users:create')`: whether the server granted the current user this permission. */
export function useCan(): (permission: Permission) => boolean {
  const { permissions } = useSession();
  return useCallback((permission: Permission) => permissions.includes(permission), [permissions]);
}
