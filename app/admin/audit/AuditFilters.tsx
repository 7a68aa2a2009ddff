import { useAuditActions } from '@app/api/audit';
import { useUserNames } from '@app/components/user-options';
import { Button, DatePicker, Flex, Select } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type AuditFilterState, hasAuditFilter } from './audit-filter-state';
import { auditActionLabel, auditGroupLabel } from './audit-labels';

const DAY_FORMAT = 'YYYY-MM-DD';

/** Action options grouped by their prefix; each group can also be chosen whole (`pii.` = every pii action). */
function useActionOptions() {
  const { t } = useTranslation();
  const actions = useAuditActions().data;
  return useMemo(() => {
    const byGroup = new Map<string, string[]>();
    for (const action of [...(actions ?? [])].sort()) {
      const group = action.split('.')[0] ?? action;
      byGroup.set(group, [...(byGroup.get(group) ?? []), action]);
    }
    return [...byGroup].map(([group, members]) => {
      const groupLabel = auditGroupLabel(t, group);
      return {
        label: groupLabel,
        title: group,
        options: [
          { value: `${group}.`, label: t('audit.filters.actionGroup', { group: groupLabel }) },
          ...members.map((action) => ({ value: action, label: auditActionLabel(t, action) })),
        ],
      };
    });
  }, [actions, t]);
}

/** Which events to list: by action (or action group), by who acted, and by day. */
export function AuditFilters({
  state,
  onChange,
}: {
  state: AuditFilterState;
  onChange: (changes: Partial<AuditFilterState>) => void;
}) {
  const { t } = useTranslation();
  const actionOptions = useActionOptions();
  const userNames = useUserNames();
  const actorOptions = useMemo(() => [...userNames].map(([value, label]) => ({ value, label })), [userNames]);

  return (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('audit.filters.action')}
        aria-label={t('audit.filters.action')}
        options={actionOptions}
        value={state.action}
        onChange={(action) => onChange({ action })}
        style={{ width: 220 }}
        popupMatchSelectWidth={false}
        data-testid="audit-filter-action"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('audit.filters.actor')}
        aria-label={t('audit.filters.actor')}
        options={actorOptions}
        value={state.actorId}
        onChange={(actorId) => onChange({ actorId })}
        style={{ width: 180 }}
        data-testid="audit-filter-actor"
      />
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        placeholder={[t('audit.filters.from'), t('audit.filters.to')]}
        value={[state.from ? dayjs(state.from) : null, state.to ? dayjs(state.to) : null]}
        onChange={(range) =>
          onChange({ from: range?.[0]?.format(DAY_FORMAT), to: range?.[1]?.format(DAY_FORMAT) })
        }
        style={{ width: 250 }}
      />
      {hasAuditFilter(state) && (
        <Button
          type="link"
          onClick={() => onChange({ action: undefined, actorId: undefined, from: undefined, to: undefined })}
        >
          {t('audit.filters.clear')}
        </Button>
      )}
    </Flex>
  );
}
