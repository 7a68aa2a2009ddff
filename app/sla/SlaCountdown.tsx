import { useFormatDateTime } from '@app/components/use-format-date';
import { useNow } from '@app/components/use-now';
import type { TicketSlaEntry } from '@shared/sla';
import { Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatSpan } from './sla-labels';

/**
 * How a clock stands in words: time left, time overdue, or when it was met or paused; the exact deadline (workspace
 * time zone) on hover. Ticks with the page's shared clock (use-now).
 */
export function SlaCountdown({ entry }: { entry: TicketSlaEntry }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const now = useNow();

  if (entry.state === 'met') {
    return (
      <Typography.Text type="secondary">
        {t('sla.countdown.metAt', { time: formatDateTime(entry.metAt) })}
      </Typography.Text>
    );
  }
  if (entry.state === 'paused') {
    return (
      <Typography.Text type="secondary">
        {t('sla.countdown.pausedAt', { time: formatDateTime(entry.pausedAt) })}
      </Typography.Text>
    );
  }
  if (!entry.dueAt) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const left = new Date(entry.dueAt).getTime() - now;
  // The server decides the state; a browser clock behind the server's may not have reached the deadline yet.
  const overdue = entry.state === 'breached' || left < 0;
  const text = !overdue
    ? t('sla.countdown.left', { span: formatSpan(t, left) })
    : left < 0
      ? t('sla.countdown.overdue', { span: formatSpan(t, left) })
      : t('sla.countdown.overdueAt', { time: formatDateTime(entry.breachedAt ?? entry.dueAt) });
  return (
    <Tooltip title={t('sla.card.due', { time: formatDateTime(entry.dueAt) })}>
      <Typography.Text
        type={overdue ? 'danger' : entry.state === 'warning' ? 'warning' : undefined}
        style={{ whiteSpace: 'nowrap' }}
      >
        {text}
      </Typography.Text>
    </Tooltip>
  );
}
