import { toIso, toIsoOrNull } from '@server/http/common-schema';
import type { Locale } from '@shared/roles';
import type { UserWithDepartment } from './repo';
import type { UserJson } from './schema';

export function presentUser(user: UserWithDepartment): UserJson {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    employeeNo: user.employee_no,
    role: user.role,
    department:
      user.department_id && user.department_name
        ? { id: user.department_id, name: user.department_name }
        : null,
    locale: (user.locale as Locale | null) ?? null,
    active: user.deactivated_at === null,
    lockedUntil: user.locked_until && user.locked_until > new Date() ? toIso(user.locked_until) : null,
    mustChangePassword: user.must_change_password,
    passwordChangedAt: toIso(user.password_changed_at),
    lastLoginAt: toIsoOrNull(user.last_login_at),
    createdAt: toIso(user.created_at),
  };
}
