import type { AppNotification } from '@app/api/sla-types';
import { useFormatDateTime } from '@app/components/use-format-date';
import { useSlaLabels } from '@app/sla/sla-labels';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

export interface NotificationText {
  /** What happened: "首次响应即将超时", or for a digest "12 项时效已超时并升级". */
  title: string;
  /** Which ticket or tickets: "工单 20261201001 · 申请退货", "工单 20261201001、20261201002 等". */
  ticket: string | null;
  /** The deadline concerned, when there is one. */
  due: string | null;
}

const KNOWN_KINDS = [
  'sla_warning',
  'sla_breached',
  'sla_escalated',
  'explanation_required',
  'ticket_assigned',
  'incident_opened',
] as const;
const isKnownKind = (kind: string): kind is (typeof KNOWN_KINDS)[number] =>
  (KNOWN_KINDS as readonly string[]).includes(kind);
/** A digest names this many of its tickets; the rest are "等". */
const DIGEST_NUMBERS_SHOWN = 5;

/** Where opening a notification leads: its ticket or incident, or for a digest the list of those. */
export function notificationLink(notification: AppNotification): string | null {
  if (notification.ticketId) return `/tickets/${notification.ticketId}`;
  if (notification.kind === 'incident_opened') {
    const { incidentId } = notification.data;
    return typeof incidentId === 'string' && !notification.data.digest
      ? `/incidents/${incidentId}`
      : '/incidents';
  }
  if (!notification.data.digest) return null;
  if (notification.kind === 'ticket_assigned') return '/tickets?view=mine';
  const sla = notification.kind === 'sla_warning' ? 'breaching_soon' : 'breached';
  return `/tickets?view=all_open&sla=${sla}`;
}

/** Words for a notification; a kind the server added later still reads, generically. */
export function useNotificationText(): (notification: AppNotification) => NotificationText {
  const { t } = useTranslation();
  const labels = useSlaLabels();
  const formatDateTime = useFormatDateTime();
  return useCallback(
    ({ kind, data }) => {
      if (data.digest) {
        const count = data.count ?? 0;
        const numbers = [...new Set(data.ticketNumbers ?? [])];
        const shown = numbers.slice(0, DIGEST_NUMBERS_SHOWN).join(t('common.listSeparator'));
        return {
          title: isKnownKind(kind)
            ? t(`notifications.digest.${kind}`, { count })
            : t('notifications.digest.other', { count }),
          ticket:
            numbers.length === 0
              ? null
              : numbers.length > DIGEST_NUMBERS_SHOWN
                ? t('notifications.ticketsMore', { numbers: shown })
                : t('notifications.ticket', { number: shown }),
          due: null,
        };
      }
      const metric = data.metric ? labels.metric(data.metric) : t('notifications.someMetric');
      const title = isKnownKind(kind)
        ? t(`notifications.kinds.${kind}`, { metric, level: data.level ?? 1 })
        : t('notifications.kinds.other');
      const number = data.ticketNumber ? t('notifications.ticket', { number: data.ticketNumber }) : null;
      // An incident names itself and how many tickets it gathered instead of one ticket.
      const incident =
        kind === 'incident_opened' && typeof data.title === 'string'
          ? t('notifications.incident', { title: data.title, count: Number(data.ticketCount ?? 0) })
          : null;
      return {
        title,
        ticket: incident ?? ([number, data.subject].filter(Boolean).join(' · ') || null),
        due: data.dueAt ? t('notifications.due', { time: formatDateTime(data.dueAt) }) : null,
      };
    },
    [t, labels, formatDateTime],
  );
}
