import { useAuditEvents } from '@app/api/audit';
import type { AuditEvent } from '@app/api/types';
import { LoadFailed } from '@app/components/LoadFailed';
import { PageHeader } from '@app/components/PageHeader';
import { useFormatDateTime } from '@app/components/use-format-date';
import { Button, Flex, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { AuditDetail } from './AuditDetail';
import { AuditFilters } from './AuditFilters';
import { hasAuditFilter, useAuditFilterState } from './audit-filter-state';
import { auditActionColor, auditActionLabel, auditTargetTypeLabel } from './audit-labels';
import { useTargetNames } from './use-target-names';

/** Tickets and customers are named by the number the event recorded, which outlives a later erasure. */
function numberInDetail(event: AuditEvent): string | null {
  const number =
    event.targetType === 'ticket'
      ? event.detail.ticketNumber
      : event.targetType === 'customer'
        ? event.detail.customerNumber
        : undefined;
  return typeof number === 'string' ? number : null;
}

export function AuditLogPage() {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const { state, filter, update } = useAuditFilterState();
  const events = useAuditEvents(filter);
  const targetName = useTargetNames();
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];

  const columns: TableColumnsType<AuditEvent> = [
    {
      title: t('audit.time'),
      dataIndex: 'createdAt',
      render: (iso: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(iso)}</span>,
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actor',
      render: (actor: AuditEvent['actor']) =>
        actor ? actor.name : <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (action: string) => (
        <Tooltip title={action}>
          <Tag color={auditActionColor(action)}>{auditActionLabel(t, action)}</Tag>
        </Tooltip>
      ),
    },
    {
      title: t('audit.target'),
      key: 'target',
      render: (_value, event) => {
        const name = targetName(event.targetType, event.targetId) ?? numberInDetail(event);
        return (
          <Flex vertical>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {auditTargetTypeLabel(t, event.targetType)}
            </Typography.Text>
            {name ?? (event.targetId && <Typography.Text code>{event.targetId.slice(0, 8)}</Typography.Text>)}
          </Flex>
        );
      },
    },
    { title: t('audit.ip'), dataIndex: 'ip', render: (ip: string | null) => ip ?? t('common.none') },
    {
      title: t('audit.detail'),
      key: 'detail',
      render: (_value, event) => <AuditDetail action={event.action} detail={event.detail} />,
    },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.intro')} />
      <AuditFilters state={state} onChange={update} />
      {events.isError && !events.data ? (
        <LoadFailed error={events.error} onRetry={() => void events.refetch()} />
      ) : (
        <>
          <Table<AuditEvent>
            rowKey="id"
            onRow={(event) =>
              ({ 'data-testid': 'audit-row', 'data-action': event.action }) as HTMLAttributes<HTMLElement>
            }
            columns={columns}
            dataSource={items}
            loading={events.isPending || (events.isPlaceholderData && events.isFetching)}
            pagination={false}
            locale={{ emptyText: hasAuditFilter(state) ? t('audit.emptyFiltered') : t('audit.empty') }}
            scroll={{ x: 'max-content' }}
            size="middle"
          />
          <Flex justify="center" style={{ marginTop: 16 }}>
            {events.hasNextPage ? (
              <Button onClick={() => void events.fetchNextPage()} loading={events.isFetchingNextPage}>
                {t('audit.loadMore')}
              </Button>
            ) : (
              items.length > 0 && <Typography.Text type="secondary">{t('audit.noMore')}</Typography.Text>
            )}
          </Flex>
        </>
      )}
    </>
  );
}
