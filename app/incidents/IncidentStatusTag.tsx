import type { Incident } from '@app/api/incidents';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** 处理中 in red while customers are waiting, 已结束 once the resolution went out. */
export function IncidentStatusTag({ status }: { status: Incident['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={status === 'open' ? 'red' : 'green'} data-status={status}>
      {t(`incidents.status.${status}`)}
    </Tag>
  );
}
