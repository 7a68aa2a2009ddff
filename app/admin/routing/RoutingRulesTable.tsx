import { useOrderedRowActions } from '@app/admin/ordered-rows';
import {
  type RoutingRule,
  useDeleteRoutingRule,
  useReorderRoutingRules,
  useUpdateRoutingRule,
} from '@app/api/routing';
import type { RuleAction, RuleCondition } from '@shared/routing';
import { Button, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
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
  const ruleLabels = useRuleLabels();
  const updateRule = useUpdateRoutingRule();
  const deleteRule = useDeleteRoutingRule();
  const reorder = useReorderRoutingRules();
  const joiner = (match: RoutingRule['match']) => t(`routingRules.joiner.${match}`);

  const { orderColumn, enabledColumn, manageColumn } = useOrderedRowActions({
    rows: rules,
    section: 'routingRules',
    canManage,
    reorder,
    update: updateRule,
    enableVariables: (rule, enabled) => ({ ruleId: rule.id, changes: { enabled } }),
    updatingId: (variables) => variables.ruleId,
    remove: deleteRule,
  });

  const columns: TableColumnsType<RoutingRule> = [
    orderColumn,
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
    enabledColumn,
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
  if (canManage) columns.push(manageColumn({ key: 'manage', onEdit }));

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
