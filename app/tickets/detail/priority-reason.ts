import { formatYuan } from '@app/components/format-money';
import type { TicketPriority } from '@shared/tickets';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useTicketLabels } from '../ticket-labels';

/** Why a ticket got its priority, as the server records it (the ticket's, or a test-run's outcome). */
export interface PriorityReasonLike {
  priority: TicketPriority;
  source: string;
  detail: string[];
  category?: string;
}

/**
 * The reason as one line, as the issue writes it: 紧急：包含『曝光』, 重要：5 分钟内连发 3 条, 紧急：订单金额 ¥12,000,
 * 紧急：规则『投诉升级』 (the priority named with the workspace's own word). With `withPriority: false` only the
 * part after the colon, for sentences that name the priority themselves.
 */
export function usePriorityReasonText(): (
  reason: PriorityReasonLike,
  options?: { withPriority?: boolean },
) => string {
  const { t, i18n } = useTranslation();
  const labels = useTicketLabels();
  return useCallback(
    (reason, options) => {
      const priority = labels.priority(reason.priority);
      const [first = '', second = ''] = reason.detail;
      const quoted = (text: string) => t('ticketRouting.priorityReason.quoted', { text });
      let why: string;
      switch (reason.source) {
        case 'risk_term':
          why = t('ticketRouting.priorityReason.why.risk_term', {
            terms: reason.detail.map(quoted).join(t('common.listSeparator')),
          });
          break;
        case 'repeat_messages':
          why = t('ticketRouting.priorityReason.why.repeat_messages', {
            count: Number(first),
            minutes: Number(second),
          });
          break;
        case 'order_amount':
          why = t('ticketRouting.priorityReason.why.order_amount', {
            amount: Number.isFinite(Number(first)) ? formatYuan(Number(first), i18n.language) : first,
          });
          break;
        case 'rule':
          why = t('ticketRouting.priorityReason.why.rule', { rule: quoted(first) });
          break;
        default:
          return priority;
      }
      return options?.withPriority === false
        ? why
        : t('ticketRouting.priorityReason.line', { priority, why });
    },
    [t, i18n.language, labels],
  );
}
