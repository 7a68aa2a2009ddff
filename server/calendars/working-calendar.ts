/**
 * Working-time arithmetic on a calendar: weekly hours (several intervals a day), holidays, make-up workdays
 * (调休上班) and a time zone. Pure and synchronous; the SLA engine calls it for every clock it sets.
 */
import type { CalendarDay, WorkingInterval } from '@shared/sla';
import {
  DAY_MS,
  MINUTE_MS,
  parseClock,
  parseLocalDate,
  type TimeZoneDays,
  weekdayOf,
  zoneDays,
} from './zoned-time';

export interface WorkingCalendarSpec {
  timeZone: string;
  /** 24×7: business time is calendar time; `week` and `days` are ignored. */
  alwaysOpen: boolean;
  /** Seven entries, index 0 = Sunday. */
  week: WorkingInterval[][];
  /** The effective holidays and make-up workdays (official and the workspace's own, already merged). */
  days: CalendarDay[];
}

export interface WorkingCalendar {
  readonly timeZone: string;
  readonly alwaysOpen: boolean;
  /** The earliest instant by which `seconds` (>= 0) of working time have passed since `from`. */
  addBusinessSeconds(from: Date, seconds: number): Date;
  /** Working seconds in [from, to); 0 when `to` is not after `from`. */
  businessSecondsBetween(from: Date, to: Date): number;
  /** From the next opening, `days` working days later at the same local time (clamped into that day's hours). */
  addWorkingDays(from: Date, days: number): Date;
  /** `YYYY-MM-DD` in the calendar's zone. */
  isWorkingDay(localDate: string): boolean;
  isOpenAt(instant: Date): boolean;
  /** The instant itself when open, else the start of the next working interval. */
  nextOpening(instant: Date): Date;
}

/** A calendar with no working time in reach: searching further would only loop. */
export class NoWorkingTimeError extends Error {
  constructor(message = 'The working calendar has no working time within three years') {
    super(message);
    this.name = 'NoWorkingTimeError';
  }
}

/** How far a search for the next working time goes before it gives up (a long holiday is two weeks, not years). */
const SEARCH_LIMIT_DAYS = 3 * 366;
const RANGE_CACHE_LIMIT = 10_000;

const WORKDAY: WorkingInterval[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '18:30' },
];

/** Monday to Friday 09:00–12:00 and 13:30–18:30 (the usual lunch break), weekends closed. */
export const STANDARD_WEEK: WorkingInterval[][] = [[], WORKDAY, WORKDAY, WORKDAY, WORKDAY, WORKDAY, []];

/** 00:00–24:00 every day. */
export const ALWAYS_OPEN_WEEK: WorkingInterval[][] = Array.from({ length: 7 }, () => [
  { start: '00:00', end: '24:00' },
]);

/** Local working time of one day in minutes after midnight: sorted, disjoint [start, end) pairs. */
type Spans = readonly (readonly [start: number, end: number])[];
/** The same on the UTC time line, in epoch milliseconds. */
type Ranges = readonly (readonly [start: number, end: number])[];

function toSpans(intervals: WorkingInterval[], where: string): Spans {
  const spans = intervals.map(({ start, end }) => {
    const from = parseClock(start);
    const to = parseClock(end);
    if (from === null || to === null || from >= to) {
      throw new RangeError(`${where}: ${start}–${end} is not a working interval`);
    }
    return [from, to] as const;
  });
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of spans) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

function assertAmount(value: number, what: string, whole = false): void {
  if (!Number.isFinite(value) || value < 0 || (whole && !Number.isInteger(value))) {
    throw new RangeError(`${what} must be a ${whole ? 'whole ' : ''}number >= 0, not ${value}`);
  }
}

function localDayNumber(localDate: string): number {
  const dayNumber = parseLocalDate(localDate);
  if (dayNumber === null) throw new RangeError(`${localDate} is not a YYYY-MM-DD date`);
  return dayNumber;
}

/** 24×7: every second counts, so the arithmetic is plain addition. */
class AlwaysOpenCalendar implements WorkingCalendar {
  readonly alwaysOpen = true;
  constructor(readonly timeZone: string) {}

  addBusinessSeconds(from: Date, seconds: number): Date {
    assertAmount(seconds, 'seconds');
    return new Date(from.getTime() + Math.round(seconds * 1000));
  }

  businessSecondsBetween(from: Date, to: Date): number {
    return Math.max(0, to.getTime() - from.getTime()) / 1000;
  }

  addWorkingDays(from: Date, days: number): Date {
    assertAmount(days, 'days', true);
    return new Date(from.getTime() + days * DAY_MS);
  }

  isWorkingDay(localDate: string): boolean {
    localDayNumber(localDate);
    return true;
  }

  isOpenAt(): boolean {
    return true;
  }

  nextOpening(instant: Date): Date {
    return new Date(instant.getTime());
  }
}

class ScheduledCalendar implements WorkingCalendar {
  readonly alwaysOpen = false;
  private readonly zone: TimeZoneDays;
  private readonly ranges = new Map<number, Ranges>();
  private readonly hasWorkingTime: boolean;

  constructor(
    readonly timeZone: string,
    private readonly week: Spans[],
    /** Holidays (no spans) and make-up workdays by day number; other days follow `week`. */
    private readonly days: Map<number, Spans>,
  ) {
    this.zone = zoneDays(timeZone);
    this.hasWorkingTime =
      week.some((spans) => spans.length > 0) || [...days.values()].some((s) => s.length > 0);
  }

  addBusinessSeconds(from: Date, seconds: number): Date {
    assertAmount(seconds, 'seconds');
    let remaining = Math.round(seconds * 1000);
    const origin = from.getTime();
    if (remaining === 0) return new Date(origin);
    this.assertHasWorkingTime();
    let idleDays = 0;
    for (let dayNumber = this.zone.dayOf(origin).dayNumber; ; dayNumber++) {
      const ranges = this.rangesOf(dayNumber);
      if (ranges.length > 0) idleDays = 0;
      else if (++idleDays > SEARCH_LIMIT_DAYS) throw new NoWorkingTimeError();
      for (const [start, end] of ranges) {
        if (end <= origin) continue;
        const begin = Math.max(start, origin);
        if (remaining <= end - begin) return new Date(begin + remaining);
        remaining -= end - begin;
      }
    }
  }

  businessSecondsBetween(from: Date, to: Date): number {
    const [begin, finish] = [from.getTime(), to.getTime()];
    if (finish <= begin) return 0;
    let total = 0;
    const last = this.zone.dayOf(finish).dayNumber;
    for (let dayNumber = this.zone.dayOf(begin).dayNumber; dayNumber <= last; dayNumber++) {
      for (const [start, end] of this.rangesOf(dayNumber)) {
        total += Math.max(0, Math.min(end, finish) - Math.max(start, begin));
      }
    }
    return total / 1000;
  }

  addWorkingDays(from: Date, days: number): Date {
    assertAmount(days, 'days', true);
    const start = this.nextOpening(from);
    if (days === 0) return start;
    const startDay = this.zone.dayOf(start.getTime());
    const wallMs = this.zone.wallMsOfDay(start.getTime(), startDay);
    let dayNumber = startDay.dayNumber;
    for (let counted = 0, idleDays = 0; counted < days; ) {
      dayNumber++;
      if (this.spansOf(dayNumber).length > 0) {
        counted++;
        idleDays = 0;
      } else if (++idleDays > SEARCH_LIMIT_DAYS) {
        throw new NoWorkingTimeError();
      }
    }
    return new Date(this.zone.toInstant(dayNumber, this.clampIntoDay(this.spansOf(dayNumber), wallMs)));
  }

  isWorkingDay(localDate: string): boolean {
    return this.spansOf(localDayNumber(localDate)).length > 0;
  }

  isOpenAt(instant: Date): boolean {
    const at = instant.getTime();
    return this.rangesOf(this.zone.dayOf(at).dayNumber).some(([start, end]) => start <= at && at < end);
  }

  nextOpening(instant: Date): Date {
    const at = instant.getTime();
    this.assertHasWorkingTime();
    let dayNumber = this.zone.dayOf(at).dayNumber;
    for (let searched = 0; searched <= SEARCH_LIMIT_DAYS; searched++, dayNumber++) {
      for (const [start, end] of this.rangesOf(dayNumber)) {
        if (at < end) return new Date(Math.max(start, at));
      }
    }
    throw new NoWorkingTimeError();
  }

  /**
   * A deadline keeps its time of day; when the target day is closed at that time, it moves back to the nearest end
   * of working time before it, or — when the day opens only later — to the day's closing, so it stays on that day.
   */
  private clampIntoDay(spans: Spans, wallMs: number): number {
    const wallMinutes = wallMs / MINUTE_MS;
    if (spans.some(([start, end]) => start <= wallMinutes && wallMinutes < end)) return wallMs;
    const endBefore = spans.filter(([, end]) => end <= wallMinutes).at(-1);
    const closing = endBefore ?? spans.at(-1);
    return (closing?.[1] ?? 0) * MINUTE_MS;
  }

  private spansOf(dayNumber: number): Spans {
    return this.days.get(dayNumber) ?? this.week[weekdayOf(dayNumber)] ?? [];
  }

  private rangesOf(dayNumber: number): Ranges {
    let ranges = this.ranges.get(dayNumber);
    if (!ranges) {
      if (this.ranges.size >= RANGE_CACHE_LIMIT) this.ranges.clear();
      const merged: [number, number][] = [];
      for (const [start, end] of this.spansOf(dayNumber)) {
        const from = this.zone.toInstant(dayNumber, start * MINUTE_MS);
        const to = this.zone.toInstant(dayNumber, end * MINUTE_MS);
        if (to <= from) continue;
        // A DST gap can push an interval's start onto the one before it.
        const last = merged.at(-1);
        if (last && from <= last[1]) last[1] = Math.max(last[1], to);
        else merged.push([from, to]);
      }
      ranges = merged;
      this.ranges.set(dayNumber, ranges);
    }
    return ranges;
  }

  private assertHasWorkingTime(): void {
    if (!this.hasWorkingTime) throw new NoWorkingTimeError('The working calendar has no working time at all');
  }
}

/** Checks and compiles a calendar once; the result answers every question without touching the spec again. */
export function compileCalendar(spec: WorkingCalendarSpec): WorkingCalendar {
  zoneDays(spec.timeZone);
  if (spec.alwaysOpen) return new AlwaysOpenCalendar(spec.timeZone);
  if (spec.week.length !== 7) throw new RangeError(`A week has 7 days, not ${spec.week.length}`);
  const week = spec.week.map((intervals, weekday) => toSpans(intervals, `week[${weekday}]`));
  // A make-up workday without hours of its own works a normal weekday's hours.
  const standardWorkday =
    [1, 2, 3, 4, 5].map((weekday) => week[weekday] ?? []).find((s) => s.length > 0) ?? [];
  const days = new Map<number, Spans>();
  for (const day of spec.days) {
    const dayNumber = localDayNumber(day.date);
    if (day.kind === 'holiday') days.set(dayNumber, []);
    else days.set(dayNumber, day.intervals?.length ? toSpans(day.intervals, day.date) : standardWorkday);
  }
  return new ScheduledCalendar(spec.timeZone, week, days);
}
