import type { Ticket } from '@app/api/types';
import { RelativeTime } from '@app/components/RelativeTime';
import { PriorityTag, StatusTag } from '@app/tickets/TicketTags';
import { useTicketColumns } from '@app/tickets/ticket-columns';
import { Table, type TableColumnsType, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Every ticket of the customer, whatever channel it came through, newest first. */
export function CustomerTicketsTable({ tickets }: { tickets: Ticket[] }) {
  const { t } = useTranslation();
  const ticketColumns = useTicketColumns<Ticket>();

  const columns: TableColumnsType<Ticket> = [
    ticketColumns.number,
    ticketColumns.subject(320),
    ticketColumns.channel,
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
    ticketColumns.dateTime(t('customers.ticketCreated'), 'createdAt'),
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
