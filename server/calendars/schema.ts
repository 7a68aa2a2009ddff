import { isoTimestamp } from '@server/http/common-schema';
import { z } from 'zod';

/** A workspace's own days on one calendar; some years of holidays and make-up days fit many times over. */
export const MAX_OVERRIDE_DAYS = 3000;
const MAX_INTERVALS_PER_DAY = 12;

const clockTime = z.string().max(5).describe('Local wall-clock time HH:MM, 24-hour; 24:00 allowed as an end');

export const workingIntervalSchema = z.object({ start: clockTime, end: clockTime });

const dayIntervals = z.array(workingIntervalSchema).max(MAX_INTERVALS_PER_DAY);

/** Seven entries, Sunday first: each weekday's working intervals, sorted; none is a day off. */
const weekSchema = z.array(dayIntervals).max(7);

export const calendarDaySchema = z.object({
  /** Local date YYYY-MM-DD. */
  date: z.string().max(10),
  /** `holiday`: no working time; `workday`: a make-up working day (调休上班), often a Saturday or Sunday. */
  kind: z.enum(['holiday', 'workday']),
  name: z.string().trim().max(100).optional(),
  /** A workday's hours; the standard weekday hours when missing. */
  intervals: dayIntervals.optional(),
});

export const calendarSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** IANA zone the hours and dates are read in. */
  timeZone: z.string(),
  /** 24×7: every second is business time; week and days are ignored. */
  alwaysOpen: z.boolean(),
  week: z.array(z.array(workingIntervalSchema)),
  /** Counts the State Council's holidays and make-up days. */
  followsOfficial: z.boolean(),
  /** The workspace's own holidays and workdays; they win over official days on the same date. */
  overrides: z.array(calendarDaySchema),
  /** The calendar SLA policies without one of their own count on; exactly one per workspace. */
  isDefault: z.boolean(),
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
});
export type CalendarJson = z.infer<typeof calendarSchema>;

export const calendarListSchema = z.object({ items: z.array(calendarSchema) });

const calendarFields = {
  name: z.string().trim().min(1).max(100),
  /** IANA zone such as Asia/Shanghai; the workspace's when omitted. */
  timeZone: z.string().trim().min(1).max(64),
  alwaysOpen: z.boolean(),
  /** The standard week (Mon–Fri 09:00–12:00, 13:30–18:30) when omitted; 00:00–24:00 daily when `alwaysOpen`. */
  week: weekSchema,
  followsOfficial: z.boolean(),
  overrides: z.array(calendarDaySchema).max(MAX_OVERRIDE_DAYS),
  /** Makes this the workspace's default calendar (the previous default stops being one). */
  isDefault: z.boolean(),
};

export const createCalendarBody = z.object({
  ...calendarFields,
  timeZone: calendarFields.timeZone.optional(),
  alwaysOpen: calendarFields.alwaysOpen.default(false),
  week: calendarFields.week.optional(),
  followsOfficial: calendarFields.followsOfficial.default(true),
  overrides: calendarFields.overrides.default([]),
  isDefault: calendarFields.isDefault.default(false),
});

export const updateCalendarBody = z
  .object(calendarFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'Send at least one field to change');

export const effectiveDaySchema = z.object({
  date: z.string(),
  kind: z.enum(['holiday', 'workday']),
  name: z.string(),
  /** `official`: from the State Council's notice; `workspace`: the calendar's own day. */
  source: z.enum(['official', 'workspace']),
});

export const calendarYearSchema = z.object({ year: z.number().int(), days: z.array(effectiveDaySchema) });

export const yearQuery = z.object({
  /** The current year in the calendar's zone when omitted. */
  year: z.coerce.number().int().min(1970).max(2100).optional(),
});

export const importCalendarBody = z.object({
  /** `ics`: iCalendar all-day events; `json`: chinese-days' {holidays, workdays} or a list of {date, kind}. */
  format: z.enum(['ics', 'json']),
  /** The file's text. */
  content: z.string().min(1).max(900_000),
});

export const importResultSchema = z.object({
  calendar: calendarSchema,
  /** Days the file listed; each replaced the calendar's own day on that date, if any. */
  imported: z.number().int(),
});

const amount = z.number().min(0);

export const dueBody = z.object({
  /** The start, such as when a ticket was created. */
  from: isoTimestamp,
  /** Exactly one: working days keep the time of day; business hours and minutes count working time only. */
  add: z.union([
    z.strictObject({ workingDays: amount.int().max(3650) }),
    z.strictObject({ businessHours: amount.max(100_000) }),
    z.strictObject({ businessMinutes: amount.max(6_000_000) }),
    z.strictObject({ calendarMinutes: amount.max(6_000_000) }),
  ]),
});

export const dueResultSchema = z.object({ due: isoTimestamp });
