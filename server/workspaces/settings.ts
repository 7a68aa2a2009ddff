import type { WorkspaceSettings } from '@server/db/schema';

/** The security settings; `privacy` lives in the same column but has its own routes (server/privacy/routes.ts). */
export type SecuritySettings = Required<Omit<WorkspaceSettings, 'privacy'>>;

export const DEFAULT_WORKSPACE_SETTINGS: SecuritySettings = {
  sessionIdleMinutes: 30,
  sessionLifetimeHours: 12,
  passwordRotationDays: 90,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
};

/** A workspace's stored overrides on top of the defaults. */
export function effectiveSettings(stored: WorkspaceSettings | null | undefined): SecuritySettings {
  const { privacy: _privacy, ...security } = stored ?? {};
  return { ...DEFAULT_WORKSPACE_SETTINGS, ...security };
}
