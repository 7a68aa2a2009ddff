import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useCalendars } from '@app/api/calendars';
import { useDeleteSlaPolicy, useReorderSlaPolicies, useUpdateSlaPolicy } from '@app/api/sla';
import type { SlaPolicy } from '@app/api/sla-types';
import { problemMessage } from '@app/i18n/problem-message';
import { useCan } from '@app/session/use-session';
import { describeConditions } from '@app/sla/condition-text';
import { useSlaLabels } from '@app/sla/sla-labels';
import { useTicketLabels } from '@app/tickets/ticket-labels';
import { App, Button, Flex, Popconfirm, Switch, Table, type TableColumnsType, Tag, Typography } from 'antd';
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
  const { message } = App.useApp();
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

  const move = (index: number, offset: -1 | 1) => {
    const ids = ordered.map((policy) => policy.id);
    const [moved] = ids.splice(index, 1);
    if (!moved) return;
    ids.splice(index + offset, 0, moved);
    reorder.mutate(ids, { onError: (error) => void message.error(problemMessage(t, error)) });
  };

  const setEnabled = (policy: SlaPolicy, enabled: boolean) =>
    updatePolicy.mutate(
      { policyId: policy.id, changes: { enabled } },
      {
        onSuccess: (updated) =>
          void message.success(
            t(enabled ? 'slaPolicies.enabledDone' : 'slaPolicies.disabledDone', { name: updated.name }),
          ),
        onError: (error) => void message.error(problemMessage(t, error)),
      },
    );

  const remove = (policy: SlaPolicy) =>
    deletePolicy.mutateAsync(policy.id).then(
      () => void message.success(t('slaPolicies.deleted', { name: policy.name })),
      (error: unknown) => void message.error(problemMessage(t, error)),
    );

  const columns: TableColumnsType<SlaPolicy> = [
    {
      title: t('slaPolicies.order'),
      key: 'order',
      width: 110,
      render: (_value, _policy, index) => (
        <Flex align="center" gap={4}>
          <Typography.Text type="secondary" style={{ width: 20 }}>
            {index + 1}
          </Typography.Text>
          {canManage && (
            <>
              <Button
                type="text"
                size="small"
                icon={<ArrowUpOutlined />}
                disabled={index === 0 || reorder.isPending}
                aria-label={t('slaPolicies.moveUp')}
                onClick={() => move(index, -1)}
              />
              <Button
                type="text"
                size="small"
                icon={<ArrowDownOutlined />}
                disabled={index === ordered.length - 1 || reorder.isPending}
                aria-label={t('slaPolicies.moveDown')}
                onClick={() => move(index, 1)}
              />
            </>
          )}
        </Flex>
      ),
    },
    {
      title: t('slaPolicies.name'),
      dataIndex: 'name',
      render: (name: string, policy) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => onEdit(policy)}>
          {name}
        </Button>
      ),
    },
    {
      title: t('slaPolicies.enabled'),
      dataIndex: 'enabled',
      render: (enabled: boolean, policy) =>
        canManage ? (
          <Switch
            checked={enabled}
            size="small"
            loading={updatePolicy.isPending && updatePolicy.variables?.policyId === policy.id}
            onChange={(checked) => setEnabled(policy, checked)}
            aria-label={t('slaPolicies.enabled')}
          />
        ) : (
          <Tag color={enabled ? 'green' : undefined}>
            {enabled ? t('slaPolicies.on') : t('slaPolicies.off')}
          </Tag>
        ),
    },
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
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_value, policy) => (
        <Flex gap={4}>
          <Button type="link" size="small" onClick={() => onEdit(policy)}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('slaPolicies.deleteConfirm', { name: policy.name })}
            description={t('slaPolicies.deleteHint')}
            okButtonProps={{ danger: true }}
            okText={t('common.delete')}
            onConfirm={() => remove(policy)}
          >
            <Button type="link" size="small" danger>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Flex>
      ),
    });
  }

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
