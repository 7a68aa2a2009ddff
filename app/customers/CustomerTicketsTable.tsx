import type { Ticket } from '@app/api/types';
import { RelativeTime } from '@app/components/RelativeTime';
import { useFormatDateTime } from '@app/components/use-format-date';
import { ChannelTag, PriorityTag, StatusTag } from '@app/tickets/TicketTags';
import { Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Every ticket of the customer, whatever channel it came through, newest first. */
export function CustomerTicketsTable({ tickets }: { tickets: Ticket[] }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();

  const columns: TableColumnsType<Ticket> = [
    {
      title: t('tickets.columns.number'),
      dataIndex: 'number',
      render: (number: string, ticket) => <Link to={`/tickets/${ticket.id}`}>{number}</Link>,
    },
    {
      title: t('tickets.columns.subject'),
      dataIndex: 'subject',
      render: (subject: string) => (
        <Typography.Text ellipsis={{ tooltip: subject }} style={{ maxWidth: 320 }}>
          {subject}
        </Typography.Text>
      ),
    },
    {
      title: t('tickets.columns.channel'),
      dataIndex: 'channel',
      render: (channel: string) => <ChannelTag channel={channel} />,
    },
    {
      title: t('tickets.columns.priority'),
      dataIndex: 'priority',
      render: (priority: Ticket['priority']) => <PriorityTag priority={priority} />,
    },
    {
      title: t('tickets.columns.status'),
      dataIndex: 'status',
      render: (status: Ticket['status'], ticket) =>
        ticket.mergedInto ? (
          <Link to={`/tickets/${ticket.mergedInto.id}`}>
            <Tag>{t('tickets.mergedInto', { number: ticket.mergedInto.number })}</Tag>
          </Link>
        ) : (
          <StatusTag status={status} />
        ),
    },
    {
      title: t('customers.ticketCreated'),
      dataIndex: 'createdAt',
      render: (iso: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(iso)}</span>,
    },
    {
      title: t('tickets.columns.lastActivity'),
      dataIndex: 'lastActivityAt',
      render: (iso: string) => <RelativeTime iso={iso} />,
    },
  ];

  return (
    <Table<Ticket>
      rowKey="id"
      columns={columns}
      dataSource={tickets}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: t('customers.noTickets') }}
      scroll={{ x: 'max-content' }}
      size="small"
    />
  );
}
