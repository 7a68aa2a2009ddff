import { ESCALATION_ACTION_KINDS, type SlaLabels } from '@app/sla/sla-labels';
import type { EscalationActionKind } from '@shared/sla';
import type { TFunction } from 'i18next';

const SLA_EVENT_KINDS = ['sla_warning', 'sla_breached', 'sla_escalated'] as const;
type SlaEventKind = (typeof SLA_EVENT_KINDS)[number];

const isSlaEventKind = (kind: string): kind is SlaEventKind =>
  (SLA_EVENT_KINDS as readonly string[]).includes(kind);
const isActionKind = (kind: unknown): kind is EscalationActionKind =>
  ESCALATION_ACTION_KINDS.includes(kind as EscalationActionKind);

/**
 * A clock's warning, breach or escalation as one line of the ticket's history, with what was done about it:
 * "解决已超时，升级至第 1 级：通知第一责任人、通知客服主管". Null for any other kind of event.
 */
export function describeSlaEvent(
  kind: string,
  data: Record<string, unknown>,
  { t, labels }: { t: TFunction; labels: SlaLabels },
): string | null {
  if (!isSlaEventKind(kind)) return null;
  const metric = typeof data.metric === 'string' ? labels.metric(data.metric) : t('notifications.someMetric');
  const level = typeof data.escalationLevel === 'number' ? data.escalationLevel : 0;
  const text =
    kind === 'sla_warning'
      ? t('ticket.timeline.sla.warning', { metric })
      : level > 0
        ? t('ticket.timeline.sla.escalated', { metric, level })
        : t('ticket.timeline.sla.breached', { metric });
  // A breach and the level it triggers at once are one entry, so the same action may be listed twice.
  const actions = [...new Set(Array.isArray(data.actions) ? data.actions.filter(isActionKind) : [])];
  if (actions.length === 0) return text;
  return t('ticket.timeline.sla.withActions', {
    text,
    actions: actions
      .map((action) => t(`slaPolicies.actions.kinds.${action}`))
      .join(t('common.listSeparator')),
  });
}
