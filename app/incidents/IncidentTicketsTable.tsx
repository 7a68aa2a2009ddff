import { CheckCircleFilled, MinusOutlined } from '@ant-design/icons';
import type { IncidentTicket } from '@app/api/incidents';
import { StatusTag } from '@app/tickets/TicketTags';
import { useTicketColumns } from '@app/tickets/ticket-columns';
import { Table, type TableColumnsType, Tooltip, theme } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

/** ✓ when the ticket's customer got the message, a dash when not (yet). */
function Sent({ sent, label }: { sent: boolean; label: string }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return sent ? (
    <Tooltip title={t('incidents.tickets.sentHint', { what: label })}>
      <CheckCircleFilled style={{ color: token.colorSuccess }} aria-label={t('incidents.tickets.sent')} />
    </Tooltip>
  ) : (
    <MinusOutlined style={{ color: token.colorTextQuaternary }} aria-label={t('incidents.tickets.notSent')} />
  );
}

/** The incident's tickets in the order they joined, and which of them have had each broadcast. */
export function IncidentTicketsTable({ tickets }: { tickets: IncidentTicket[] }) {
  const { t } = useTranslation();
  const ticketColumns = useTicketColumns<IncidentTicket>();

  const columns: TableColumnsType<IncidentTicket> = [
    ticketColumns.number,
    ticketColumns.subject(280),
    {
      title: t('tickets.columns.customer'),
      key: 'customer',
      render: (_value, ticket) => ticket.customer?.name || ticket.customer?.number || t('common.none'),
    },
    ticketColumns.channel,
    {
      title: t('tickets.columns.status'),
      dataIndex: 'status',
      render: (status: IncidentTicket['status']) => <StatusTag status={status} />,
    },
    ticketColumns.dateTime(t('incidents.tickets.linkedAt'), 'linkedAt'),
    {
      title: t('incidents.tickets.holding'),
      dataIndex: 'holdingSent',
      align: 'center',
      render: (sent: boolean) => <Sent sent={sent} label={t('incidents.tickets.holding')} />,
    },
    {
      title: t('incidents.tickets.resolution'),
      dataIndex: 'resolutionSent',
      align: 'center',
      render: (sent: boolean) => <Sent sent={sent} label={t('incidents.tickets.resolution')} />,
    },
  ];

  return (
    <Table<IncidentTicket>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={tickets}
      pagination={tickets.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      locale={{ emptyText: t('incidents.tickets.empty') }}
      scroll={{ x: 'max-content' }}
      onRow={(ticket) =>
        ({
          'data-testid': 'incident-ticket',
          'data-holding': ticket.holdingSent,
          'data-resolution': ticket.resolutionSent,
        }) as HTMLAttributes<HTMLElement>
      }
    />
  );
}
