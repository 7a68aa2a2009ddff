import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import {
  type RoutingRule,
  useDeleteRoutingRule,
  useReorderRoutingRules,
  useUpdateRoutingRule,
} from '@app/api/routing';
import { problemMessage } from '@app/i18n/problem-message';
import type { RuleAction, RuleCondition } from '@shared/routing';
import { App, Button, Flex, Popconfirm, Switch, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useRuleLabels } from './rule-labels';

/** The rules in evaluation order: each matching one acts, later ones override, "stop after match" ends the walk. */
export function RoutingRulesTable({
  rules,
  loading,
  canManage,
  onEdit,
}: {
  rules: RoutingRule[];
  loading: boolean;
  canManage: boolean;
  onEdit: (rule: RoutingRule) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const ruleLabels = useRuleLabels();
  const updateRule = useUpdateRoutingRule();
  const deleteRule = useDeleteRoutingRule();
  const reorder = useReorderRoutingRules();
  const joiner = (match: RoutingRule['match']) => t(`routingRules.joiner.${match}`);

  const move = (index: number, offset: -1 | 1) => {
    const ids = rules.map((rule) => rule.id);
    const [moved] = ids.splice(index, 1);
    if (!moved) return;
    ids.splice(index + offset, 0, moved);
    reorder.mutate(ids, { onError: (error) => void message.error(problemMessage(t, error)) });
  };

  const setEnabled = (rule: RoutingRule, enabled: boolean) =>
    updateRule.mutate(
      { ruleId: rule.id, changes: { enabled } },
      {
        onSuccess: (updated) =>
          void message.success(
            t(enabled ? 'routingRules.enabledDone' : 'routingRules.disabledDone', { name: updated.name }),
          ),
        onError: (error) => void message.error(problemMessage(t, error)),
      },
    );

  const remove = (rule: RoutingRule) =>
    deleteRule.mutateAsync(rule.id).then(
      () => void message.success(t('routingRules.deleted', { name: rule.name })),
      (error: unknown) => void message.error(problemMessage(t, error)),
    );

  const columns: TableColumnsType<RoutingRule> = [
    {
      title: t('routingRules.order'),
      key: 'order',
      width: 110,
      render: (_value, _rule, index) => (
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
                aria-label={t('routingRules.moveUp')}
                onClick={() => move(index, -1)}
              />
              <Button
                type="text"
                size="small"
                icon={<ArrowDownOutlined />}
                disabled={index === rules.length - 1 || reorder.isPending}
                aria-label={t('routingRules.moveDown')}
                onClick={() => move(index, 1)}
              />
            </>
          )}
        </Flex>
      ),
    },
    {
      title: t('routingRules.name'),
      dataIndex: 'name',
      render: (name: string, rule) => (
        <Flex vertical gap={2}>
          <Button type="link" style={{ padding: 0, alignSelf: 'start' }} onClick={() => onEdit(rule)}>
            {name}
          </Button>
          <Flex gap={4} wrap>
            {rule.triggers.map((trigger) => (
              <Tag key={trigger} variant="filled" style={{ fontSize: 11 }}>
                {t(`routingRules.trigger.${trigger}`)}
              </Tag>
            ))}
            {rule.stopAfterMatch && (
              <Tag color="purple" style={{ fontSize: 11 }}>
                {t('routingRules.stop')}
              </Tag>
            )}
          </Flex>
        </Flex>
      ),
    },
    {
      title: t('routingRules.enabled'),
      dataIndex: 'enabled',
      render: (enabled: boolean, rule) =>
        canManage ? (
          <Switch
            checked={enabled}
            size="small"
            loading={updateRule.isPending && updateRule.variables?.ruleId === rule.id}
            onChange={(checked) => setEnabled(rule, checked)}
            aria-label={t('routingRules.enabled')}
          />
        ) : (
          <Tag color={enabled ? 'green' : undefined}>
            {enabled ? t('routingRules.on') : t('routingRules.off')}
          </Tag>
        ),
    },
    {
      title: t('routingRules.conditions'),
      key: 'conditions',
      render: (_value, rule) =>
        rule.conditions.length === 0 ? (
          <Typography.Text type="secondary">{t('routingRules.matchAlways')}</Typography.Text>
        ) : (
          <Typography.Text style={{ maxWidth: 380, display: 'inline-block' }}>
            {(rule.conditions as RuleCondition[]).map(ruleLabels.condition).join(joiner(rule.match))}
          </Typography.Text>
        ),
    },
    {
      title: t('routingRules.actions'),
      key: 'actions',
      render: (_value, rule) => (
        <Flex vertical gap={2} style={{ maxWidth: 320 }}>
          {(rule.actions as RuleAction[]).map((action, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a rule may hold the same action twice; order is fixed here
            <Typography.Text key={index}>{ruleLabels.action(action)}</Typography.Text>
          ))}
        </Flex>
      ),
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'manage',
      render: (_value, rule) => (
        <Flex gap={4}>
          <Button type="link" size="small" onClick={() => onEdit(rule)}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('routingRules.deleteConfirm', { name: rule.name })}
            okButtonProps={{ danger: true }}
            okText={t('common.delete')}
            onConfirm={() => remove(rule)}
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
    <Table<RoutingRule>
      rowKey="id"
      columns={columns}
      dataSource={rules}
      loading={loading}
      pagination={false}
      locale={{ emptyText: t('routingRules.empty') }}
      scroll={{ x: 'max-content' }}
      onRow={(rule) =>
        ({ 'data-testid': 'routing-rule-row', 'data-name': rule.name }) as HTMLAttributes<HTMLElement>
      }
    />
  );
}
