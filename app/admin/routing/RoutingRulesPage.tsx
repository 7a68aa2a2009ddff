import { PlusOutlined } from '@ant-design/icons';
import { useRoutingRules } from '@app/api/routing';
import { LoadFailed } from '@app/components/LoadFailed';
import { PageHeader } from '@app/components/PageHeader';
import { useCan } from '@app/session/use-session';
import { Button, Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RoutingRuleDrawer, type RoutingRuleEditTarget } from './RoutingRuleDrawer';
import { RoutingRulesTable } from './RoutingRulesTable';

/** 分派规则: the ordered rules, each opened in the editor with its test-run. */
export function RoutingRulesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const rules = useRoutingRules();
  const [editTarget, setEditTarget] = useState<RoutingRuleEditTarget>(null);
  const canManage = can('routing:manage');

  return (
    <>
      <PageHeader
        title={t('routingRules.title')}
        description={t('routingRules.intro')}
        extra={
          <Flex gap={8}>
            <Link to="/admin/routing/risk">
              <Button>{t('routingRules.riskLink')}</Button>
            </Link>
            {canManage && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditTarget('new')}
                data-testid="rule-create"
              >
                {t('routingRules.create')}
              </Button>
            )}
          </Flex>
        }
      />
      {rules.isError && !rules.data ? (
        <LoadFailed error={rules.error} onRetry={() => void rules.refetch()} />
      ) : (
        <RoutingRulesTable
          rules={rules.data ?? []}
          loading={rules.isPending}
          canManage={canManage}
          onEdit={setEditTarget}
        />
      )}
      <RoutingRuleDrawer
        target={editTarget}
        rules={rules.data ?? []}
        readOnly={!canManage}
        onClose={() => setEditTarget(null)}
      />
    </>
  );
}
