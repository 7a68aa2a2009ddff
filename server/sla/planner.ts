import type { WorkingCalendar } from '@server/calendars/working-calendar';
import { DEFAULT_WARN_AT_SHARE, type SlaDuration, type SlaMetric } from '@shared/sla';
import type { TicketStatus } from '@shared/tickets';
import {
  type ClockContext,
  isLive,
  meetClock,
  pauseClock,
  reopenClock,
  resumeClock,
  retargetClock,
  type SlaClock,
  startClock,
} from './clock-machine';
import { escalationOffsets, type SlaPolicy, type TicketFacts, targetsFor } from './policy-match';

/** What happened to a ticket, as far as its deadlines care. Callers name these explicitly; nothing is inferred. */
export type SlaEvent =
  /** `at`: when the ticket entered Kefu (the registration instant); the clocks it starts count from there. */
  | { kind: 'created'; at: Date }
  | { kind: 'customer_message'; at: Date }
  | { kind: 'agent_reply'; at: Date }
  | { kind: 'note'; at: Date }
  | { kind: 'status_changed'; from: TicketStatus; to: TicketStatus; at: Date }
  | { kind: 'fields_changed'; at: Date; fields: readonly TrackedField[] }
  | { kind: 'callback_requested'; at: Date }
  | { kind: 'explanation_required'; at: Date; withinMinutes: number }
  | { kind: 'explanation_written'; at: Date }
  /** The policy or the calendar changed: the same facts, new targets. */
  | { kind: 'recompute'; at: Date }
  /** Merged into another ticket: that ticket's clocks carry the request, this one's live clocks are dropped. */
  | { kind: 'merged_away' };

export type TrackedField =
  | 'priority'
  | 'type'
  | 'subtype'
  | 'channel'
  | 'tags'
  | 'assignee'
  | 'team'
  | 'needs_collaboration'
  | 'customer';

const DONE_STATUSES: readonly TicketStatus[] = ['resolved', 'closed'];
/** Metrics whose target comes from the event that starts them, not from the policy. */
const OWN_TARGET: readonly SlaMetric[] = ['explanation'];
/** Metrics that end with the conversation when the request is resolved. */
const ENDS_AT_RESOLUTION: readonly SlaMetric[] = [
  'first_response',
  'next_response',
  'progress_update',
  'collaboration_plan',
  'registered',
  'classified',
  'assigned',
];

export interface PlanInput {
  facts: TicketFacts;
  clocks: ReadonlyMap<SlaMetric, SlaClock>;
  events: readonly SlaEvent[];
  policy: SlaPolicy | null;
  calendarId: string | null;
  calendar: WorkingCalendar;
}

export interface Plan {
  /** Clocks to write (new or changed). */
  upserts: SlaClock[];
  /** Live clocks whose metric no longer has a target. */
  removed: SlaMetric[];
}

/** The SOP's deadline rules: which clock starts, stops, pauses or moves on each event. Pure. */
export function planClocks(input: PlanInput): Plan {
  const { facts, policy, calendar } = input;
  const clocks = new Map(input.clocks);
  const changed = new Set<SlaMetric>();
  const removed = new Set<SlaMetric>();
  let targets = policy ? targetsFor(policy, facts) : new Map<SlaMetric, SlaDuration>();
  const pauseStatuses = policy?.pauseStatuses ?? ['pending_customer'];

  const contextFor = (metric: SlaMetric): ClockContext => ({
    calendar,
    warnAtShare: policy?.warnAtShare ?? DEFAULT_WARN_AT_SHARE,
    escalationOffsets: policy ? escalationOffsets(policy, metric) : [],
  });
  const put = (clock: SlaClock) => {
    clocks.set(clock.metric, clock);
    changed.add(clock.metric);
    removed.delete(clock.metric);
  };
  const live = (metric: SlaMetric) => {
    const clock = clocks.get(metric);
    return clock && isLive(clock) ? clock : undefined;
  };
  const start = (metric: SlaMetric, at: Date, target = targets.get(metric)) => {
    if (!target) return undefined;
    const previous = clocks.get(metric);
    let clock = startClock(
      {
        metric,
        target,
        policyId: policy?.id ?? null,
        calendarId: input.calendarId,
        cycle: previous ? previous.cycle + 1 : 1,
      },
      at,
      contextFor(metric),
    );
    if (pauseStatuses.includes(facts.status)) clock = pauseClock(clock, at);
    put(clock);
    return clock;
  };
  const meet = (metric: SlaMetric, at: Date) => {
    const clock = live(metric);
    if (clock) put(meetClock(clock, at));
  };
  const startMet = (metric: SlaMetric, from: Date, metAt: Date) => {
    const clock = start(metric, from);
    if (clock) put(meetClock(clock, metAt));
  };

  for (const event of input.events) {
    switch (event.kind) {
      case 'created': {
        // Seed 001's stages: registered (received → in the system), classified, then assigned.
        const registeredAt = event.at;
        startMet('registered', facts.receivedAt, registeredAt);
        if (facts.type) startMet('classified', registeredAt, registeredAt);
        else start('classified', registeredAt);
        if (facts.type && facts.assigneeId) startMet('assigned', registeredAt, registeredAt);
        else if (facts.type) start('assigned', registeredAt);
        if (facts.firstResponseAt) startMet('first_response', facts.receivedAt, facts.firstResponseAt);
        else start('first_response', facts.receivedAt);
        start('resolution', facts.receivedAt);
        start('progress_update', registeredAt);
        if (facts.needsCollaboration) start('collaboration_plan', registeredAt);
        break;
      }
      case 'customer_message': {
        // Waiting again: the next response is owed only once the first one was given.
        const first = clocks.get('first_response');
        if (first && !isLive(first) && !live('next_response')) start('next_response', event.at);
        break;
      }
      case 'agent_reply': {
        meet('first_response', event.at);
        meet('next_response', event.at);
        if (live('progress_update')) {
          meet('progress_update', event.at);
          if (!DONE_STATUSES.includes(facts.status)) start('progress_update', event.at);
        }
        // Resolved and then told: the result notice (seed 001: ≤ 30 min after done) is met.
        meet('result_notice', event.at);
        break;
      }
      case 'note':
        meet('collaboration_plan', event.at);
        break;
      case 'status_changed':
        applyStatusChange(event);
        break;
      case 'fields_changed':
        targets = policy ? targetsFor(policy, facts) : new Map();
        if (event.fields.includes('type') && facts.type) {
          meet('classified', event.at);
          if (!clocks.has('assigned')) start('assigned', event.at);
        }
        if (event.fields.includes('assignee') && facts.assigneeId) meet('assigned', event.at);
        if (
          event.fields.includes('needs_collaboration') &&
          facts.needsCollaboration &&
          !live('collaboration_plan')
        )
          start('collaboration_plan', event.at);
        retargetAll();
        break;
      case 'recompute':
        retargetAll();
        break;
      case 'callback_requested':
        if (!live('callback')) start('callback', event.at);
        break;
      case 'explanation_required':
        if (!live('explanation'))
          start('explanation', event.at, { amount: event.withinMinutes, unit: 'minutes', time: 'calendar' });
        break;
      case 'explanation_written':
        meet('explanation', event.at);
        break;
      case 'merged_away':
        for (const clock of [...clocks.values()]) {
          if (!isLive(clock)) continue;
          removed.add(clock.metric);
          clocks.delete(clock.metric);
          changed.delete(clock.metric);
        }
        break;
    }
  }

  function applyStatusChange(event: Extract<SlaEvent, { kind: 'status_changed' }>) {
    const { from, to, at } = event;
    // 已闭环: the customer was told and asked (seed 001/002), so the survey and any callback are done.
    if (to === 'closed') {
      meet('result_notice', at);
      meet('survey', at);
      meet('callback', at);
    }
    if (DONE_STATUSES.includes(to) && !DONE_STATUSES.includes(from)) {
      // The result was told already when nobody was left waiting for an answer.
      const told = Boolean(clocks.get('first_response') && !live('first_response') && !live('next_response'));
      meet('resolution', at);
      for (const metric of ENDS_AT_RESOLUTION) meet(metric, at);
      if (told) startMet('result_notice', at, at);
      else start('result_notice', at);
      start('survey', at);
      return;
    }
    if (DONE_STATUSES.includes(from) && !DONE_STATUSES.includes(to)) {
      const resolution = clocks.get('resolution');
      if (resolution && !isLive(resolution)) put(reopenClock(resolution, at, contextFor('resolution')));
      meet('result_notice', at);
      meet('survey', at);
      if (!live('progress_update')) start('progress_update', at);
    }
    const pausing = pauseStatuses.includes(to);
    for (const clock of clocks.values()) {
      if (!isLive(clock)) continue;
      if (pausing && !clock.pausedAt) put(pauseClock(clock, at));
      if (!pausing && clock.pausedAt) put(resumeClock(clock, at, contextFor(clock.metric)));
    }
  }

  function retargetAll() {
    for (const clock of clocks.values()) {
      if (!isLive(clock) || OWN_TARGET.includes(clock.metric)) continue;
      const target = targets.get(clock.metric);
      if (!target) {
        removed.add(clock.metric);
        clocks.delete(clock.metric);
        changed.delete(clock.metric);
        continue;
      }
      const next = retargetClock(
        clock,
        { target, policyId: policy?.id ?? null, calendarId: input.calendarId },
        contextFor(clock.metric),
      );
      if (!sameSchedule(clock, next)) put(next);
    }
  }

  return {
    upserts: [...changed].map((metric) => clocks.get(metric) as SlaClock),
    removed: [...removed],
  };
}

function sameSchedule(a: SlaClock, b: SlaClock): boolean {
  return (
    a.policyId === b.policyId &&
    a.calendarId === b.calendarId &&
    JSON.stringify(a.target) === JSON.stringify(b.target) &&
    a.dueAt?.getTime() === b.dueAt?.getTime() &&
    a.warnAt?.getTime() === b.warnAt?.getTime() &&
    a.nextFireAt?.getTime() === b.nextFireAt?.getTime()
  );
}
