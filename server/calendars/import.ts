/**
 * Holidays and make-up workdays from a file a workspace already has: iCalendar all-day events (the feeds calendar
 * apps subscribe to, chinese-days' holidays.ics among them) or JSON (chinese-days' maps, or a plain list of days).
 * Pure: text in, days or field errors out.
 */
import type { CalendarDay, CalendarDayKind } from '@shared/sla';
import { z } from 'zod';
import { dayErrors, isValidCalendarDate } from './validation';
import { formatDayNumber, parseLocalDate } from './zoned-time';

export type CalendarImportFormat = 'ics' | 'json';

/** Where in the file (a JSON pointer into the JSON, `/events/<n>/<property>` for iCalendar) and what is wrong. */
export interface ImportError {
  path: string;
  message: string;
}

export type CalendarImportResult = { days: CalendarDay[] } | { errors: ImportError[] };

/** A few years of holidays and make-up days is some hundred; more is a wrong file, not a calendar. */
export const MAX_IMPORTED_DAYS = 2000;
/** One event spans a holiday, not a season. */
const MAX_EVENT_DAYS = 366;
const MAX_NAME_LENGTH = 100;

/** Summaries of make-up working days: 班 covers 上班, 补班 and 调休上班; English feeds say "Workday". */
const WORKDAY_WORDS = /班|work\s*-?\s*day|working\s*day/i;

/** chinese-days abbreviates these; the full names are what people write. */
const FESTIVAL_NAMES: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

/** A chinese-days entry (`National Day,国庆节,3`) as a day name: the festival, or `国庆节 调休上班` for a workday. */
export function chineseDaysName(value: string, kind: CalendarDayKind): string {
  const parts = value.split(',');
  const chinese = (parts.length >= 3 ? parts[1]?.trim() : undefined) || value.trim();
  const festival = FESTIVAL_NAMES[chinese] ?? chinese;
  return kind === 'workday' ? `${festival} 调休上班` : festival;
}

const cleanName = (name: string | undefined): string | undefined =>
  name?.trim() ? name.trim().slice(0, MAX_NAME_LENGTH) : undefined;

function day(date: string, kind: CalendarDayKind, name?: string): CalendarDay {
  const cleaned = cleanName(name);
  return cleaned ? { date, kind, name: cleaned } : { date, kind };
}

const byDate = (a: CalendarDay, b: CalendarDay) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

function finish(days: CalendarDay[], errors: ImportError[]): CalendarImportResult {
  if (errors.length > 0) return { errors };
  if (days.length === 0) return { errors: [{ path: '', message: 'The file lists no days' }] };
  if (days.length > MAX_IMPORTED_DAYS) {
    return { errors: [{ path: '', message: `Import at most ${MAX_IMPORTED_DAYS} days at a time` }] };
  }
  return { days: days.sort(byDate) };
}

export function parseCalendarImport(format: CalendarImportFormat, content: string): CalendarImportResult {
  return format === 'ics' ? parseIcs(content) : parseJson(content);
}

interface IcsProperty {
  name: string;
  params: Record<string, string>;
  value: string;
}

/** `NAME;PARAM=x:value`, where a quoted parameter value may itself contain a colon. */
function parseProperty(line: string): IcsProperty | null {
  let quoted = false;
  let colon = -1;
  for (let i = 0; i < line.length && colon < 0; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === ':' && !quoted) colon = i;
  }
  if (colon < 0) return null;
  const [name = '', ...rawParams] = line.slice(0, colon).split(';');
  const params: Record<string, string> = {};
  for (const param of rawParams) {
    const [key = '', value = ''] = param.split('=');
    params[key.toUpperCase()] = value.replace(/^"|"$/g, '');
  }
  return { name: name.toUpperCase(), params, value: line.slice(colon + 1) };
}

const unescapeText = (value: string) =>
  value.replace(/\\([\\;,nN])/g, (_, escaped: string) => (escaped.toLowerCase() === 'n' ? ' ' : escaped));

/** An all-day `YYYYMMDD` as a day number. */
function icsDay(value: string): number | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const date = `${match[1]}-${match[2]}-${match[3]}`;
  return isValidCalendarDate(date) ? parseLocalDate(date) : null;
}

type IcsEvent =
  | { summary: string; kind: CalendarDayKind; start: number; end: number }
  | { summary: string; property: string; problem: string };

/** One VEVENT's days (start inclusive, end exclusive, as day numbers); null for a cancelled event. */
function readEvent(properties: IcsProperty[]): IcsEvent | null {
  const property = (name: string) => properties.find((candidate) => candidate.name === name);
  if (property('STATUS')?.value.trim().toUpperCase() === 'CANCELLED') return null;
  const summary = unescapeText(property('SUMMARY')?.value ?? '').trim();
  const problem = (name: string, text: string): IcsEvent => ({ summary, property: name, problem: text });
  if (property('RRULE')) return problem('RRULE', 'Repeating events cannot be imported; list each day');
  const start = icsDay(property('DTSTART')?.value ?? '');
  if (start === null) return problem('DTSTART', 'Needs an all-day date, such as DTSTART;VALUE=DATE:20261001');
  const dtend = property('DTEND');
  const duration = /^P(\d+)D$/.exec(property('DURATION')?.value.trim() ?? '');
  // DTEND is exclusive: an event on 10-01..10-07 ends 20261008.
  const end = dtend ? icsDay(dtend.value) : start + (duration ? Number(duration[1]) : 1);
  if (end === null) return problem('DTEND', 'Needs an all-day date, such as DTEND;VALUE=DATE:20261008');
  if (end <= start) return problem('DTEND', 'Must be after DTSTART (DTEND is the day after the last one)');
  if (end - start > MAX_EVENT_DAYS)
    return problem('DTEND', `One event may span at most ${MAX_EVENT_DAYS} days`);
  return { summary, kind: WORKDAY_WORDS.test(summary) ? 'workday' : 'holiday', start, end };
}

function parseIcs(content: string): CalendarImportResult {
  // Lines end in CRLF and long ones are folded: a line starting with a space or tab continues the previous one.
  const lines = content
    .replace(/\r\n?/g, '\n')
    .replace(/\n[ \t]/g, '')
    .split('\n');
  if (!lines.some((line) => line.trim().toUpperCase() === 'BEGIN:VCALENDAR')) {
    return { errors: [{ path: '', message: 'Not an iCalendar file (no BEGIN:VCALENDAR)' }] };
  }
  const events: IcsProperty[][] = [];
  let event: IcsProperty[] | null = null;
  let nested = 0;
  for (const line of lines) {
    const upper = line.trim().toUpperCase();
    if (upper === 'BEGIN:VEVENT' && !event) event = [];
    else if (upper === 'END:VEVENT' && event && nested === 0) {
      events.push(event);
      event = null;
    } else if (event && upper.startsWith('BEGIN:')) nested++;
    else if (event && upper.startsWith('END:')) nested--;
    else if (event && nested === 0) {
      const property = parseProperty(line);
      if (property) event.push(property);
    }
  }

  const errors: ImportError[] = [];
  const days = new Map<string, CalendarDay>();
  events.forEach((properties, index) => {
    const event = readEvent(properties);
    if (!event) return;
    const fail = (property: string, message: string) => {
      const where = event.summary ? `${event.summary}: ` : '';
      errors.push({ path: `/events/${index}/${property}`, message: `${where}${message}` });
    };
    if ('problem' in event) {
      fail(event.property, event.problem);
      return;
    }
    for (let dayNumber = event.start; dayNumber < event.end; dayNumber++) {
      const date = formatDayNumber(dayNumber);
      const existing = days.get(date);
      if (existing && existing.kind !== event.kind) {
        fail('DTSTART', `${date} is both a holiday and a make-up workday in this file`);
        return;
      }
      if (!existing) days.set(date, day(date, event.kind, event.summary));
    }
  });
  return finish([...days.values()], errors);
}

const listedDay = z.object({
  date: z.string(),
  kind: z.enum(['holiday', 'workday']),
  name: z.string().max(MAX_NAME_LENGTH).optional(),
  intervals: z
    .array(z.object({ start: z.string(), end: z.string() }))
    .max(12)
    .optional(),
});
const dayList = z.array(listedDay).max(MAX_IMPORTED_DAYS);
const chineseDaysMaps = z.object({
  holidays: z.record(z.string(), z.string()).default({}),
  workdays: z.record(z.string(), z.string()).default({}),
});

const issuePath = (base: string, path: PropertyKey[]) => [base, ...path.map(String)].join('/');

function parseJson(content: string): CalendarImportResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (error) {
    return { errors: [{ path: '', message: `Not valid JSON: ${(error as Error).message}` }] };
  }
  if (Array.isArray(parsed)) return fromList(parsed, '');
  // Kefu's own day listing ({year, days}) reads back in as it was exported.
  if (parsed && typeof parsed === 'object' && 'days' in parsed) return fromList(parsed.days, '/days');
  if (parsed && typeof parsed === 'object' && ('holidays' in parsed || 'workdays' in parsed)) {
    return fromChineseDays(parsed);
  }
  return {
    errors: [
      {
        path: '',
        message: 'Expected a list of {date, kind, name?, intervals?} or chinese-days’ {holidays, workdays}',
      },
    ],
  };
}

function fromList(input: unknown, base: string): CalendarImportResult {
  const result = dayList.safeParse(input);
  if (!result.success) {
    return {
      errors: result.error.issues.map((issue) => ({
        path: issuePath(base, issue.path),
        message: issue.message,
      })),
    };
  }
  const days = result.data.map((listed) => {
    const parsed = day(listed.date, listed.kind, listed.name);
    return listed.kind === 'workday' && listed.intervals
      ? { ...parsed, intervals: listed.intervals }
      : parsed;
  });
  return finish(days, dayErrors(days, base));
}

function fromChineseDays(input: unknown): CalendarImportResult {
  const result = chineseDaysMaps.safeParse(input);
  if (!result.success) {
    return {
      errors: result.error.issues.map((issue) => ({
        path: issuePath('', issue.path),
        message: issue.message,
      })),
    };
  }
  const errors: ImportError[] = [];
  const days: CalendarDay[] = [];
  for (const kind of ['holiday', 'workday'] as const) {
    const map = kind === 'holiday' ? result.data.holidays : result.data.workdays;
    for (const [date, value] of Object.entries(map)) {
      const path = `/${kind}s/${date}`;
      if (!isValidCalendarDate(date)) errors.push({ path, message: 'Use a real date, YYYY-MM-DD' });
      else if (kind === 'workday' && date in result.data.holidays) {
        errors.push({ path, message: `${date} is both a holiday and a make-up workday` });
      } else days.push(day(date, kind, chineseDaysName(value, kind)));
    }
  }
  return finish(days, errors);
}
