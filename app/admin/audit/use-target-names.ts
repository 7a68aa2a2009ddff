import { useApiTokens } from '@app/api/api-tokens';
import { useDepartments } from '@app/api/departments';
import { useUsers } from '@app/api/users';
import { useCan, useSession } from '@app/session/use-session';
import { useMemo } from 'react';

/**
 * Names for audit targets (users, departments, API tokens, the workspace) from the lists this user may read; targets that
 * were deleted since, or that the user may not list, fall back to their id.
 */
export function useTargetNames(): (targetType: string, targetId: string | null) => string | null {
  const can = useCan();
  const { workspace } = useSession();
  const users = useUsers({ includeDeactivated: true }, { enabled: can('users:read') });
  const departments = useDepartments({ enabled: can('departments:read') });
  const tokens = useApiTokens({ enabled: can('api_tokens:read') });

  const names = useMemo(() => {
    const byKey = new Map<string, string>([[`workspace:${workspace.id}`, workspace.name]]);
    for (const user of users.data ?? []) {
      byKey.set(`user:${user.id}`, user.employeeNo ? `${user.name} (${user.employeeNo})` : user.name);
    }
    for (const department of departments.data ?? [])
      byKey.set(`department:${department.id}`, department.name);
    for (const token of tokens.data ?? []) byKey.set(`api_token:${token.id}`, token.name);
    return byKey;
  }, [users.data, departments.data, tokens.data, workspace.id, workspace.name]);

  return (targetType, targetId) => (targetId ? (names.get(`${targetType}:${targetId}`) ?? null) : null);
}
