import { useAuditEvents } from '@app/api/audit';
import type { AuditEvent } from '@app/api/types';
import { LoadFailed } from '@app/components/LoadFailed';
import { PageHeader } from '@app/components/PageHeader';
import { useFormatDateTime } from '@app/components/use-format-date';
import { Button, Flex, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { AuditDetail } from './AuditDetail';
import { auditActionColor, auditActionLabel, auditTargetTypeLabel } from './audit-labels';
import { useTargetNames } from './use-target-names';

export function AuditLogPage() {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const events = useAuditEvents();
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
        const name = targetName(event.targetType, event.targetId);
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
      dataIndex: 'detail',
      render: (detail: AuditEvent['detail']) => <AuditDetail detail={detail} />,
    },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.intro')} />
      {events.isError && !events.data ? (
        <LoadFailed error={events.error} onRetry={() => void events.refetch()} />
      ) : (
        <>
          <Table<AuditEvent>
            rowKey="id"
            columns={columns}
            dataSource={items}
            loading={events.isPending}
            pagination={false}
            locale={{ emptyText: t('audit.empty') }}
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
