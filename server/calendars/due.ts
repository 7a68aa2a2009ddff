import type { WorkingCalendar } from './working-calendar';

/** How far a deadline lies: exactly one unit. Working days and business time count on the calendar. */
export type DueAddition =
  | { workingDays: number }
  | { businessHours: number }
  | { businessMinutes: number }
  | { calendarMinutes: number };

/** The deadline `add` after `from` on `calendar` (the due-date preview of calendars and SLA policies). */
export function dueFrom(calendar: WorkingCalendar, from: Date, add: DueAddition): Date {
  if ('workingDays' in add) return calendar.addWorkingDays(from, add.workingDays);
  if ('businessHours' in add) return calendar.addBusinessSeconds(from, add.businessHours * 3600);
  if ('businessMinutes' in add) return calendar.addBusinessSeconds(from, add.businessMinutes * 60);
  if (!Number.isFinite(add.calendarMinutes) || add.calendarMinutes < 0) {
    throw new RangeError(`calendarMinutes must be a number >= 0, not ${add.calendarMinutes}`);
  }
  return new Date(from.getTime() + Math.round(add.calendarMinutes * 60_000));
}
