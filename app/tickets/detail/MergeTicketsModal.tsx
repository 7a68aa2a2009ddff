import { SearchOutlined } from '@ant-design/icons';
import { useCustomer } from '@app/api/customers';
import { useMergeTickets, useTicketSearch } from '@app/api/tickets';
import type { Ticket, TicketDetail } from '@app/api/types';
import { useFormatDateTime } from '@app/components/use-format-date';
import { customerName } from '@app/customers/customer-format';
import { problemMessage } from '@app/i18n/problem-message';
import {
  Alert,
  App,
  type ButtonProps,
  Flex,
  Input,
  Modal,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChannelTag, StatusTag } from '../TicketTags';

/** What the modal needs of a ticket chosen for merging (a search row, or a suggested duplicate). */
export type MergeChoice = Pick<Ticket, 'id' | 'number'> & { customer: { id: string } | null };

/**
 * The same request arrived through several channels: find the other tickets (by number, customer phone or words)
 * and fold them into this one, which keeps its number. Their conversations and history move here.
 */
export function MergeTicketsModal({
  target,
  open,
  preselected = [],
  onClose,
}: {
  target: TicketDetail;
  open: boolean;
  /** Chosen already when the modal opens (a suggested duplicate); the caller remounts the modal to change it. */
  preselected?: MergeChoice[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formatDateTime = useFormatDateTime();
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<MergeChoice[]>(preselected);
  const found = useTicketSearch(query, { enabled: open });
  // Before any search, the customer's other tickets: the usual duplicates are the same person on another channel.
  const sameCustomer = useCustomer(open ? target.customer?.id : undefined).data?.tickets;
  const mergeTickets = useMergeTickets();
  const suggesting = query === '';
  const candidates = ((suggesting ? sameCustomer : found.data) ?? []).filter(
    (ticket) => ticket.id !== target.id && !ticket.mergedInto,
  );
  const otherCustomers = selected.filter(
    (ticket) => ticket.customer && ticket.customer.id !== target.customer?.id,
  );

  const close = () => {
    setQuery('');
    setSelected([]);
    onClose();
  };
  const merge = () =>
    mergeTickets.mutate(
      { targetId: target.id, sourceTicketIds: selected.map((ticket) => ticket.id) },
      {
        onSuccess: () => {
          message.success(t('ticket.merge.done', { count: selected.length, number: target.number }));
          close();
        },
        onError: (error) => void message.error(problemMessage(t, error)),
      },
    );

  const columns: TableColumnsType<Ticket> = [
    { title: t('tickets.columns.number'), dataIndex: 'number' },
    {
      title: t('tickets.columns.subject'),
      dataIndex: 'subject',
      render: (subject: string) => (
        <Typography.Text ellipsis={{ tooltip: subject }} style={{ maxWidth: 220 }}>
          {subject}
        </Typography.Text>
      ),
    },
    {
      title: t('tickets.columns.customer'),
      key: 'customer',
      render: (_value, ticket) => (ticket.customer ? customerName(ticket.customer) : t('common.none')),
    },
    {
      title: t('tickets.columns.channel'),
      dataIndex: 'channel',
      render: (channel: string) => <ChannelTag channel={channel} />,
    },
    {
      title: t('tickets.columns.status'),
      dataIndex: 'status',
      render: (status: Ticket['status']) => <StatusTag status={status} />,
    },
    {
      title: t('ticket.merge.created'),
      dataIndex: 'createdAt',
      render: (iso: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(iso)}</span>,
    },
  ];

  return (
    <Modal
      open={open}
      title={t('ticket.merge.title', { number: target.number })}
      okText={t('ticket.merge.confirm', { count: selected.length })}
      okButtonProps={
        { disabled: selected.length === 0, danger: true, 'data-testid': 'merge-confirm' } as ButtonProps
      }
      onOk={merge}
      confirmLoading={mergeTickets.isPending}
      onCancel={close}
      width={860}
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('ticket.merge.intro')}</Typography.Text>
        <Input
          autoFocus
          allowClear
          type="search"
          prefix={<SearchOutlined />}
          onPressEnter={(event) => setQuery(event.currentTarget.value.trim())}
          onChange={(event) => {
            if (event.target.value === '') setQuery('');
          }}
          placeholder={t('ticket.merge.searchPlaceholder')}
          aria-label={t('ticket.merge.searchPlaceholder')}
          data-testid="merge-search"
        />
        {suggesting && candidates.length > 0 && (
          <Typography.Text type="secondary">{t('ticket.merge.sameCustomer')}</Typography.Text>
        )}
        <Table<Ticket>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={candidates}
          loading={!suggesting && found.isFetching}
          pagination={false}
          scroll={{ y: 300, x: 'max-content' }}
          locale={{ emptyText: suggesting ? t('ticket.merge.hint') : t('ticket.merge.noMatch') }}
          rowSelection={{
            selectedRowKeys: selected.map((ticket) => ticket.id),
            onChange: (_keys, rows) =>
              // Selections from an earlier search stay chosen when the list shows a new search.
              setSelected((current) => [
                ...current.filter((ticket) => !candidates.some((candidate) => candidate.id === ticket.id)),
                ...rows,
              ]),
          }}
          onRow={(ticket) =>
            ({
              'data-testid': 'merge-candidate',
              'data-number': ticket.number,
            }) as HTMLAttributes<HTMLElement>
          }
        />
        {selected.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={t('ticket.merge.summary', {
              numbers: selected.map((ticket) => ticket.number).join(t('common.listSeparator')),
              number: target.number,
            })}
            description={otherCustomers.length > 0 ? t('ticket.merge.customersToo') : undefined}
          />
        )}
      </Flex>
    </Modal>
  );
}
