import { PlusOutlined } from '@ant-design/icons';
import { useSlaPolicies } from '@app/api/sla';
import { LoadFailed } from '@app/components/LoadFailed';
import { PageHeader } from '@app/components/PageHeader';
import { useCan } from '@app/session/use-session';
import { Button, Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SlaPoliciesTable } from './SlaPoliciesTable';
import { SlaPolicyDrawer, type SlaPolicyEditTarget } from './SlaPolicyDrawer';

/** SLA 策略: the ordered policies, each opened in the editor with its live preview. */
export function SlaPoliciesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const policies = useSlaPolicies();
  const [editTarget, setEditTarget] = useState<SlaPolicyEditTarget>(null);
  const canManage = can('service_levels:manage');

  return (
    <>
      <PageHeader
        title={t('slaPolicies.title')}
        description={t('slaPolicies.intro')}
        extra={
          <Flex gap={8}>
            <Link to="/admin/sla/presets">
              <Button>{t('slaPolicies.usePreset')}</Button>
            </Link>
            {canManage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditTarget('new')}>
                {t('slaPolicies.create')}
              </Button>
            )}
          </Flex>
        }
      />
      {policies.isError && !policies.data ? (
        <LoadFailed error={policies.error} onRetry={() => void policies.refetch()} />
      ) : (
        <SlaPoliciesTable
          policies={policies.data ?? []}
          loading={policies.isPending}
          onEdit={setEditTarget}
        />
      )}
      <SlaPolicyDrawer target={editTarget} readOnly={!canManage} onClose={() => setEditTarget(null)} />
    </>
  );
}
