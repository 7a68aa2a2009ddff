import { officialChineseDays } from '@server/calendars/official-cn';
import { compileCalendar, STANDARD_WEEK, type WorkingCalendar } from '@server/calendars/working-calendar';
import type { SlaMetric } from '@shared/sla';
import { type Firing, fireDue, type SlaClock } from './clock-machine';
import { planClocks, type SlaEvent } from './planner';
import { escalationLevelsFor, escalationOffsets, type SlaPolicy, type TicketFacts } from './policy-match';
import { findServicePreset } from './presets';

/** The official Chinese calendar with standard office hours, as a preset's default calendar is. */
export const chineseOfficeCalendar: WorkingCalendar = compileCalendar({
  timeZone: 'Asia/Shanghai',
  alwaysOpen: false,
  week: STANDARD_WEEK,
  days: officialChineseDays(),
});

export interface SimulatedFiring {
  at: string;
  metric: SlaMetric;
  firing: Firing;
  actions: string[];
}

/**
 * One ticket under one policy, without a database: the same planner and clock machine the server runs, stepped
 * through time by the scenario tests (the scheduler's sweep reduced to "fire what is due at this instant").
 */
export class TicketSimulation {
  clocks = new Map<SlaMetric, SlaClock>();
  readonly fired: SimulatedFiring[] = [];

  constructor(
    readonly facts: TicketFacts,
    readonly policy: SlaPolicy,
    readonly calendar: WorkingCalendar = chineseOfficeCalendar,
  ) {}

  static ofPreset(presetId: string, facts: Partial<TicketFacts> & { receivedAt: Date }): TicketSimulation {
    const preset = findServicePreset(presetId);
    const body = preset?.policies[0];
    if (!body) throw new Error(`No preset ${presetId}`);
    return new TicketSimulation(
      {
        id: 'ticket',
        workspaceId: 'workspace',
        priority: 'normal',
        type: null,
        subtype: null,
        channel: 'web_chat',
        tags: [],
        customerTier: null,
        status: 'new',
        assigneeId: 'agent',
        teamId: null,
        needsCollaboration: false,
        createdAt: facts.receivedAt,
        firstResponseAt: null,
        ...facts,
      },
      { ...structuredClone(body), id: 'policy', position: 1 },
    );
  }

  /** Registered at `createdAt`, as createTicket and intake report it. */
  created(): this {
    return this.apply({ kind: 'created', at: this.facts.createdAt });
  }

  apply(...events: SlaEvent[]): this {
    const plan = planClocks({
      facts: this.facts,
      clocks: this.clocks,
      events,
      policy: this.policy,
      calendarId: 'calendar',
      calendar: this.calendar,
    });
    for (const clock of plan.upserts) this.clocks.set(clock.metric, clock);
    for (const metric of plan.removed) this.clocks.delete(metric);
    return this;
  }

  /** Changes facts the way an edit would, then tells the planner which fields changed. */
  edit(at: Date, changes: Partial<TicketFacts>): this {
    const status = changes.status;
    const { status: _ignored, ...fields } = changes;
    Object.assign(this.facts, fields);
    const names = Object.keys(fields).map((key) =>
      key === 'assigneeId' ? 'assignee' : key === 'needsCollaboration' ? 'needs_collaboration' : key,
    ) as ('priority' | 'type' | 'assignee' | 'tags' | 'needs_collaboration')[];
    if (names.length > 0) this.apply({ kind: 'fields_changed', at, fields: names });
    if (status && status !== this.facts.status) {
      const from = this.facts.status;
      this.facts.status = status;
      this.apply({ kind: 'status_changed', from, to: status, at });
    }
    return this;
  }

  /** Fires everything due up to `now`, as a sweep at that instant would; returns what fired. */
  sweep(now: Date): SimulatedFiring[] {
    const fired: SimulatedFiring[] = [];
    for (const clock of [...this.clocks.values()]) {
      if (!clock.nextFireAt || clock.nextFireAt > now) continue;
      const result = fireDue(clock, now, {
        calendar: this.calendar,
        warnAtShare: this.policy.warnAtShare,
        escalationOffsets: escalationOffsets(this.policy, clock.metric),
      });
      this.clocks.set(clock.metric, result.clock);
      const levels = escalationLevelsFor(this.policy, clock.metric);
      for (const firing of result.firings) {
        const actions =
          firing.kind === 'warning'
            ? this.policy.warningActions
            : firing.kind === 'escalation'
              ? (levels[firing.level - 1]?.actions ?? [])
              : [];
        fired.push({
          at: now.toISOString(),
          metric: clock.metric,
          firing,
          actions: actions.map((a) => a.kind),
        });
      }
    }
    this.fired.push(...fired);
    return fired;
  }

  /** Sweeps at each instant something falls due, up to `until`: the firings at their exact instants. */
  run(until: Date): SimulatedFiring[] {
    const start = this.fired.length;
    for (let guard = 0; guard < 1000; guard++) {
      const due = [...this.clocks.values()].flatMap((clock) =>
        clock.nextFireAt ? [clock.nextFireAt.getTime()] : [],
      );
      const next = due.length > 0 ? Math.min(...due) : null;
      if (next === null || next > until.getTime()) break;
      this.sweep(new Date(next));
    }
    return this.fired.slice(start);
  }

  clock(metric: SlaMetric): SlaClock {
    const clock = this.clocks.get(metric);
    if (!clock) throw new Error(`No ${metric} clock`);
    return clock;
  }
}
