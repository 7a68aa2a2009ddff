import { describe, expect, it } from 'vitest';
import { dueFrom } from './due';
import { officialChineseDays } from './official-cn';
import {
  ALWAYS_OPEN_WEEK,
  compileCalendar,
  NoWorkingTimeError,
  STANDARD_WEEK,
  type WorkingCalendarSpec,
} from './working-calendar';

const at = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();
const HOUR = 3600;

const calendar = (overrides: Partial<WorkingCalendarSpec> = {}) =>
  compileCalendar({
    timeZone: 'Asia/Shanghai',
    alwaysOpen: false,
    week: STANDARD_WEEK,
    days: officialChineseDays(),
    ...overrides,
  });

const china = calendar();

describe('the official Chinese working calendar', () => {
  it('puts 3 working days after 2026-09-30 17:00 on the 10-10 make-up Saturday, across 国庆', () => {
    expect(iso(china.addWorkingDays(at('2026-09-30T17:00:00+08:00'), 3))).toBe(
      iso(at('2026-10-10T17:00:00+08:00')),
    );
  });

  it('knows 国庆, 中秋 and the make-up days of 2026', () => {
    const working = (date: string) => china.isWorkingDay(date);
    expect(['2026-09-25', '2026-09-26', '2026-09-27'].map(working)).toEqual([false, false, false]);
    for (let day = 1; day <= 7; day++) expect(working(`2026-10-0${day}`)).toBe(false);
    expect(['2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10'].map(working)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    // Sunday 09-20 is a make-up day; the Sunday after 10-10 is an ordinary weekend.
    expect(working('2026-09-20')).toBe(true);
    expect(working('2026-10-11')).toBe(false);
    expect(() => china.isWorkingDay('2026-02-30')).toThrow(RangeError);
  });

  it('skips the lunch break: 11:30 plus 60 business minutes is 14:00', () => {
    const from = at('2026-03-10T11:30:00+08:00');
    const due = china.addBusinessSeconds(from, HOUR);
    expect(iso(due)).toBe(iso(at('2026-03-10T14:00:00+08:00')));
    expect(china.businessSecondsBetween(from, due)).toBe(HOUR);
    expect(china.isOpenAt(at('2026-03-10T12:45:00+08:00'))).toBe(false);
    expect(iso(china.nextOpening(at('2026-03-10T12:45:00+08:00')))).toBe(
      iso(at('2026-03-10T13:30:00+08:00')),
    );
  });

  it('counts a Saturday make-up day when business time crosses it', () => {
    const friday = at('2026-10-09T17:30:00+08:00');
    // 1 h left on Friday, then 3 h + 4 h of the make-up Saturday; without it the deadline would be Monday.
    expect(iso(china.addBusinessSeconds(friday, 8 * HOUR))).toBe(iso(at('2026-10-10T17:30:00+08:00')));
    expect(china.businessSecondsBetween(friday, at('2026-10-12T09:00:00+08:00'))).toBe(9 * HOUR);
    const withoutMakeUp = calendar({ days: [] });
    expect(iso(withoutMakeUp.addBusinessSeconds(friday, 8 * HOUR))).toBe(
      iso(at('2026-10-12T17:30:00+08:00')),
    );
  });

  it('ends a deadline on a working interval’s end, not at the next opening', () => {
    const due = china.addBusinessSeconds(at('2026-03-10T09:00:00+08:00'), 3 * HOUR);
    expect(iso(due)).toBe(iso(at('2026-03-10T12:00:00+08:00')));
    expect(iso(china.addBusinessSeconds(at('2026-03-10T12:30:00+08:00'), 0))).toBe(
      iso(at('2026-03-10T12:30:00+08:00')),
    );
  });

  it('starts working days at the next opening when created in closed time', () => {
    expect(iso(china.nextOpening(at('2026-09-30T19:00:00+08:00')))).toBe(
      iso(at('2026-10-08T09:00:00+08:00')),
    );
    const open = at('2026-03-10T10:15:00+08:00');
    expect(iso(china.nextOpening(open))).toBe(iso(open));
    // Sunday evening: opening is Monday 09:00, one working day on is Tuesday 09:00.
    expect(iso(china.addWorkingDays(at('2026-03-08T20:00:00+08:00'), 1))).toBe(
      iso(at('2026-03-10T09:00:00+08:00')),
    );
    expect(iso(china.addWorkingDays(at('2026-03-08T20:00:00+08:00'), 0))).toBe(
      iso(at('2026-03-09T09:00:00+08:00')),
    );
  });

  it('moves a working-day deadline into the target day’s hours', () => {
    const shortSaturday = calendar({
      days: [{ date: '2026-10-10', kind: 'workday', intervals: [{ start: '09:00', end: '12:00' }] }],
    });
    expect(iso(shortSaturday.addWorkingDays(at('2026-10-09T17:00:00+08:00'), 1))).toBe(
      iso(at('2026-10-10T12:00:00+08:00')),
    );
    const lateSaturday = calendar({
      days: [{ date: '2026-10-10', kind: 'workday', intervals: [{ start: '14:00', end: '18:00' }] }],
    });
    // 10:00 comes before the day opens: the deadline is that day's closing, not the day before.
    expect(iso(lateSaturday.addWorkingDays(at('2026-10-09T10:00:00+08:00'), 1))).toBe(
      iso(at('2026-10-10T18:00:00+08:00')),
    );
  });

  it('gives a make-up day without hours the standard workday hours', () => {
    const mondaysOnly = calendar({
      week: [[], [{ start: '10:00', end: '16:00' }], [], [], [], [], []],
      days: [{ date: '2026-10-10', kind: 'workday' }],
    });
    expect(mondaysOnly.isOpenAt(at('2026-10-10T15:59:00+08:00'))).toBe(true);
    expect(mondaysOnly.isOpenAt(at('2026-10-10T16:00:00+08:00'))).toBe(false);
  });

  it('adds business time back exactly: a few thousand pseudo-random cases', () => {
    let seed = 20261001;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const start = at('2025-01-01T00:00:00+08:00').getTime();
    const span = 2 * 365 * 86_400_000;
    for (let i = 0; i < 3000; i++) {
      const from = new Date(start + Math.floor(random() * span));
      const seconds = Math.floor(random() * 10 * 8 * HOUR);
      const due = china.addBusinessSeconds(from, seconds);
      expect(china.businessSecondsBetween(from, due)).toBe(seconds);
      // The deadline is the earliest such instant: the second before it was working time.
      if (seconds > 0) expect(china.isOpenAt(new Date(due.getTime() - 1000))).toBe(true);
    }
  });
});

describe('a 24×7 calendar', () => {
  const alwaysOpen = calendar({ alwaysOpen: true, week: ALWAYS_OPEN_WEEK });

  it('ignores holidays, weekends and lunch', () => {
    const from = at('2026-10-01T10:00:00+08:00');
    expect(alwaysOpen.isWorkingDay('2026-10-01')).toBe(true);
    expect(alwaysOpen.isOpenAt(at('2026-10-04T03:00:00+08:00'))).toBe(true);
    expect(iso(alwaysOpen.addWorkingDays(from, 3))).toBe(iso(at('2026-10-04T10:00:00+08:00')));
    expect(iso(alwaysOpen.addBusinessSeconds(at('2026-03-10T11:30:00+08:00'), HOUR))).toBe(
      iso(at('2026-03-10T12:30:00+08:00')),
    );
    expect(alwaysOpen.businessSecondsBetween(from, at('2026-10-02T10:00:00+08:00'))).toBe(24 * HOUR);
    expect(alwaysOpen.businessSecondsBetween(from, at('2026-09-30T10:00:00+08:00'))).toBe(0);
  });

  it('is the same as every day open 00:00–24:00 when no day is special', () => {
    const everyDay = calendar({ week: ALWAYS_OPEN_WEEK, days: [] });
    const from = at('2026-05-01T22:00:00+08:00');
    expect(iso(everyDay.addBusinessSeconds(from, 5 * HOUR))).toBe(
      iso(alwaysOpen.addBusinessSeconds(from, 5 * HOUR)),
    );
    expect(everyDay.isOpenAt(at('2026-05-02T00:00:00+08:00'))).toBe(true);
  });
});

describe('a zone with daylight saving time (Europe/Berlin)', () => {
  const berlin = (week: WorkingCalendarSpec['week']) =>
    compileCalendar({ timeZone: 'Europe/Berlin', alwaysOpen: false, week, days: [] });
  const nineToFive = berlin([[], ...Array.from({ length: 5 }, () => [{ start: '09:00', end: '17:00' }]), []]);
  const allDay = berlin(ALWAYS_OPEN_WEEK);

  it('keeps the wall-clock time across the spring change', () => {
    // Friday 16:00 CET is 15:00Z; two business hours later is Monday 10:00 CEST, 08:00Z.
    expect(iso(nineToFive.addBusinessSeconds(at('2026-03-27T15:00:00Z'), 2 * HOUR))).toBe(
      '2026-03-30T08:00:00.000Z',
    );
    expect(iso(nineToFive.addWorkingDays(at('2026-03-27T09:00:00Z'), 1))).toBe('2026-03-30T08:00:00.000Z');
    expect(nineToFive.isOpenAt(at('2026-03-30T07:30:00Z'))).toBe(true);
    expect(nineToFive.isOpenAt(at('2026-03-30T06:30:00Z'))).toBe(false);
  });

  it('counts 23 hours on the spring day and 25 on the autumn day', () => {
    const day = (from: string, to: string) => allDay.businessSecondsBetween(at(from), at(to)) / HOUR;
    expect(day('2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00')).toBe(23);
    expect(day('2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00')).toBe(25);
  });

  it('starts an interval that begins in the skipped hour right after the gap', () => {
    const night = berlin(Array.from({ length: 7 }, () => [{ start: '02:30', end: '05:00' }]));
    // 02:30 does not exist on 03-29: work runs 03:30–05:00 CEST (01:30Z–03:00Z).
    expect(night.businessSecondsBetween(at('2026-03-29T00:00:00Z'), at('2026-03-29T12:00:00Z'))).toBe(
      1.5 * HOUR,
    );
    expect(iso(night.nextOpening(at('2026-03-29T00:00:00Z')))).toBe('2026-03-29T01:30:00.000Z');
    expect(night.businessSecondsBetween(at('2026-03-30T00:00:00Z'), at('2026-03-30T12:00:00Z'))).toBe(
      2.5 * HOUR,
    );
  });
});

describe('calendars that cannot answer', () => {
  it('throws a clear error instead of searching forever', () => {
    const closed = calendar({ week: [[], [], [], [], [], [], []], days: [] });
    const from = at('2026-03-10T10:00:00+08:00');
    expect(() => closed.addBusinessSeconds(from, HOUR)).toThrow(NoWorkingTimeError);
    expect(() => closed.nextOpening(from)).toThrow(/no working time/);
    expect(() => closed.addWorkingDays(from, 1)).toThrow(NoWorkingTimeError);
    expect(closed.isOpenAt(from)).toBe(false);
    expect(closed.businessSecondsBetween(from, at('2026-03-20T10:00:00+08:00'))).toBe(0);

    const longAgo = calendar({
      week: [[], [], [], [], [], [], []],
      days: [{ date: '2020-01-06', kind: 'workday', intervals: [{ start: '09:00', end: '10:00' }] }],
    });
    expect(() => longAgo.addBusinessSeconds(from, HOUR)).toThrow(/three years/);
  });

  it('rejects malformed specs and amounts', () => {
    expect(() => calendar({ timeZone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(() => calendar({ week: [[{ start: '18:00', end: '09:00' }]] })).toThrow(RangeError);
    expect(() => calendar({ week: STANDARD_WEEK.slice(0, 5) })).toThrow(/7 days/);
    expect(() => china.addBusinessSeconds(new Date(), -1)).toThrow(RangeError);
    expect(() => china.addWorkingDays(new Date(), 1.5)).toThrow(RangeError);
  });
});

describe('dueFrom', () => {
  const from = at('2026-09-30T17:00:00+08:00');

  it('adds each unit on the calendar, calendar minutes on the clock', () => {
    expect(iso(dueFrom(china, from, { workingDays: 3 }))).toBe(iso(at('2026-10-10T17:00:00+08:00')));
    expect(iso(dueFrom(china, from, { businessHours: 2 }))).toBe(iso(at('2026-10-08T09:30:00+08:00')));
    expect(iso(dueFrom(china, from, { businessMinutes: 90 }))).toBe(iso(at('2026-09-30T18:30:00+08:00')));
    expect(iso(dueFrom(china, from, { calendarMinutes: 120 }))).toBe(iso(at('2026-09-30T19:00:00+08:00')));
  });
});
