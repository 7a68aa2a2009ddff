import { wallTimeAt } from '@app/components/workspace-time';
import dayjs, { type Dayjs } from 'dayjs';

const pad = (value: number) => String(value).padStart(2, '0');

/** Today and the Monday that started this week, as the workspace's calendar has them (YYYY-MM-DD). */
export function workspaceDays(timeZone: string, now = Date.now()): { today: string; weekStart: string } {
  const wall = wallTimeAt(now, timeZone);
  const today = new Date(Date.UTC(wall.year, wall.month - 1, wall.day));
  // getUTCDay: Sunday is 0; the Chinese working week starts on Monday.
  const monday = new Date(today.getTime() - ((today.getUTCDay() + 6) % 7) * 86_400_000);
  const format = (day: Date) =>
    `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
  return { today: format(today), weekStart: format(monday) };
}

/**
 * Now, as a date-time picker value showing the workspace's clock: pickers hold wall-clock fields, which
 * pickedTimeToIso reads back in the workspace's zone whatever zone this computer is in.
 */
export function workspaceNow(timeZone: string): Dayjs {
  const wall = wallTimeAt(Date.now(), timeZone);
  return dayjs(new Date(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute));
}

/** A key a form sends with every submit of one entry; crypto.randomUUID needs HTTPS, a LAN install may have none. */
export function newIdempotencyKey(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `${prefix}-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
