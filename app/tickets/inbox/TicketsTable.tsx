import type { TicketListItem } from '@app/api/types';
import { HighlightedText } from '@app/components/HighlightedText';
import { PersonName } from '@app/components/PersonName';
import { RelativeTime } from '@app/components/RelativeTime';
import { SlaCountdown } from '@app/sla/SlaCountdown';
import { SlaStateTag } from '@app/sla/SlaStateTag';
import { useSlaLabels } from '@app/sla/sla-labels';
import { worstSlaEntry } from '@app/sla/worst-sla-entry';
import { Flex, Table, type TableColumnsType, Typography } from 'antd';
import type { HTMLAttributes, MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ChannelTag, PriorityTag, StatusTag } from '../TicketTags';
import { useTicketLabels } from '../ticket-labels';

const SNIPPET_FIELDS = ['description', 'message'] as const;
const isSnippetField = (field: string): field is (typeof SNIPPET_FIELDS)[number] =>
  (SNIPPET_FIELDS as readonly string[]).includes(field);

/** The subject, with the words searched for marked in it or in a quoted line below it. */
function SubjectCell({ ticket }: { ticket: TicketListItem }) {
  const { t } = useTranslation();
  const { snippet } = ticket;
  return (
    <Flex vertical gap={2} style={{ minWidth: 220, maxWidth: 460 }}>
      <Typography.Text strong ellipsis={{ tooltip: ticket.subject }}>
        {snippet?.field === 'subject' ? (
          <HighlightedText text={snippet.text} ranges={snippet.highlights} />
        ) : (
          ticket.subject
        )}
      </Typography.Text>
      {snippet && isSnippetField(snippet.field) && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(`tickets.snippetField.${snippet.field}`)}
          <HighlightedText text={snippet.text} ranges={snippet.highlights} />
        </Typography.Text>
      )}
    </Flex>
  );
}

/** The clock that needs attention first, with the time left or overdue. */
function SlaCell({ ticket }: { ticket: TicketListItem }) {
  const { t } = useTranslation();
  const labels = useSlaLabels();
  const entry = worstSlaEntry(ticket.sla);
  if (!entry) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return (
    <Flex vertical gap={2} data-testid="ticket-row-sla" data-state={entry.state} style={{ fontSize: 12 }}>
      <span style={{ whiteSpace: 'nowrap' }}>
        <SlaStateTag state={entry.state} />
        {labels.metric(entry.metric)}
      </span>
      <SlaCountdown entry={entry} />
    </Flex>
  );
}

// Clicks meant for a link, or made to select text, should not also open the row.
const isRowNavigationClick = (event: MouseEvent) =>
  !(event.target as HTMLElement).closest('a, button') && !window.getSelection()?.toString();

export function TicketsTable({
  tickets,
  loading,
  emptyText,
}: {
  tickets: TicketListItem[];
  loading: boolean;
  emptyText: string;
}) {
  const { t } = useTranslation();
  const labels = useTicketLabels();
  const navigate = useNavigate();

  const columns: TableColumnsType<TicketListItem> = [
    {
      title: t('tickets.columns.number'),
      dataIndex: 'number',
      render: (number: string, ticket) => (
        <Link
          to={`/tickets/${ticket.id}`}
          style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
        >
          {number}
        </Link>
      ),
    },
    {
      title: t('tickets.columns.subject'),
      key: 'subject',
      render: (_value, ticket) => <SubjectCell ticket={ticket} />,
    },
    {
      title: t('tickets.columns.customer'),
      key: 'customer',
      render: (_value, ticket) =>
        ticket.customer ? (
          <span style={{ whiteSpace: 'nowrap' }}>{ticket.customer.name || ticket.customer.nickname}</span>
        ) : (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ),
    },
    {
      title: t('tickets.columns.channel'),
      dataIndex: 'channel',
      render: (channel: string) => <ChannelTag channel={channel} />,
    },
    {
      title: t('tickets.columns.type'),
      key: 'type',
      render: (_value, ticket) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {[labels.type(ticket.type), labels.subtype(ticket.type, ticket.subtype)]
            .filter(Boolean)
            .join(' / ') || t('common.none')}
        </span>
      ),
    },
    {
      title: t('tickets.columns.priority'),
      dataIndex: 'priority',
      render: (priority: TicketListItem['priority']) => <PriorityTag priority={priority} />,
    },
    {
      title: t('tickets.columns.status'),
      dataIndex: 'status',
      render: (status: TicketListItem['status']) => <StatusTag status={status} />,
    },
    {
      title: t('tickets.columns.sla'),
      key: 'sla',
      render: (_value, ticket) => <SlaCell ticket={ticket} />,
    },
    {
      title: t('tickets.columns.assignee'),
      dataIndex: 'assignee',
      render: (assignee: TicketListItem['assignee']) =>
        assignee ? (
          <PersonName person={assignee} />
        ) : (
          <Typography.Text type="secondary">{t('tickets.unassigned')}</Typography.Text>
        ),
    },
    {
      title: t('tickets.columns.lastActivity'),
      dataIndex: 'lastActivityAt',
      render: (iso: string) => <RelativeTime iso={iso} />,
    },
  ];

  return (
    <Table<TicketListItem>
      rowKey="id"
      columns={columns}
      dataSource={tickets}
      loading={loading}
      pagination={false}
      locale={{ emptyText }}
      scroll={{ x: 'max-content' }}
      size="middle"
      onRow={(ticket) =>
        ({
          'data-testid': 'ticket-row',
          style: { cursor: 'pointer' },
          onClick: (event: MouseEvent) => {
            if (isRowNavigationClick(event)) navigate(`/tickets/${ticket.id}`);
          },
        }) as HTMLAttributes<HTMLElement>
      }
    />
  );
}
