import { ForbiddenResult } from '@app/components/ForbiddenResult';
import type { Permission } from '@shared/permissions';
import { Outlet } from 'react-router';
import { useCan } from './use-session';

/** Route guard: the page only for users holding the permission, a 403 page for everyone else. */
export function RequirePermission({ permission }: { permission: Permission }) {
  const can = useCan();
  return can(permission) ? <Outlet /> : <ForbiddenResult />;
}
