/**
 * The State Council's public holidays and make-up working days (调休上班), from the chinese-days package, which
 * tracks each year's notice (the next year's is published around November). Read once at start.
 */
import { createRequire } from 'node:module';
import type { CalendarDay } from '@shared/sla';
import { chineseDaysName } from './import';

interface ChineseDaysData {
  /** `YYYY-MM-DD` → `English,中文,days`. */
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

// A JSON file of a CommonJS package: require reads it the same under tsx, vitest and plain node.
const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysData;

const byDate = (a: CalendarDay, b: CalendarDay) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

const OFFICIAL_DAYS: readonly CalendarDay[] = [
  ...Object.entries(data.holidays).map(
    ([date, value]): CalendarDay => ({ date, kind: 'holiday', name: chineseDaysName(value, 'holiday') }),
  ),
  ...Object.entries(data.workdays).map(
    ([date, value]): CalendarDay => ({ date, kind: 'workday', name: chineseDaysName(value, 'workday') }),
  ),
].sort(byDate);

/** The years the official data covers, ascending. */
export const OFFICIAL_YEARS: readonly number[] = [
  ...new Set(OFFICIAL_DAYS.map((day) => Number(day.date.slice(0, 4)))),
].sort((a, b) => a - b);

/** Official holidays and make-up workdays, of one year or of all years, by date. */
export function officialChineseDays(year?: number): CalendarDay[] {
  if (year === undefined) return [...OFFICIAL_DAYS];
  const prefix = `${year}-`;
  return OFFICIAL_DAYS.filter((day) => day.date.startsWith(prefix));
}

/** The days a calendar counts with: the official ones when it follows them, its own overrides winning per date. */
export function effectiveDays(followsOfficial: boolean, overrides: CalendarDay[]): CalendarDay[] {
  const merged = new Map<string, CalendarDay>();
  if (followsOfficial) for (const day of OFFICIAL_DAYS) merged.set(day.date, day);
  for (const day of overrides) merged.set(day.date, day);
  return [...merged.values()].sort(byDate);
}
