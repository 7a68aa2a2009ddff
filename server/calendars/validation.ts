/** What makes a calendar's hours and days valid, as field errors; shared by the API and the file import. */
import type { FieldError } from '@server/http/problem';
import type { CalendarDay, WorkingInterval } from '@shared/sla';
import { isValidTimeZone, parseClock, parseLocalDate } from './zoned-time';

/** Official data covers 2004 onward; anything outside this range is a typo, not a plan. */
const FIRST_YEAR = 1970;
const LAST_YEAR = 2100;

/** `YYYY-MM-DD` naming a real date within FIRST_YEAR..LAST_YEAR. */
export function isValidCalendarDate(date: string): boolean {
  if (parseLocalDate(date) === null) return false;
  const year = Number(date.slice(0, 4));
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}

/** One day's working intervals: `HH:MM`, each starting before it ends, sorted and not overlapping. */
export function intervalErrors(intervals: WorkingInterval[], path: string): FieldError[] {
  const errors: FieldError[] = [];
  let previousEnd = -1;
  intervals.forEach(({ start, end }, index) => {
    const from = parseClock(start);
    const to = parseClock(end);
    if (from === null) {
      errors.push({ path: `${path}/${index}/start`, message: 'Use HH:MM (24-hour)', code: 'invalid_time' });
    }
    if (to === null) {
      errors.push({
        path: `${path}/${index}/end`,
        message: 'Use HH:MM (24-hour, 24:00 allowed)',
        code: 'invalid_time',
      });
    }
    if (from === null || to === null) return;
    if (from >= to) {
      errors.push({
        path: `${path}/${index}/end`,
        message: 'Must be after the start',
        code: 'interval_reversed',
      });
    } else if (from < previousEnd) {
      errors.push({
        path: `${path}/${index}/start`,
        message: 'Must not start before the previous interval ends (list intervals in order)',
        code: 'interval_overlap',
      });
    }
    previousEnd = Math.max(previousEnd, to);
  });
  return errors;
}

export function weekErrors(week: WorkingInterval[][], path: string): FieldError[] {
  if (week.length !== 7) {
    return [{ path, message: 'A week has 7 entries, Sunday first', code: 'week_length' }];
  }
  return week.flatMap((intervals, weekday) => intervalErrors(intervals, `${path}/${weekday}`));
}

/** Dates real and each listed once; a workday's own hours valid. */
export function dayErrors(days: CalendarDay[], path: string): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  days.forEach((day, index) => {
    if (!isValidCalendarDate(day.date)) {
      errors.push({
        path: `${path}/${index}/date`,
        message: 'Use a real date, YYYY-MM-DD',
        code: 'invalid_date',
      });
    } else if (seen.has(day.date)) {
      errors.push({
        path: `${path}/${index}/date`,
        message: `${day.date} is listed twice`,
        code: 'duplicate_date',
      });
    }
    seen.add(day.date);
    if (day.kind === 'workday' && day.intervals) {
      errors.push(...intervalErrors(day.intervals, `${path}/${index}/intervals`));
    }
  });
  return errors;
}

/**
 * The fields a request sets (absent ones are not checked: they were valid when stored), and, on the calendar
 * they make together, that it has working time at all.
 */
export function calendarErrors(
  sent: { timeZone?: string; week?: WorkingInterval[][]; overrides?: CalendarDay[] },
  result: { alwaysOpen: boolean; week: WorkingInterval[][]; overrides: CalendarDay[] },
): FieldError[] {
  const errors: FieldError[] = [];
  if (sent.timeZone !== undefined && !isValidTimeZone(sent.timeZone)) {
    errors.push({
      path: 'body/timeZone',
      message: 'Not an IANA time zone (such as Asia/Shanghai)',
      code: 'invalid_time_zone',
    });
  }
  if (sent.week) errors.push(...weekErrors(sent.week, 'body/week'));
  if (sent.overrides) errors.push(...dayErrors(sent.overrides, 'body/overrides'));
  const weekWorks = result.week.some((intervals) => intervals.length > 0);
  // A make-up day without hours of its own borrows a weekday's, so only one with its own hours adds working time.
  const someWorkday = result.overrides.some(
    (day) => day.kind === 'workday' && Boolean(day.intervals?.length),
  );
  if (errors.length === 0 && !result.alwaysOpen && !weekWorks && !someWorkday) {
    errors.push({
      path: 'body/week',
      message: 'Give at least one weekday working hours, or make the calendar 24×7',
      code: 'no_working_time',
    });
  }
  return errors;
}
