import type { SavedView } from '@app/api/types';
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { SAVED_VIEW_ORDER } from './inbox-query';

/** The saved views (我的工单 … 全部), as one switch; counts are left out to keep the inbox one request. */
export function InboxViewSwitch({
  value,
  onChange,
}: {
  value: SavedView;
  onChange: (view: SavedView) => void;
}) {
  const { t } = useTranslation();
  return (
    <Segmented<SavedView>
      value={value}
      onChange={onChange}
      options={SAVED_VIEW_ORDER.map((view) => ({
        value: view,
        label: <span data-testid={`view-${view}`}>{t(`tickets.views.${view}`)}</span>,
      }))}
      aria-label={t('tickets.views.label')}
    />
  );
}
