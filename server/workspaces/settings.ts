import type { WorkspaceSettings } from '@server/db/schema';

export const DEFAULT_WORKSPACE_SETTINGS: Required<WorkspaceSettings> = {
  sessionIdleMinutes: 30,
  sessionLifetimeHours: 12,
  passwordRotationDays: 90,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
};

/** A workspace's stored overrides on top of the defaults. */
export function effectiveSettings(stored: WorkspaceSettings | null | undefined): Required<WorkspaceSettings> {
  return { ...DEFAULT_WORKSPACE_SETTINGS, ...(stored ?? {}) };
}
