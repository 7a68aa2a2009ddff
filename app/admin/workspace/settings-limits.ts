import type { WorkspaceSettings } from '@app/api/types';

/** The ranges `server/workspaces/schema.ts` accepts, so the form stops out-of-range values before saving. */
export const SETTINGS_LIMITS: Record<keyof WorkspaceSettings, { min: number; max: number }> = {
  sessionIdleMinutes: { min: 5, max: 24 * 60 },
  sessionLifetimeHours: { min: 1, max: 24 * 30 },
  passwordRotationDays: { min: 0, max: 365 },
  lockoutThreshold: { min: 3, max: 20 },
  lockoutMinutes: { min: 1, max: 24 * 60 },
};

/** Zones of the places Chinese service teams usually work for, plus UTC; the current zone is always offered. */
const COMMON_TIME_ZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Macau',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Kuala_Lumpur',
  'Asia/Bangkok',
  'Asia/Ho_Chi_Minh',
  'Asia/Jakarta',
  'Asia/Manila',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Kolkata',
  'Asia/Dubai',
  'Australia/Sydney',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Moscow',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'UTC',
];

function utcOffset(timeZone: string): string {
  const part = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(new Date())
    .find((entry) => entry.type === 'timeZoneName');
  return part?.value === 'GMT' ? 'UTC' : (part?.value.replace('GMT', 'UTC') ?? '');
}

export function timeZoneOptions(current: string): { value: string; label: string }[] {
  const zones = COMMON_TIME_ZONES.includes(current) ? COMMON_TIME_ZONES : [current, ...COMMON_TIME_ZONES];
  return zones.map((zone) => ({ value: zone, label: `${zone} (${utcOffset(zone)})` }));
}
