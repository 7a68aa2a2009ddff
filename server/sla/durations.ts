import { dueFrom } from '@server/calendars/due';
import type { WorkingCalendar } from '@server/calendars/working-calendar';
import type { SlaDuration, SlaTimeBasis } from '@shared/sla';

const UNIT_SECONDS = { seconds: 1, minutes: 60, hours: 3600 } as const;

/**
 * The instant a target is due when its clock started at `from` and never paused: the calendars' `dueFrom`, the
 * function `POST /calendars/{id}/due` answers with, so the API and the clocks cannot disagree.
 */
export function addDuration(calendar: WorkingCalendar, from: Date, duration: SlaDuration): Date {
  if (duration.unit === 'workingDays') return dueFrom(calendar, from, { workingDays: duration.amount });
  const minutes = (duration.amount * UNIT_SECONDS[duration.unit]) / 60;
  return dueFrom(
    calendar,
    from,
    basisOf(duration) === 'business' ? { businessMinutes: minutes } : { calendarMinutes: minutes },
  );
}

/** Working days count on the calendar whatever `time` says. */
export function basisOf(duration: SlaDuration): SlaTimeBasis {
  return duration.unit === 'workingDays' ? 'business' : duration.time;
}

export function addSeconds(
  calendar: WorkingCalendar,
  basis: SlaTimeBasis,
  from: Date,
  seconds: number,
): Date {
  if (seconds <= 0) return from;
  if (basis === 'calendar') return new Date(from.getTime() + seconds * 1000);
  return calendar.addBusinessSeconds(from, seconds);
}

export function elapsedSeconds(calendar: WorkingCalendar, basis: SlaTimeBasis, from: Date, to: Date): number {
  if (to <= from) return 0;
  if (basis === 'calendar') return (to.getTime() - from.getTime()) / 1000;
  return calendar.businessSecondsBetween(from, to);
}

/** "3 个工作日", "2 小时": how a target reads in the timeline and notifications. */
export function describeDuration(duration: SlaDuration): string {
  const unit = { seconds: '秒', minutes: '分钟', hours: '小时', workingDays: '个工作日' }[duration.unit];
  return `${duration.amount} ${unit}`;
}
