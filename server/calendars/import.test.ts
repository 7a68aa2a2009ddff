import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { CalendarDay } from '@shared/sla';
import { describe, expect, it } from 'vitest';
import { type CalendarImportResult, parseCalendarImport } from './import';
import { officialChineseDays } from './official-cn';

const packageFile = (file: string) =>
  fs.readFileSync(createRequire(import.meta.url).resolve(`chinese-days/dist/${file}`), 'utf8');

function daysOf(result: CalendarImportResult): CalendarDay[] {
  if ('errors' in result) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.days;
}

function errorsOf(result: CalendarImportResult) {
  if (!('errors' in result)) throw new Error('expected errors');
  return result.errors;
}

const kinds = (days: CalendarDay[]) => days.map((day) => `${day.date} ${day.kind}`);

const ics = (...events: string[]) =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    ...events.flatMap((e) => ['BEGIN:VEVENT', e, 'END:VEVENT']),
    'END:VCALENDAR',
  ].join('\r\n');

describe('importing iCalendar files', () => {
  it('reads chinese-days’ own holidays.ics to the same days as the official data', () => {
    const days = daysOf(parseCalendarImport('ics', packageFile('holidays.ics')));
    const official = [2024, 2025, 2026].flatMap((year) => officialChineseDays(year));
    expect(kinds(days)).toEqual(kinds(official));
    expect(days.find((day) => day.date === '2026-10-10')).toEqual({
      date: '2026-10-10',
      kind: 'workday',
      name: '国庆节(班)',
    });
    expect(days.find((day) => day.date === '2026-10-07')?.name).toBe('国庆节(休)');
  });

  it('reads the English feed too (Holiday / Workday summaries)', () => {
    const days = daysOf(parseCalendarImport('ics', packageFile('holidays.en.ics')));
    expect(days.find((day) => day.date === '2026-09-20')).toMatchObject({ kind: 'workday' });
    expect(days.find((day) => day.date === '2026-09-26')).toMatchObject({ kind: 'holiday' });
  });

  it('expands multi-day events (DTEND exclusive), unfolds lines and tells make-up days by their words', () => {
    const content = ics(
      'DTSTART;VALUE=DATE:20261001\r\nDTEND;VALUE=DATE:20261004\r\nSUMMARY:国庆\r\n 节放假',
      'DTSTART;VALUE=DATE:20261010\r\nSUMMARY:调休上班',
      'DTSTART:20261011\r\nSUMMARY:补班',
      'DTSTART;VALUE=DATE:20261111\r\nDURATION:P2D\r\nSUMMARY:Company workday',
      'DTSTART;VALUE=DATE:20261225\r\nSUMMARY:圣诞\r\nSTATUS:CANCELLED',
      'DTSTART;VALUE=DATE:20261226\r\nSUMMARY:年会\r\nBEGIN:VALARM\r\nSUMMARY:上班提醒\r\nEND:VALARM',
    );
    expect(daysOf(parseCalendarImport('ics', content))).toEqual([
      { date: '2026-10-01', kind: 'holiday', name: '国庆节放假' },
      { date: '2026-10-02', kind: 'holiday', name: '国庆节放假' },
      { date: '2026-10-03', kind: 'holiday', name: '国庆节放假' },
      { date: '2026-10-10', kind: 'workday', name: '调休上班' },
      { date: '2026-10-11', kind: 'workday', name: '补班' },
      { date: '2026-11-11', kind: 'workday', name: 'Company workday' },
      { date: '2026-11-12', kind: 'workday', name: 'Company workday' },
      { date: '2026-12-26', kind: 'holiday', name: '年会' },
    ]);
  });

  it('points at the event and property that is wrong', () => {
    const errors = errorsOf(
      parseCalendarImport(
        'ics',
        ics(
          'DTSTART;VALUE=DATE:20261001\r\nSUMMARY:ok',
          'DTSTART:20261001T090000\r\nSUMMARY:会议',
          'DTSTART;VALUE=DATE:20261005\r\nDTEND;VALUE=DATE:20261003\r\nSUMMARY:倒着',
          'DTSTART;VALUE=DATE:20261301',
          'DTSTART;VALUE=DATE:20261001\r\nSUMMARY:上班',
          'DTSTART;VALUE=DATE:20260101\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:元旦',
        ),
      ),
    );
    expect(errors.map((error) => error.path)).toEqual([
      '/events/1/DTSTART',
      '/events/2/DTEND',
      '/events/3/DTSTART',
      '/events/4/DTSTART',
      '/events/5/RRULE',
    ]);
    expect(errors[0]?.message).toMatch(/^会议: Needs an all-day date/);
    expect(errors[3]?.message).toMatch(/both a holiday and a make-up workday/);
    expect(errorsOf(parseCalendarImport('ics', 'hello'))[0]?.message).toMatch(/Not an iCalendar file/);
    expect(errorsOf(parseCalendarImport('ics', ics()))[0]?.message).toBe('The file lists no days');
  });
});

describe('importing JSON', () => {
  it('reads chinese-days.json to the official days', () => {
    const days = daysOf(parseCalendarImport('json', packageFile('chinese-days.json')));
    expect(days).toEqual(officialChineseDays());
  });

  it('reads a plain list, and Kefu’s own {year, days} listing', () => {
    const list = [
      { date: '2026-11-11', kind: 'workday', name: '双十一', intervals: [{ start: '08:00', end: '23:00' }] },
      { date: '2026-06-18', kind: 'holiday', intervals: [{ start: '08:00', end: '23:00' }] },
    ];
    expect(daysOf(parseCalendarImport('json', JSON.stringify(list)))).toEqual([
      { date: '2026-06-18', kind: 'holiday' },
      { date: '2026-11-11', kind: 'workday', name: '双十一', intervals: [{ start: '08:00', end: '23:00' }] },
    ]);
    const listing = {
      year: 2026,
      days: [{ date: '2026-10-01', kind: 'holiday', name: '国庆节', source: 'official' }],
    };
    expect(daysOf(parseCalendarImport('json', JSON.stringify(listing)))).toEqual([
      { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
    ]);
  });

  it('validates dates, kinds and hours with paths into the file', () => {
    const list = [
      { date: '2026-02-30', kind: 'holiday' },
      { date: '2026-03-01', kind: 'vacation' },
      { date: '2026-03-02', kind: 'workday', intervals: [{ start: '18:00', end: '09:00' }] },
    ];
    expect(errorsOf(parseCalendarImport('json', JSON.stringify(list))).map((error) => error.path)).toEqual([
      '/1/kind',
    ]);
    const shapeOk = [list[0], list[2], { date: '2026-03-02', kind: 'holiday' }];
    expect(errorsOf(parseCalendarImport('json', JSON.stringify(shapeOk))).map((error) => error.path)).toEqual(
      ['/0/date', '/1/intervals/0/end', '/2/date'],
    );
    const maps = {
      holidays: { '2026-13-01': 'x', '2026-10-01': 'National Day,国庆节,3' },
      workdays: { '2026-10-01': 'x' },
    };
    expect(errorsOf(parseCalendarImport('json', JSON.stringify(maps))).map((error) => error.path)).toEqual([
      '/holidays/2026-13-01',
      '/workdays/2026-10-01',
    ]);
    expect(errorsOf(parseCalendarImport('json', '{"holidays": ')).at(0)?.message).toMatch(/^Not valid JSON/);
    expect(errorsOf(parseCalendarImport('json', '{"hello": 1}')).at(0)?.message).toMatch(/Expected a list/);
  });
});
