import type {
  CalendarJson,
  calendarYearSchema,
  createCalendarBody,
  dueBody,
  effectiveDaySchema,
  importCalendarBody,
  updateCalendarBody,
} from '@server/calendars/schema';
import type { policySchema, previewBody, previewSchema } from '@server/sla/policies/schema';
import type { SlaConditions, SlaDuration, SlaMetric } from '@shared/sla';
import type { z } from 'zod';

// Service levels: calendars, SLA policies, presets and notifications. As in types.ts, the server's schemas are the
// contract where they are exported; presets and notifications are described by their routes only.

/** A working calendar (`/calendars`). */
export type Calendar = CalendarJson;
export type CreateCalendarInput = z.input<typeof createCalendarBody>;
export type UpdateCalendarInput = z.input<typeof updateCalendarBody>;
/** One date that differs from the ordinary week, with where the difference comes from. */
export type EffectiveCalendarDay = z.infer<typeof effectiveDaySchema>;
export type CalendarYear = z.infer<typeof calendarYearSchema>;
export type CalendarImportFormat = z.input<typeof importCalendarBody>['format'];
/** How much time `POST /calendars/{id}/due` adds; exactly one of working days, business hours or minutes. */
export type DueAddition = z.input<typeof dueBody>['add'];

/** A policy as the server keeps it: evaluated in `position` order, the first whose match holds applies. */
export type SlaPolicy = z.infer<typeof policySchema>;
/** The ticket a preview imagines. */
export type SlaPreviewTicket = z.input<typeof previewBody>['ticket'];
export type SlaPreview = z.infer<typeof previewSchema>;

/** One of the five seed SOPs' service levels, applicable in one step (`GET /sla/presets`). */
export interface SlaPreset {
  id: string;
  name: string;
  /** The SOP it comes from. */
  source: string;
  description: string;
  targets: (SlaDuration & { metric: SlaMetric; when?: SlaConditions })[];
}

export interface SlaPresetList {
  currentPresetId: string | null;
  items: SlaPreset[];
}

/** What a notification can be about; the server may add kinds, which show with a generic text. */
export type NotificationKind =
  | 'sla_warning'
  | 'sla_breached'
  | 'sla_escalated'
  | 'explanation_required'
  | 'ticket_assigned'
  | 'incident_opened';

/** One entry of a person's own notification list (`GET /notifications`). */
export interface AppNotification {
  id: string;
  kind: NotificationKind | (string & {});
  ticketId: string | null;
  /**
   * What the list shows without another request. Many at once of one kind become one digest (`digest: true`,
   * `ticketId` null) naming how many and the first tickets.
   */
  data: {
    ticketNumber?: string;
    subject?: string;
    metric?: SlaMetric;
    level?: number;
    dueAt?: string | null;
    digest?: boolean;
    count?: number;
    ticketNumbers?: string[];
  } & Record<string, unknown>;
  readAt: string | null;
  createdAt: string;
}

export interface NotificationPage {
  items: AppNotification[];
  unreadCount: number;
}
