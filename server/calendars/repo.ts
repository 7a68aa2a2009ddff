import type { Database } from '@server/db/schema';
import type { CalendarRow } from '@server/db/sla-tables';
import type { Kysely } from 'kysely';
import { effectiveDays } from './official-cn';
import { ensureDefaultCalendar } from './service';
import { compileCalendar, type WorkingCalendar } from './working-calendar';

/** A calendar ready for arithmetic, with the id the SLA clocks record. */
export interface ResolvedCalendar {
  id: string;
  calendar: WorkingCalendar;
}

const CACHE_TTL_MS = 5_000;
const DEFAULT_KEY = 'default';

export function compileCalendarRow(row: CalendarRow): WorkingCalendar {
  return compileCalendar({
    timeZone: row.time_zone,
    alwaysOpen: row.always_open,
    week: row.week,
    days: effectiveDays(row.follows_official, row.overrides),
  });
}

/** A calendar by id, or the workspace's default (created on first use) when the id is null. */
export async function loadWorkingCalendar(
  db: Kysely<Database>,
  workspaceId: string,
  calendarId: string | null,
): Promise<ResolvedCalendar | null> {
  const row = calendarId
    ? await db
        .selectFrom('calendars')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', calendarId)
        .executeTakeFirst()
    : await ensureDefaultCalendar(db, workspaceId);
  return row ? { id: row.id, calendar: compileCalendarRow(row) } : null;
}

/**
 * Compiled calendars per workspace for the SLA engine, which would otherwise read and compile one for every clock
 * it sets. Entries live `ttlMs`; this process drops a workspace's at once when its calendars change
 * (`invalidate`), other processes within the TTL.
 */
export class CalendarCache {
  private readonly workspaces = new Map<
    string,
    { generation: number; entries: Map<string, { resolved: ResolvedCalendar | null; at: number }> }
  >();

  constructor(private readonly ttlMs = CACHE_TTL_MS) {}

  /** `calendarId` null: the workspace's default calendar. Null when no such calendar is in the workspace. */
  async get(
    db: Kysely<Database>,
    workspaceId: string,
    calendarId: string | null,
  ): Promise<ResolvedCalendar | null> {
    const key = calendarId ?? DEFAULT_KEY;
    const workspace = this.workspaceEntries(workspaceId);
    const cached = workspace.entries.get(key);
    if (cached && performance.now() - cached.at < this.ttlMs) return cached.resolved;
    const generation = workspace.generation;
    const resolved = await loadWorkingCalendar(db, workspaceId, calendarId);
    // An invalidate() while this load ran means it may have read the old calendar: use it once, keep it not.
    if (this.ttlMs > 0 && this.workspaceEntries(workspaceId).generation === generation) {
      workspace.entries.set(key, { resolved, at: performance.now() });
    }
    return resolved;
  }

  invalidate(workspaceId: string): void {
    const workspace = this.workspaceEntries(workspaceId);
    workspace.generation++;
    workspace.entries.clear();
  }

  private workspaceEntries(workspaceId: string) {
    let workspace = this.workspaces.get(workspaceId);
    if (!workspace) {
      workspace = { generation: 0, entries: new Map() };
      this.workspaces.set(workspaceId, workspace);
    }
    return workspace;
  }
}
