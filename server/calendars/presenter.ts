import type { CalendarRow } from '@server/db/sla-tables';
import { toIso } from '@server/http/common-schema';
import type { CalendarJson } from './schema';

export function presentCalendar(row: CalendarRow): CalendarJson {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    alwaysOpen: row.always_open,
    week: row.week,
    followsOfficial: row.follows_official,
    overrides: row.overrides,
    isDefault: row.is_default,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}
