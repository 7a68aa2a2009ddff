/**
 * Wall-clock time in an IANA time zone with nothing but Intl. Local dates are handled as day numbers (days since
 * 1970-01-01) so that stepping through days is integer arithmetic; Intl is asked for UTC offsets only, and only
 * once per local midnight (cached), except on the few days a year whose offset changes (DST).
 */

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;
/** Days a zone keeps cached: some decades, far more than any deadline looks ahead. */
const DAY_CACHE_LIMIT = 20_000;

/** Whether Intl knows the zone (`Asia/Shanghai`, `Europe/Berlin`, `UTC`). */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** `YYYY-MM-DD` to its day number, or null when it is no real date. */
export function parseLocalDate(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return null;
  }
  return ms / DAY_MS;
}

export const formatDayNumber = (dayNumber: number): string =>
  new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);

/** 0 = Sunday, as in `Date#getDay`; 1970-01-01 was a Thursday. */
export const weekdayOf = (dayNumber: number): number => (((dayNumber + 4) % 7) + 7) % 7;

/** `HH:MM` (24-hour, `24:00` allowed) to minutes after midnight, or null when malformed. */
export function parseClock(value: string): number | null {
  if (value === '24:00') return 1440;
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** One local date of a zone: where it begins and ends on the UTC time line. */
export interface ZonedDay {
  dayNumber: number;
  /** The instant of local midnight, and of the next one (the day's end, exclusive). */
  startMs: number;
  endMs: number;
  /** UTC offsets at the two midnights; they differ only on a day the zone changes its clocks. */
  offsetStartMs: number;
  offsetEndMs: number;
}

/** Converts between instants and wall-clock times of one zone. Get one with `zoneDays(timeZone)`. */
export class TimeZoneDays {
  private readonly formatter: Intl.DateTimeFormat;
  private readonly days = new Map<number, ZonedDay>();
  private readonly midnightOffsets = new Map<number, number>();
  /** Where the last lookup landed: the next one almost always lands on the same or a neighbouring day. */
  private recentOffsetMs = 0;

  constructor(readonly timeZone: string) {
    this.formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    this.recentOffsetMs = this.offsetAt(Date.now());
  }

  /** The zone's UTC offset at an instant (local = UTC + offset). */
  offsetAt(instantMs: number): number {
    const parts: Record<string, number> = {};
    for (const part of this.formatter.formatToParts(instantMs)) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const wall = Date.UTC(
      parts.year ?? 1970,
      (parts.month ?? 1) - 1,
      parts.day ?? 1,
      parts.hour ?? 0,
      parts.minute ?? 0,
      parts.second ?? 0,
    );
    return wall - (instantMs - (((instantMs % 1000) + 1000) % 1000));
  }

  day(dayNumber: number): ZonedDay {
    let day = this.days.get(dayNumber);
    if (!day) {
      if (this.days.size >= DAY_CACHE_LIMIT) this.days.clear();
      const offsetStartMs = this.midnightOffset(dayNumber);
      const offsetEndMs = this.midnightOffset(dayNumber + 1);
      day = {
        dayNumber,
        startMs: dayNumber * DAY_MS - offsetStartMs,
        endMs: (dayNumber + 1) * DAY_MS - offsetEndMs,
        offsetStartMs,
        offsetEndMs,
      };
      this.days.set(dayNumber, day);
    }
    return day;
  }

  /** The local day an instant falls on. */
  dayOf(instantMs: number): ZonedDay {
    let day = this.day(Math.floor((instantMs + this.recentOffsetMs) / DAY_MS));
    while (instantMs < day.startMs) day = this.day(day.dayNumber - 1);
    while (instantMs >= day.endMs) day = this.day(day.dayNumber + 1);
    this.recentOffsetMs = day.offsetStartMs;
    return day;
  }

  /** Milliseconds of wall-clock time since local midnight at an instant of `day`. */
  wallMsOfDay(instantMs: number, day: ZonedDay = this.dayOf(instantMs)): number {
    const offset = day.offsetStartMs === day.offsetEndMs ? day.offsetStartMs : this.offsetAt(instantMs);
    return Math.min(DAY_MS, Math.max(0, instantMs + offset - day.dayNumber * DAY_MS));
  }

  /**
   * The instant of a wall-clock time on a local date. A time the clocks skip (spring forward) is read with the
   * offset before the change, so it lands just after the gap; a time that occurs twice (fall back) means the
   * earlier one — the same choice as Temporal's default `compatible` disambiguation.
   */
  toInstant(dayNumber: number, wallMs: number): number {
    const day = this.day(dayNumber);
    if (wallMs <= 0) return day.startMs;
    if (wallMs >= DAY_MS) return day.endMs;
    const wall = dayNumber * DAY_MS + wallMs;
    if (day.offsetStartMs === day.offsetEndMs) return wall - day.offsetStartMs;
    const before = wall - day.offsetStartMs;
    const after = wall - day.offsetEndMs;
    const beforeHolds = this.offsetAt(before) === day.offsetStartMs;
    const afterHolds = this.offsetAt(after) === day.offsetEndMs;
    if (beforeHolds && afterHolds) return Math.min(before, after);
    if (afterHolds) return after;
    return before;
  }

  /** The offset in force at local midnight starting `dayNumber`: guess, then correct once (twice across a change). */
  private midnightOffset(dayNumber: number): number {
    let offset = this.midnightOffsets.get(dayNumber);
    if (offset === undefined) {
      if (this.midnightOffsets.size >= DAY_CACHE_LIMIT) this.midnightOffsets.clear();
      const wall = dayNumber * DAY_MS;
      const guess = this.offsetAt(wall - this.recentOffsetMs);
      const corrected = this.offsetAt(wall - guess);
      if (corrected === guess) offset = guess;
      else if (this.offsetAt(wall - corrected) === corrected) offset = corrected;
      // Midnight inside a skipped hour: neither offset holds; the smaller one is the one before the change.
      else offset = Math.min(guess, corrected);
      this.midnightOffsets.set(dayNumber, offset);
    }
    return offset;
  }
}

const zones = new Map<string, TimeZoneDays>();

/** The process-wide converter of a zone; throws a RangeError for a zone Intl does not know. */
export function zoneDays(timeZone: string): TimeZoneDays {
  let zone = zones.get(timeZone);
  if (!zone) {
    zone = new TimeZoneDays(timeZone);
    zones.set(timeZone, zone);
  }
  return zone;
}
