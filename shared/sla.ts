import type { TicketPriority, TicketStatus } from './tickets';

/**
 * What the seeds put deadlines on. Stage targets follow seed 001 (registered → classified → assigned); callback,
 * survey and result notice are the closing-the-loop deadlines; explanation is the 1 h write-up seed 002 asks of an
 * agent whose ticket escalated.
 */
export const SLA_METRICS = [
  'first_response',
  'next_response',
  'progress_update',
  'resolution',
  'registered',
  'classified',
  'assigned',
  'result_notice',
  'collaboration_plan',
  'survey',
  'callback',
  'explanation',
] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

export const SLA_CLOCK_STATES = ['running', 'paused', 'warning', 'breached', 'met'] as const;
export type SlaClockState = (typeof SLA_CLOCK_STATES)[number];

export const SLA_DURATION_UNITS = ['seconds', 'minutes', 'hours', 'workingDays'] as const;
export type SlaDurationUnit = (typeof SLA_DURATION_UNITS)[number];

/** Business time counts only the calendar's working hours; calendar time counts every second. */
export type SlaTimeBasis = 'business' | 'calendar';

export interface SlaDuration {
  amount: number;
  unit: SlaDurationUnit;
  /** `workingDays` is always counted on the calendar; other units follow this. */
  time: SlaTimeBasis;
}

/** Conditions; an empty or missing list matches anything. */
export interface SlaConditions {
  priorities?: TicketPriority[];
  types?: string[];
  subtypes?: string[];
  channels?: string[];
  customerTiers?: string[];
  tags?: string[];
}

export interface SlaTarget extends SlaDuration {
  metric: SlaMetric;
  /** Narrows the target within its policy: the first target of a metric whose conditions hold applies. */
  when?: SlaConditions;
}

export type EscalationAction =
  | { kind: 'notify_assignee' }
  | { kind: 'notify_supervisor' }
  | { kind: 'raise_priority' }
  | { kind: 'reassign'; to: 'supervisor' | 'team'; teamId?: string | null }
  | { kind: 'add_tag'; tag: string }
  | { kind: 'webhook'; url: string }
  /** Seed 002: the agent explains an overdue ticket within this many minutes (tracked as the explanation clock). */
  | { kind: 'require_explanation'; withinMinutes: number };
export type EscalationActionKind = EscalationAction['kind'];

export interface EscalationLevel {
  /** Minutes after the breach at which this level fires; level 1 is usually 0 (at the breach). */
  afterMinutes: number;
  /** Metrics it applies to; all when empty. */
  metrics?: SlaMetric[];
  actions: EscalationAction[];
}

export interface SlaPolicyBody {
  name: string;
  enabled: boolean;
  /** The calendar business time is counted on; the workspace's default calendar when null. */
  calendarId: string | null;
  match: SlaConditions;
  targets: SlaTarget[];
  /** Statuses in which the clocks stop (the ticket waits on the customer). */
  pauseStatuses: TicketStatus[];
  /** Share of a target after which it shows as warning and the warning actions run (default 0.8). */
  warnAtShare: number;
  warningActions: EscalationAction[];
  /** Up to four levels (Freshdesk has four). */
  escalations: EscalationLevel[];
}

export const MAX_ESCALATION_LEVELS = 4;
export const DEFAULT_WARN_AT_SHARE = 0.8;

/** One metric of one ticket as the API shows it (`ticket.sla`). */
export interface TicketSlaEntry {
  metric: SlaMetric;
  state: SlaClockState;
  dueAt: string | null;
  warnAt: string | null;
  startedAt: string;
  metAt: string | null;
  breachedAt: string | null;
  pausedAt: string | null;
  escalationLevel: number;
  target: SlaDuration;
}

/** Days worth telling apart in a working calendar. */
export type CalendarDayKind = 'holiday' | 'workday';

export interface WorkingInterval {
  /** Local wall-clock time `HH:MM`, 24-hour; `24:00` allowed as an end. */
  start: string;
  end: string;
}

export interface CalendarDay {
  /** Local date `YYYY-MM-DD`. */
  date: string;
  kind: CalendarDayKind;
  name?: string;
  /** Working hours of a workday; the calendar's standard workday hours when missing. Ignored for a holiday. */
  intervals?: WorkingInterval[];
}
