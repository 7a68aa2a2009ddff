import type { TicketSort } from '@app/api/types';
import { useDepartmentOptions } from '@app/components/department-options';
import { useUserOptions } from '@app/components/user-options';
import { Button, DatePicker, Flex, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTicketLabels } from '../ticket-labels';
import { hasFilters, type InboxState, SLA_FILTERS } from './inbox-query';

const DAY_FORMAT = 'YYYY-MM-DD';

/** A free-text filter that applies on Enter or when the field is left, not on every key. */
function TagFilter({ value, onChange }: { value: string; onChange: (tag: string | undefined) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const apply = () => {
    if (draft.trim() !== value) onChange(draft.trim() || undefined);
  };
  return (
    <Input
      allowClear
      value={draft}
      onChange={(event) => {
        setDraft(event.target.value);
        if (event.target.value === '' && value !== '') onChange(undefined);
      }}
      onPressEnter={apply}
      onBlur={apply}
      placeholder={t('tickets.filters.tag')}
      aria-label={t('tickets.filters.tag')}
      style={{ width: 120 }}
    />
  );
}

export function InboxFilters({
  state,
  onChange,
}: {
  state: InboxState;
  onChange: (changes: Partial<InboxState>) => void;
}) {
  const { t } = useTranslation();
  const labels = useTicketLabels();
  const userOptions = useUserOptions();
  const departmentOptions = useDepartmentOptions();
  const searching = Boolean(state.q);

  return (
    <Flex gap={8} wrap align="center">
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder={t('tickets.filters.status')}
        aria-label={t('tickets.filters.status')}
        options={labels.statusOptions}
        value={state.status}
        onChange={(status) => onChange({ status })}
        style={{ width: 180 }}
        data-testid="filter-status"
      />
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder={t('tickets.filters.priority')}
        aria-label={t('tickets.filters.priority')}
        options={labels.priorityOptions}
        value={state.priority}
        onChange={(priority) => onChange({ priority })}
        style={{ width: 160 }}
        data-testid="filter-priority"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('tickets.filters.channel')}
        aria-label={t('tickets.filters.channel')}
        options={labels.channelOptions}
        value={state.channel}
        onChange={(channel) => onChange({ channel })}
        style={{ width: 120 }}
      />
      <Select
        allowClear
        placeholder={t('tickets.filters.type')}
        aria-label={t('tickets.filters.type')}
        options={labels.typeOptions}
        value={state.type}
        onChange={(type) => onChange({ type })}
        style={{ width: 120 }}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('tickets.filters.assignee')}
        aria-label={t('tickets.filters.assignee')}
        options={userOptions}
        value={state.assigneeId}
        onChange={(assigneeId) => onChange({ assigneeId })}
        style={{ width: 150 }}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('tickets.filters.team')}
        aria-label={t('tickets.filters.team')}
        options={departmentOptions}
        value={state.teamId}
        onChange={(teamId) => onChange({ teamId })}
        style={{ width: 140 }}
      />
      <TagFilter value={state.tag ?? ''} onChange={(tag) => onChange({ tag })} />
      <Select
        allowClear
        placeholder={t('tickets.filters.sla')}
        aria-label={t('tickets.filters.sla')}
        options={SLA_FILTERS.map((value) => ({ value, label: t(`tickets.slaFilter.${value}`) }))}
        value={state.sla}
        onChange={(sla) => onChange({ sla })}
        style={{ width: 120 }}
        data-testid="filter-sla"
      />
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        placeholder={[t('tickets.filters.createdFrom'), t('tickets.filters.createdTo')]}
        value={[
          state.createdFrom ? dayjs(state.createdFrom) : null,
          state.createdTo ? dayjs(state.createdTo) : null,
        ]}
        onChange={(range) =>
          onChange({
            createdFrom: range?.[0]?.format(DAY_FORMAT),
            createdTo: range?.[1]?.format(DAY_FORMAT),
          })
        }
        style={{ width: 250 }}
      />
      <Select<TicketSort | 'relevance'>
        aria-label={t('tickets.sort.label')}
        disabled={searching}
        value={searching ? 'relevance' : state.sort}
        onChange={(sort) => {
          if (sort !== 'relevance') onChange({ sort });
        }}
        options={[
          ...(searching ? [{ value: 'relevance' as const, label: t('tickets.sort.relevance') }] : []),
          { value: 'last_activity' as const, label: t('tickets.sort.last_activity') },
          { value: 'created' as const, label: t('tickets.sort.created') },
          { value: 'priority' as const, label: t('tickets.sort.priority') },
          { value: 'sla_due' as const, label: t('tickets.sort.sla_due') },
        ]}
        style={{ width: 130 }}
      />
      {hasFilters(state) && (
        <Button
          type="link"
          onClick={() =>
            onChange({
              status: [],
              priority: [],
              channel: undefined,
              type: undefined,
              assigneeId: undefined,
              teamId: undefined,
              tag: undefined,
              createdFrom: undefined,
              createdTo: undefined,
              sla: undefined,
            })
          }
        >
          {t('tickets.filters.clear')}
        </Button>
      )}
    </Flex>
  );
}
