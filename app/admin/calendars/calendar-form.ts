import type { Calendar } from '@app/api/sla-types';
import type { WorkingInterval } from '@shared/sla';
import dayjs, { type Dayjs } from 'dayjs';

/** A working interval as a time picker holds it; an end at 00:00 means midnight at the end of the day (24:00). */
export type IntervalRange = [Dayjs, Dayjs];

/** Monday first, as Chinese calendars print the week; the API's week starts on Sunday (index 0). */
export const WEEKDAYS_MONDAY_FIRST = [1, 2, 3, 4, 5, 6, 0] as const;
export const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** A new calendar's week: Monday to Friday, the usual office day with a lunch break. */
export const STANDARD_WEEK: WorkingInterval[][] = [
  [],
  ...Array.from({ length: 5 }, () => [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '18:30' },
  ]),
  [],
];

const wallClock = (time: string): Dayjs => {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  // The date part is irrelevant; only the wall-clock time is read back.
  return dayjs('2000-01-01')
    .hour(hour % 24)
    .minute(minute);
};

export const intervalToRange = (interval: WorkingInterval): IntervalRange => [
  wallClock(interval.start),
  wallClock(interval.end),
];

export function rangeToInterval([start, end]: IntervalRange): WorkingInterval {
  const endText = end.format('HH:mm');
  return { start: start.format('HH:mm'), end: endText === '00:00' ? '24:00' : endText };
}

const minutesOf = (time: string) => {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  return hour * 60 + minute;
};

/** Why a day's intervals cannot be saved (`invalid`: an end not after its start), or null when they can. */
export function intervalsProblem(ranges: (IntervalRange | null | undefined)[]): 'invalid' | 'overlap' | null {
  const intervals = ranges.filter((range): range is IntervalRange => Boolean(range?.[0] && range[1]));
  const spans = intervals
    .map(rangeToInterval)
    .map((interval) => [minutesOf(interval.start), minutesOf(interval.end)]);
  if (spans.some(([start = 0, end = 0]) => end <= start)) return 'invalid';
  const sorted = [...spans].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
  for (let index = 1; index < sorted.length; index += 1) {
    if ((sorted[index]?.[0] ?? 0) < (sorted[index - 1]?.[1] ?? 0)) return 'overlap';
  }
  return null;
}

export interface CalendarSettingsForm {
  name: string;
  timeZone: string;
  alwaysOpen: boolean;
  followsOfficial: boolean;
  /** Seven lists, Sunday first, as the API keeps them. */
  week: (IntervalRange | null)[][];
}

export const calendarToForm = (calendar: Calendar): CalendarSettingsForm => ({
  name: calendar.name,
  timeZone: calendar.timeZone,
  alwaysOpen: calendar.alwaysOpen,
  followsOfficial: calendar.followsOfficial,
  week: Array.from({ length: 7 }, (_, day) => (calendar.week[day] ?? []).map(intervalToRange)),
});

export const formToWeek = (week: CalendarSettingsForm['week']): WorkingInterval[][] =>
  Array.from({ length: 7 }, (_, day) =>
    (week[day] ?? [])
      .filter((range): range is IntervalRange => Boolean(range?.[0] && range[1]))
      .map(rangeToInterval),
  );
