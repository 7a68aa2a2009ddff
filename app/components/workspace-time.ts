import { useLoadedMe } from '@app/api/me';

export interface WallTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's clock at an instant, field by field (year, month, day, hour, minute, second). */
function zoneClockParts(instant: number, timeZone: string): Record<string, number> {
  return Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(instant))
      .map((part) => [part.type, Number(part.value)]),
  );
}

/** What the zone's clocks show at an instant, to the minute. */
export function wallTimeAt(instant: number, timeZone: string): WallTime {
  const parts = zoneClockParts(instant, timeZone);
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
  };
}

/** How far the zone's clock is ahead of UTC at that instant, in milliseconds. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = zoneClockParts(instant, timeZone);
  const wallAsUtc = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
  );
  return wallAsUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which the workspace's clocks show this wall time: "received at 14:05" means 14:05 where the
 * team works, whatever zone the agent's own computer is set to.
 */
export function wallTimeToIso(wall: WallTime, timeZone: string): string {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const firstGuess = asUtc - zoneOffsetMs(asUtc, timeZone);
  // Evaluated again at the guess, so a daylight-saving change between the two instants is accounted for.
  return new Date(asUtc - zoneOffsetMs(firstGuess, timeZone)).toISOString();
}

/** What a date-time picker holds (a dayjs value): its fields are a wall-clock time, not an instant. */
interface PickedTime {
  year(): number;
  month(): number;
  date(): number;
  hour(): number;
  minute(): number;
}

/** A picker's wall-clock value as the instant it names in the workspace's zone. */
export function pickedTimeToIso(picked: PickedTime, timeZone: string): string {
  return wallTimeToIso(
    {
      year: picked.year(),
      month: picked.month() + 1,
      day: picked.date(),
      hour: picked.hour(),
      minute: picked.minute(),
    },
    timeZone,
  );
}

/** Midnight starting a calendar day (`2026-11-23`) in the zone; `dayOffset` 1 gives the end of that day. */
export function dayStartToIso(date: string, timeZone: string, dayOffset = 0): string {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  const shifted = new Date(Date.UTC(year, month - 1, day + dayOffset));
  return wallTimeToIso(
    {
      year: shifted.getUTCFullYear(),
      month: shifted.getUTCMonth() + 1,
      day: shifted.getUTCDate(),
      hour: 0,
      minute: 0,
    },
    timeZone,
  );
}

/** The workspace's IANA time zone; the browser's until Me has loaded. */
export function useWorkspaceTimeZone(): string {
  return useLoadedMe()?.workspace.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}
