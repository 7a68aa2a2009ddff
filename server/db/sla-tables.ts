/** Kysely types of the service-level tables: calendars, policies, per-ticket clocks, notifications, webhooks. */
import type {
  CalendarDay,
  EscalationAction,
  EscalationLevel,
  SlaClockState,
  SlaConditions,
  SlaDuration,
  SlaMetric,
  SlaTarget,
  WorkingInterval,
} from '@shared/sla';
import type { TicketStatus } from '@shared/tickets';
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Json, NullableTimestamp, Timestamp } from './schema';

export interface CalendarsTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  time_zone: string;
  always_open: Generated<boolean>;
  /** Seven entries, Sunday first: the working intervals of each weekday. */
  week: Json<WorkingInterval[][]>;
  follows_official: Generated<boolean>;
  /** The workspace's own holidays and make-up days; they win over the official ones on the same date. */
  overrides: Json<CalendarDay[]>;
  is_default: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SlaPoliciesTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  position: number;
  enabled: Generated<boolean>;
  calendar_id: string | null;
  match: Json<SlaConditions>;
  targets: Json<SlaTarget[]>;
  pause_statuses: ColumnType<TicketStatus[], TicketStatus[] | undefined, TicketStatus[]>;
  warn_at_share: Generated<number>;
  warning_actions: Json<EscalationAction[]>;
  escalations: Json<EscalationLevel[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TicketSlaClocksTable {
  workspace_id: string;
  ticket_id: string;
  metric: SlaMetric;
  policy_id: string | null;
  calendar_id: string | null;
  target: Json<SlaDuration>;
  state: SlaClockState;
  cycle: Generated<number>;
  started_at: Timestamp;
  paused_at: NullableTimestamp;
  paused_seconds: Generated<number>;
  warn_at: NullableTimestamp;
  due_at: NullableTimestamp;
  warned_at: NullableTimestamp;
  breached_at: NullableTimestamp;
  met_at: NullableTimestamp;
  escalation_level: Generated<number>;
  next_fire_at: NullableTimestamp;
  updated_at: Timestamp;
}

export interface SlaFiringsTable {
  workspace_id: string;
  ticket_id: string;
  metric: string;
  cycle: number;
  level: number;
  fired_at: Timestamp;
}

export interface NotificationsTable {
  id: Generated<string>;
  workspace_id: string;
  user_id: string;
  kind: string;
  ticket_id: string | null;
  data: Json<Record<string, unknown>>;
  read_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface WebhookCallsTable {
  id: Generated<string>;
  workspace_id: string;
  url: string;
  payload: Json<Record<string, unknown>>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  delivered_at: NullableTimestamp;
  failed_at: NullableTimestamp;
  last_error: string | null;
  created_at: Timestamp;
}

export type CalendarRow = Selectable<CalendarsTable>;
export type SlaPolicyRow = Selectable<SlaPoliciesTable>;
export type TicketSlaClockRow = Selectable<TicketSlaClocksTable>;
export type NotificationRow = Selectable<NotificationsTable>;
