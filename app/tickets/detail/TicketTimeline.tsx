import type { TicketEvent } from '@app/api/types';
import { PersonName } from '@app/components/PersonName';
import { useFormatDateTime } from '@app/components/use-format-date';
import { Card, Flex, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDescribeEvent } from './use-describe-event';

const DOT_COLORS: Record<string, string> = {
  created: 'blue',
  status_changed: 'green',
  assigned: 'purple',
  merged_into: 'red',
  merged_from: 'red',
  routed: 'cyan',
  transferred: 'purple',
  incident_linked: 'red',
  merge_suggested: 'orange',
};

/** 处理进度记录: who did what to the ticket and when, oldest first, as the SOPs ask it to be kept. */
export function TicketTimeline({ events }: { events: TicketEvent[] }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const describe = useDescribeEvent();

  const actor = (event: TicketEvent) => {
    if (event.actor) return <PersonName person={event.actor} />;
    // Entries without a colleague behind them come from the customer writing in, or from Kefu itself.
    const byCustomer = event.kind === 'message_added' || event.data.reason === 'customer_replied';
    return byCustomer ? t('ticket.timeline.customer') : t('ticket.timeline.system');
  };

  return (
    <Card size="small" title={t('ticket.timeline.title')}>
      <Timeline
        items={events.map((event) => ({
          key: event.id,
          color: DOT_COLORS[event.kind] ?? 'gray',
          content: (
            <Flex vertical data-testid="timeline-entry" data-kind={event.kind}>
              <span>
                <Typography.Text strong>{actor(event)}</Typography.Text> {describe(event)}
                {typeof event.data.fromTicketNumber === 'string' && (
                  <Typography.Text type="secondary">
                    {t('ticket.timeline.fromTicket', { number: event.data.fromTicketNumber })}
                  </Typography.Text>
                )}
              </span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <time dateTime={event.createdAt}>{formatDateTime(event.createdAt)}</time>
              </Typography.Text>
            </Flex>
          ),
        }))}
      />
    </Card>
  );
}
