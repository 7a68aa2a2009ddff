import { useOrderedRowActions } from '@app/admin/ordered-rows';
import { useCalendars } from '@app/api/calendars';
import { useDeleteSlaPolicy, useReorderSlaPolicies, useUpdateSlaPolicy } from '@app/api/sla';
import type { SlaPolicy } from '@app/api/sla-types';
import { useCan } from '@app/session/use-session';
import { describeConditions } from '@app/sla/condition-text';
import { useSlaLabels } from '@app/sla/sla-labels';
import { useTicketLabels } from '@app/tickets/ticket-labels';
import { Button, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

/** The policies in evaluation order: the first enabled one whose conditions a ticket meets applies to it. */
export function SlaPoliciesTable({
  policies,
  loading,
  onEdit,
}: {
  policies: SlaPolicy[];
  loading: boolean;
  onEdit: (policy: SlaPolicy) => void;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const slaLabels = useSlaLabels();
  const ticketLabels = useTicketLabels();
  const calendars = useCalendars().data ?? [];
  const updatePolicy = useUpdateSlaPolicy();
  const deletePolicy = useDeleteSlaPolicy();
  const reorder = useReorderSlaPolicies();
  const canManage = can('service_levels:manage');
  const ordered = [...policies].sort((a, b) => a.position - b.position);
  const separator = t('common.listSeparator');
  const namers = {
    priority: ticketLabels.priority,
    type: (type: string) => ticketLabels.type(type) ?? type,
    subtype: (subtype: string) => ticketLabels.subtype(null, subtype) ?? subtype,
    channel: ticketLabels.channel,
  };

  const { orderColumn, enabledColumn, manageColumn } = useOrderedRowActions({
    rows: ordered,
    section: 'slaPolicies',
    canManage,
    reorder,
    update: updatePolicy,
    enableVariables: (policy, enabled) => ({ policyId: policy.id, changes: { enabled } }),
    updatingId: (variables) => variables.policyId,
    remove: deletePolicy,
  });

  const columns: TableColumnsType<SlaPolicy> = [
    orderColumn,
    {
      title: t('slaPolicies.name'),
      dataIndex: 'name',
      render: (name: string, policy) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => onEdit(policy)}>
          {name}
        </Button>
      ),
    },
    enabledColumn,
    {
      title: t('slaPolicies.match'),
      dataIndex: 'match',
      render: (match: SlaPolicy['match']) =>
        describeConditions(match, namers, separator) || (
          <Typography.Text type="secondary">{t('slaPolicies.matchAll')}</Typography.Text>
        ),
    },
    {
      title: t('slaPolicies.targets'),
      dataIndex: 'targets',
      render: (targets: SlaPolicy['targets']) => (
        <Flex wrap gap={4} style={{ maxWidth: 360 }}>
          {[...new Set(targets.map((target) => target.metric))].map((metric) => (
            <Tag key={metric}>{slaLabels.metric(metric)}</Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('slaPolicies.calendar'),
      dataIndex: 'calendarId',
      render: (calendarId: string | null) =>
        calendars.find((calendar) => calendar.id === calendarId)?.name ?? (
          <Typography.Text type="secondary">{t('slaPolicies.defaultCalendar')}</Typography.Text>
        ),
    },
  ];
  if (canManage)
    columns.push(manageColumn({ key: 'actions', onEdit, deleteHint: t('slaPolicies.deleteHint') }));

  return (
    <Table<SlaPolicy>
      rowKey="id"
      columns={columns}
      dataSource={ordered}
      loading={loading}
      pagination={false}
      locale={{ emptyText: t('slaPolicies.empty') }}
      scroll={{ x: 'max-content' }}
      onRow={() => ({ 'data-testid': 'sla-policy-row' }) as HTMLAttributes<HTMLElement>}
    />
  );
}
