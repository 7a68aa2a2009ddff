import { LinkOutlined } from '@ant-design/icons';
import type { Caller, CallerTicket } from '@app/api/calls';
import { useFormatDateTime } from '@app/components/use-format-date';
import { ChannelTag, StatusTag } from '@app/tickets/TicketTags';
import type { TicketStatus } from '@shared/tickets';
import { Alert, Card, Flex, List, Skeleton, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { callOutcome } from './describe-call-event';

function TicketList({ tickets, testId }: { tickets: CallerTicket[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <List
      size="small"
      dataSource={tickets}
      locale={{ emptyText: t('calls.caller.noTickets') }}
      renderItem={(ticket) => (
        <List.Item style={{ paddingInline: 0 }} data-testid={testId}>
          <Flex vertical gap={2} style={{ minWidth: 0, width: '100%' }}>
            <Flex justify="space-between" gap={8}>
              <Link to={`/tickets/${ticket.id}`}>{ticket.number}</Link>
              <Flex gap={4}>
                <ChannelTag channel={ticket.channel} />
                <StatusTag status={ticket.status as TicketStatus} />
              </Flex>
            </Flex>
            <Typography.Text ellipsis={{ tooltip: ticket.subject }}>{ticket.subject}</Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {title}
      </Typography.Text>
      {children}
    </div>
  );
}

/**
 * The caller's history while the phone is still in hand: who they are (number masked), what they have open, what
 * was closed lately and their last calls. Shown beside the call-log and registration forms.
 */
export function CallerHistory({
  typed,
  caller,
  loading,
}: {
  /** Whether a number has been typed at all. */
  typed: boolean;
  caller: Caller | undefined;
  loading: boolean;
}) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();

  const body = () => {
    if (!typed) return <Typography.Text type="secondary">{t('calls.caller.empty')}</Typography.Text>;
    if (loading && !caller) return <Skeleton active paragraph={{ rows: 4 }} />;
    if (!caller) return <Typography.Text type="secondary">{t('calls.caller.empty')}</Typography.Text>;
    const { customer } = caller;
    if (!customer)
      return <Alert type="info" showIcon title={t('calls.caller.unknown', { number: caller.number })} />;
    return (
      <Flex vertical gap={12}>
        <Flex vertical data-testid="caller-customer">
          <Link to={`/customers/${customer.id}`}>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {customer.name || customer.phone || customer.number} <LinkOutlined />
            </Typography.Text>
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[customer.phone, t('calls.caller.customerNumber', { number: customer.number })]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
        </Flex>
        <Section title={t('calls.caller.openTickets')}>
          <TicketList tickets={caller.openTickets} testId="caller-open-ticket" />
        </Section>
        {caller.recentTickets.length > 0 && (
          <Section title={t('calls.caller.recentTickets')}>
            <TicketList tickets={caller.recentTickets} testId="caller-recent-ticket" />
          </Section>
        )}
        <Section title={t('calls.caller.recentCalls')}>
          <List
            size="small"
            dataSource={caller.recentCalls}
            locale={{ emptyText: t('calls.caller.noCalls') }}
            renderItem={(call) => (
              <List.Item style={{ paddingInline: 0 }} data-testid="caller-call">
                <Flex vertical gap={2} style={{ width: '100%' }}>
                  <Flex justify="space-between" gap={8}>
                    <span>
                      <Tag color={call.missed ? 'error' : call.direction === 'inbound' ? 'blue' : 'purple'}>
                        {t(`calls.call.${call.direction}`)}
                      </Tag>
                      <time dateTime={call.startedAt}>{formatDateTime(call.startedAt)}</time>
                    </span>
                    <Link to={`/tickets/${call.ticket.id}`}>{call.ticket.number}</Link>
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {callOutcome(t, call).join(t('calls.timeline.separator'))}
                  </Typography.Text>
                  {call.notes && (
                    <Typography.Text ellipsis={{ tooltip: call.notes }}>{call.notes}</Typography.Text>
                  )}
                </Flex>
              </List.Item>
            )}
          />
        </Section>
      </Flex>
    );
  };

  return (
    <Card size="small" title={t('calls.caller.title')} data-testid="caller-history">
      {body()}
    </Card>
  );
}
