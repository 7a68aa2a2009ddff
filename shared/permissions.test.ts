import { describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS, can, permissionsOf } from './permissions';

describe('permission table', () => {
  it('gives admins everything', () => {
    expect(permissionsOf('admin')).toEqual(ALL_PERMISSIONS);
  });

  it('lets supervisors read the audit log but not manage users (seed 002: every action traceable)', () => {
    expect(can('supervisor', 'audit_log', 'read')).toBe(true);
    expect(can('supervisor', 'users', 'create')).toBe(false);
  });

  it('lets frontline agents see colleagues, departments, service levels, routing and incidents, and administer nothing', () => {
    expect(
      permissionsOf('agent').filter((p) => !p.startsWith('tickets:') && !p.startsWith('customers:')),
    ).toEqual([
      'workspace:read',
      'users:read',
      'departments:read',
      'service_levels:read',
      'routing:read',
      'incidents:read',
      'quick_replies:read',
      'notifications:read',
    ]);
  });

  it('lets supervisors change service levels, routing rules and incidents, but not agents', () => {
    for (const permission of ['service_levels:manage', 'routing:manage', 'incidents:manage'] as const) {
      expect(permissionsOf('supervisor')).toContain(permission);
      expect(permissionsOf('agent')).not.toContain(permission);
    }
  });
});
