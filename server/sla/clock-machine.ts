import type { WorkingCalendar } from '@server/calendars/working-calendar';
import type { SlaClockState, SlaDuration, SlaMetric } from '@shared/sla';
import { addDuration, addSeconds, basisOf, elapsedSeconds } from './durations';

/**
 * One metric of one ticket. The due instant is derived, never edited: the target added to `startedAt`, then the
 * time spent paused (counted the same way as the target: business or calendar time) added on top. A changed
 * policy or calendar re-derives it from the same facts.
 */
export interface SlaClock {
  metric: SlaMetric;
  policyId: string | null;
  calendarId: string | null;
  target: SlaDuration;
  state: SlaClockState;
  cycle: number;
  startedAt: Date;
  pausedAt: Date | null;
  pausedSeconds: number;
  warnAt: Date | null;
  dueAt: Date | null;
  warnedAt: Date | null;
  breachedAt: Date | null;
  metAt: Date | null;
  /** Escalation levels already fired (0 = none). */
  escalationLevel: number;
  nextFireAt: Date | null;
}

/** What scheduling a clock needs beside the clock: its calendar, the warning share, the escalation offsets. */
export interface ClockContext {
  calendar: WorkingCalendar;
  warnAtShare: number;
  /** Minutes after the breach at which each escalation level fires, level 1 first, for this clock's metric. */
  escalationOffsets: readonly number[];
}

export type Firing = { kind: 'warning' } | { kind: 'breach' } | { kind: 'escalation'; level: number };

/** A clock is live until it is met; a breached clock goes on running (and escalating) until it is met. */
export const isLive = (clock: SlaClock) => clock.metAt === null;

export function startClock(
  base: Pick<SlaClock, 'metric' | 'policyId' | 'calendarId' | 'target'> & { cycle?: number },
  at: Date,
  context: ClockContext,
): SlaClock {
  return schedule(
    {
      ...base,
      cycle: base.cycle ?? 1,
      state: 'running',
      startedAt: at,
      pausedAt: null,
      pausedSeconds: 0,
      warnAt: null,
      dueAt: null,
      warnedAt: null,
      breachedAt: null,
      metAt: null,
      escalationLevel: 0,
      nextFireAt: null,
    },
    context,
  );
}

/** Derives due, warning and next-fire instants from the clock's facts. */
export function schedule(clock: SlaClock, context: ClockContext): SlaClock {
  if (clock.metAt !== null || clock.pausedAt !== null) {
    return { ...clock, nextFireAt: null };
  }
  const basis = basisOf(clock.target);
  const unpausedDue = addDuration(context.calendar, clock.startedAt, clock.target);
  const span = elapsedSeconds(context.calendar, basis, clock.startedAt, unpausedDue);
  const dueAt = addSeconds(context.calendar, basis, unpausedDue, clock.pausedSeconds);
  const warnAt = addSeconds(
    context.calendar,
    basis,
    clock.startedAt,
    span * context.warnAtShare + clock.pausedSeconds,
  );
  const candidates: Date[] = [];
  if (clock.warnedAt === null && clock.breachedAt === null) candidates.push(warnAt);
  if (clock.breachedAt === null) candidates.push(dueAt);
  const nextLevel = context.escalationOffsets[clock.escalationLevel];
  if (nextLevel !== undefined) {
    // Levels count from the breach as it happened; before it, from the due instant.
    const breach = clock.breachedAt ?? dueAt;
    candidates.push(new Date(breach.getTime() + nextLevel * 60_000));
  }
  const nextFireAt = candidates.length > 0 ? new Date(Math.min(...candidates.map(Number))) : null;
  return { ...clock, dueAt, warnAt, nextFireAt, state: liveState(clock) };
}

function liveState(clock: SlaClock): SlaClockState {
  if (clock.breachedAt) return 'breached';
  if (clock.warnedAt) return 'warning';
  return 'running';
}

export function pauseClock(clock: SlaClock, at: Date): SlaClock {
  if (!isLive(clock) || clock.pausedAt) return clock;
  // While paused there is no due instant: it depends on when the clock runs again.
  return { ...clock, pausedAt: at, state: 'paused', dueAt: null, warnAt: null, nextFireAt: null };
}

export function resumeClock(clock: SlaClock, at: Date, context: ClockContext): SlaClock {
  if (!isLive(clock) || !clock.pausedAt) return clock;
  const paused = elapsedSeconds(context.calendar, basisOf(clock.target), clock.pausedAt, at);
  return schedule({ ...clock, pausedAt: null, pausedSeconds: clock.pausedSeconds + paused }, context);
}

/** Met on time stays `met`; met after the deadline keeps `breached` with the instant it was met. */
export function meetClock(clock: SlaClock, at: Date): SlaClock {
  if (!isLive(clock)) return clock;
  const late = clock.breachedAt !== null || (clock.dueAt !== null && at > clock.dueAt && !clock.pausedAt);
  return {
    ...clock,
    metAt: at,
    pausedAt: null,
    state: late ? 'breached' : 'met',
    breachedAt: late ? (clock.breachedAt ?? clock.dueAt) : null,
    nextFireAt: null,
  };
}

/** A reopened request: the resolution clock runs again, the time it spent resolved counts as paused. */
export function reopenClock(clock: SlaClock, at: Date, context: ClockContext): SlaClock {
  if (isLive(clock) || !clock.metAt) return clock;
  const resolvedFor = elapsedSeconds(context.calendar, basisOf(clock.target), clock.metAt, at);
  return schedule(
    {
      ...clock,
      metAt: null,
      state: 'running',
      pausedSeconds: clock.pausedSeconds + resolvedFor,
      breachedAt: clock.breachedAt,
    },
    context,
  );
}

/** A new target for a live clock (priority raised, policy or calendar edited): same start, same pauses. */
export function retargetClock(
  clock: SlaClock,
  change: Pick<SlaClock, 'target' | 'policyId' | 'calendarId'>,
  context: ClockContext,
): SlaClock {
  if (!isLive(clock)) return clock;
  const retargeted = { ...clock, ...change };
  if (clock.pausedAt) return retargeted;
  // A deadline that moved later than now un-breaches nothing already fired: firings are kept, only times move.
  return schedule(retargeted, context);
}

/** Everything due by `now`, in order, and the clock after them. */
export function fireDue(
  clock: SlaClock,
  now: Date,
  context: ClockContext,
): { clock: SlaClock; firings: Firing[] } {
  const firings: Firing[] = [];
  let current = schedule(clock, context);
  for (let guard = 0; guard < 8 && current.nextFireAt && current.nextFireAt <= now; guard++) {
    const at: Date = current.nextFireAt;
    // A sweep that comes late fires the breach alone: "about to be late" after the fact is noise.
    if (current.breachedAt === null && current.dueAt && current.dueAt <= now) {
      firings.push({ kind: 'breach' });
      current = { ...current, breachedAt: current.dueAt };
    } else if (current.warnedAt === null && current.breachedAt === null) {
      firings.push({ kind: 'warning' });
      current = { ...current, warnedAt: at };
    } else {
      const level = current.escalationLevel + 1;
      firings.push({ kind: 'escalation', level });
      current = { ...current, escalationLevel: level };
    }
    current = schedule(current, context);
  }
  return { clock: current, firings };
}
