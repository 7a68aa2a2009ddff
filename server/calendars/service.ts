import { recordAudit } from '@server/audit/service';
import type { Principal } from '@server/auth/principal';
import { isUniqueViolation } from '@server/db/errors';
import type { Database } from '@server/db/schema';
import type { CalendarRow } from '@server/db/sla-tables';
import { conflict, notFound, unprocessable } from '@server/http/problem';
import type { CalendarDay, CalendarDayKind, WorkingInterval } from '@shared/sla';
import { type Kysely, sql } from 'kysely';
import { type CalendarImportFormat, parseCalendarImport } from './import';
import { effectiveDays } from './official-cn';
import { MAX_OVERRIDE_DAYS } from './schema';
import { calendarErrors } from './validation';
import { ALWAYS_OPEN_WEEK, STANDARD_WEEK } from './working-calendar';
import { isValidTimeZone } from './zoned-time';

/** The calendar every workspace starts with: the standard week on the official holidays and make-up days. */
export const DEFAULT_CALENDAR_NAME = '中国法定工作日';
const FALLBACK_TIME_ZONE = 'Asia/Shanghai';

export interface CalendarInput {
  name: string;
  /** The workspace's zone when omitted. */
  timeZone?: string;
  alwaysOpen: boolean;
  /** The standard week (24×7 when `alwaysOpen`) when omitted. */
  week?: WorkingInterval[][];
  followsOfficial: boolean;
  overrides: CalendarDay[];
  isDefault: boolean;
}

export type CalendarChanges = Partial<Omit<CalendarInput, 'week' | 'timeZone'>> & {
  week?: WorkingInterval[][];
  timeZone?: string;
};

/** A saved calendar, and the calendar that stopped being the default because of it (its clocks move too). */
export interface SavedCalendar {
  row: CalendarRow;
  replacedDefaultId: string | null;
}

export interface EffectiveDay {
  date: string;
  kind: CalendarDayKind;
  name: string;
  /** `official`: the State Council's; `workspace`: the calendar's own override. */
  source: 'official' | 'workspace';
}

const nameTaken = (error: unknown): never => {
  if (isUniqueViolation(error, 'calendars_workspace_id_name_key')) {
    throw conflict('calendar_name_taken', 'A calendar with this name already exists');
  }
  throw error;
};

/** Holidays carry no hours: intervals on one would only mislead the next reader. */
const storedDays = (days: CalendarDay[]): CalendarDay[] =>
  days.map(({ intervals, ...day }) => (day.kind === 'workday' && intervals ? { ...day, intervals } : day));

function assertValid(errors: ReturnType<typeof calendarErrors>): void {
  if (errors.length > 0) throw unprocessable('invalid_calendar', 'The calendar is not valid', errors);
}

const findDefault = (db: Kysely<Database>, workspaceId: string) =>
  db
    .selectFrom('calendars')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('is_default', '=', true)
    .executeTakeFirst();

/**
 * The workspace's default calendar, created as 中国法定工作日 (standard week, official days, the workspace's zone)
 * the first time anything asks for it. Safe to race: the loser's insert does nothing and it reads the winner's.
 */
export async function ensureDefaultCalendar(
  db: Kysely<Database>,
  workspaceId: string,
  timeZone?: string,
): Promise<CalendarRow> {
  const existing = await findDefault(db, workspaceId);
  if (existing) return existing;
  const workspace = await db
    .selectFrom('workspaces')
    .select('time_zone')
    .where('id', '=', workspaceId)
    .executeTakeFirst();
  if (!workspace) throw notFound('Workspace');
  const zone = timeZone ?? workspace.time_zone;
  const created = await db
    .insertInto('calendars')
    .values({
      workspace_id: workspaceId,
      name: DEFAULT_CALENDAR_NAME,
      time_zone: isValidTimeZone(zone) ? zone : FALLBACK_TIME_ZONE,
      week: JSON.stringify(STANDARD_WEEK),
      follows_official: true,
      overrides: '[]',
      is_default: true,
    })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!created) {
    const winner = await findDefault(db, workspaceId);
    // Only a non-default calendar already holding the name gets here, and a workspace with calendars has a default.
    if (!winner)
      throw conflict('default_calendar_missing', `Name a calendar "${DEFAULT_CALENDAR_NAME}" the default`);
    return winner;
  }
  await recordAudit(db, {
    workspaceId,
    actorUserId: null,
    action: 'calendar.created',
    targetType: 'calendar',
    targetId: created.id,
    detail: { name: created.name, automatic: true },
  });
  return created;
}

/** The default first, then by name. */
export async function listCalendars(db: Kysely<Database>, options: { workspaceId: string }) {
  await ensureDefaultCalendar(db, options.workspaceId);
  return db
    .selectFrom('calendars')
    .selectAll()
    .where('workspace_id', '=', options.workspaceId)
    .orderBy('is_default', 'desc')
    .orderBy('name')
    .execute();
}

export async function findCalendar(
  db: Kysely<Database>,
  options: { workspaceId: string; calendarId: string; forUpdate?: boolean },
): Promise<CalendarRow> {
  let query = db
    .selectFrom('calendars')
    .selectAll()
    .where('workspace_id', '=', options.workspaceId)
    .where('id', '=', options.calendarId);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('Calendar');
  return row;
}

/** Unsets the current default (other than `exceptId`); the partial unique index allows one at a time. */
async function releaseDefault(db: Kysely<Database>, workspaceId: string, exceptId?: string) {
  let query = db
    .updateTable('calendars')
    .set({ is_default: false, updated_at: sql<Date>`now()` })
    .where('workspace_id', '=', workspaceId)
    .where('is_default', '=', true);
  if (exceptId) query = query.where('id', '!=', exceptId);
  const released = await query.returning('id').executeTakeFirst();
  return released?.id ?? null;
}

export async function createCalendar(
  db: Kysely<Database>,
  options: { actor: Principal; input: CalendarInput; ip: string | null },
): Promise<SavedCalendar> {
  const { actor, input } = options;
  const workspace = await db
    .selectFrom('workspaces')
    .select('time_zone')
    .where('id', '=', actor.workspaceId)
    .executeTakeFirstOrThrow();
  const week = input.week ?? (input.alwaysOpen ? ALWAYS_OPEN_WEEK : STANDARD_WEEK);
  assertValid(calendarErrors(input, { alwaysOpen: input.alwaysOpen, week, overrides: input.overrides }));
  return db
    .transaction()
    .execute(async (tx) => {
      // The first calendar of a workspace is its default whatever the request says: policies need one.
      const makeDefault = input.isDefault || !(await findDefault(tx, actor.workspaceId));
      const replacedDefaultId = makeDefault ? await releaseDefault(tx, actor.workspaceId) : null;
      const row = await tx
        .insertInto('calendars')
        .values({
          workspace_id: actor.workspaceId,
          name: input.name,
          time_zone: input.timeZone ?? workspace.time_zone,
          always_open: input.alwaysOpen,
          week: JSON.stringify(week),
          follows_official: input.followsOfficial,
          overrides: JSON.stringify(storedDays(input.overrides)),
          is_default: makeDefault,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        action: 'calendar.created',
        targetType: 'calendar',
        targetId: row.id,
        detail: { name: row.name, isDefault: row.is_default },
        ip: options.ip,
      });
      return { row, replacedDefaultId };
    })
    .catch(nameTaken);
}

export async function updateCalendar(
  db: Kysely<Database>,
  options: { actor: Principal; calendarId: string; changes: CalendarChanges; ip: string | null },
): Promise<SavedCalendar> {
  const { actor, changes } = options;
  return db
    .transaction()
    .execute(async (tx) => {
      const current = await findCalendar(tx, {
        workspaceId: actor.workspaceId,
        calendarId: options.calendarId,
        forUpdate: true,
      });
      if (changes.isDefault === false && current.is_default) {
        throw conflict('default_calendar_required', 'Make another calendar the default instead');
      }
      assertValid(
        calendarErrors(changes, {
          alwaysOpen: changes.alwaysOpen ?? current.always_open,
          week: changes.week ?? current.week,
          overrides: changes.overrides ?? current.overrides,
        }),
      );
      const replacedDefaultId =
        changes.isDefault && !current.is_default
          ? await releaseDefault(tx, actor.workspaceId, current.id)
          : null;
      const row = await tx
        .updateTable('calendars')
        .set({
          ...(changes.name !== undefined ? { name: changes.name } : {}),
          ...(changes.timeZone !== undefined ? { time_zone: changes.timeZone } : {}),
          ...(changes.alwaysOpen !== undefined ? { always_open: changes.alwaysOpen } : {}),
          ...(changes.week !== undefined ? { week: JSON.stringify(changes.week) } : {}),
          ...(changes.followsOfficial !== undefined ? { follows_official: changes.followsOfficial } : {}),
          ...(changes.overrides !== undefined
            ? { overrides: JSON.stringify(storedDays(changes.overrides)) }
            : {}),
          ...(changes.isDefault ? { is_default: true } : {}),
          updated_at: sql<Date>`now()`,
        })
        .where('workspace_id', '=', actor.workspaceId)
        .where('id', '=', current.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        action: 'calendar.updated',
        targetType: 'calendar',
        targetId: row.id,
        detail: { fields: Object.keys(changes) },
        ip: options.ip,
      });
      return { row, replacedDefaultId };
    })
    .catch(nameTaken);
}

/** Neither the default calendar nor one an SLA policy counts on can go: their deadlines would change silently. */
export async function deleteCalendar(
  db: Kysely<Database>,
  options: { actor: Principal; calendarId: string; ip: string | null },
): Promise<void> {
  const { actor } = options;
  await db.transaction().execute(async (tx) => {
    const row = await findCalendar(tx, {
      workspaceId: actor.workspaceId,
      calendarId: options.calendarId,
      forUpdate: true,
    });
    if (row.is_default) {
      throw conflict('default_calendar', 'Make another calendar the default before deleting this one');
    }
    const policies = await tx
      .selectFrom('sla_policies')
      .select('name')
      .where('workspace_id', '=', actor.workspaceId)
      .where('calendar_id', '=', row.id)
      .orderBy('position')
      .execute();
    if (policies.length > 0) {
      throw conflict(
        'calendar_in_use',
        `SLA policies count on this calendar: ${policies.map((policy) => policy.name).join(', ')}`,
      );
    }
    await tx
      .deleteFrom('calendars')
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', row.id)
      .execute();
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: 'calendar.deleted',
      targetType: 'calendar',
      targetId: row.id,
      detail: { name: row.name },
      ip: options.ip,
    });
  });
}

/** Adds a file's days to the calendar's own, an imported date replacing the one already there. */
export async function importCalendarDays(
  db: Kysely<Database>,
  options: {
    actor: Principal;
    calendarId: string;
    format: CalendarImportFormat;
    content: string;
    ip: string | null;
  },
): Promise<{ row: CalendarRow; imported: number }> {
  const { actor } = options;
  return db.transaction().execute(async (tx) => {
    // Another workspace's calendar is a 404 whatever the file holds.
    const current = await findCalendar(tx, {
      workspaceId: actor.workspaceId,
      calendarId: options.calendarId,
      forUpdate: true,
    });
    const parsed = parseCalendarImport(options.format, options.content);
    if ('errors' in parsed) {
      throw unprocessable(
        'invalid_calendar_file',
        `The ${options.format === 'ics' ? 'iCalendar' : 'JSON'} file could not be imported`,
        parsed.errors.map((error) => ({ path: `body/content${error.path}`, message: error.message })),
      );
    }
    const byDate = new Map(current.overrides.map((day) => [day.date, day]));
    for (const day of parsed.days) byDate.set(day.date, day);
    const overrides = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
    if (overrides.length > MAX_OVERRIDE_DAYS) {
      throw unprocessable('too_many_days', `A calendar keeps at most ${MAX_OVERRIDE_DAYS} days of its own`, [
        { path: 'body/content', message: `This import would make ${overrides.length}` },
      ]);
    }
    const row = await tx
      .updateTable('calendars')
      .set({ overrides: JSON.stringify(storedDays(overrides)), updated_at: sql<Date>`now()` })
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: 'calendar.days_imported',
      targetType: 'calendar',
      targetId: row.id,
      detail: { format: options.format, days: parsed.days.length },
      ip: options.ip,
    });
    return { row, imported: parsed.days.length };
  });
}

/** A year's holidays and make-up days as the calendar counts them, each with where it comes from. */
export function effectiveDaysOf(row: CalendarRow, year: number): EffectiveDay[] {
  const own = new Set(row.overrides.map((day) => day.date));
  return effectiveDays(row.follows_official, row.overrides)
    .filter((day) => day.date.startsWith(`${year}-`))
    .map((day) => ({
      date: day.date,
      kind: day.kind,
      name: day.name ?? '',
      source: own.has(day.date) ? 'workspace' : 'official',
    }));
}

/** The current year on a zone's wall clock: the year a calendar page opens on. */
export const currentYear = (timeZone: string): number =>
  Number(new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' }).format(new Date()));
