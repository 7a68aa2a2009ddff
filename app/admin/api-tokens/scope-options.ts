import { permissionLabel, resourceLabel } from '@app/i18n/permission-labels';
import { type Permission, permissionsOf } from '@shared/permissions';
import type { Role } from '@shared/roles';
import type { TFunction } from 'i18next';

interface ScopeGroup {
  label: string;
  title: string;
  options: { value: Permission; label: string }[];
}

/** The scopes a token of this creator may hold (never more than their role), grouped by resource. */
export function scopeOptionGroups(t: TFunction, role: Role): ScopeGroup[] {
  const groups = new Map<string, ScopeGroup>();
  for (const permission of permissionsOf(role)) {
    const [resource = ''] = permission.split(':');
    const group = groups.get(resource) ?? { label: resourceLabel(t, resource), title: resource, options: [] };
    group.options.push({ value: permission, label: `${permissionLabel(t, permission)} (${permission})` });
    groups.set(resource, group);
  }
  return [...groups.values()];
}
