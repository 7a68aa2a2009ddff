import { useFormatDateTime } from '@app/components/use-format-date';
import { ChannelTag } from '@app/tickets/TicketTags';
import { type TableColumnType, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** What the compact ticket lists (a customer's tickets, an incident's) show of every ticket. */
interface ListedTicket {
  id: string;
  number: string;
  subject: string;
  channel: string;
}

/** Columns the compact ticket lists share, so a ticket reads the same wherever it is listed. */
export function useTicketColumns<Row extends ListedTicket>() {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();

  const number: TableColumnType<Row> = {
    title: t('tickets.columns.number'),
    dataIndex: 'number',
    render: (value: string, ticket) => <Link to={`/tickets/${ticket.id}`}>{value}</Link>,
  };

  const subject = (maxWidth: number): TableColumnType<Row> => ({
    title: t('tickets.columns.subject'),
    dataIndex: 'subject',
    render: (value: string) => (
      <Typography.Text ellipsis={{ tooltip: value }} style={{ maxWidth }}>
        {value}
      </Typography.Text>
    ),
  });

  const channel: TableColumnType<Row> = {
    title: t('tickets.columns.channel'),
    dataIndex: 'channel',
    render: (value: string) => <ChannelTag channel={value} />,
  };

  /** A moment in the ticket's life, as a date and time that does not wrap. */
  const dateTime = (title: string, dataIndex: keyof Row & string): TableColumnType<Row> => ({
    title,
    dataIndex,
    render: (iso: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(iso)}</span>,
  });

  return { number, subject, channel, dateTime };
}
