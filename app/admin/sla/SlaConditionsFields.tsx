import { useTicketLabels } from '@app/tickets/ticket-labels';
import { Col, Form, Row, Select, type SelectProps } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaConditionKey } from './policy-form';

// Tiers and tags are the workspace's own words: typed in, no list to choose from.
const freeTagsProps: SelectProps<string[]> = {
  mode: 'tags',
  tokenSeparators: [',', '，', '、'],
  open: false,
  suffixIcon: null,
};

/**
 * The conditions a ticket must meet (all of them; an empty one matches anything): a policy's match, or the narrowing
 * of one target. `only` picks which conditions to show, for the compact target rows.
 */
export function SlaConditionsFields({
  name,
  only,
  span = 12,
}: {
  /** Where the conditions object sits, e.g. `['match']` or `[field.name, 'when']` inside a list. */
  name: (string | number)[];
  only?: readonly SlaConditionKey[];
  span?: number;
}) {
  const { t } = useTranslation();
  const labels = useTicketLabels();
  // Sub-type keys repeat across types (产品功能 under 咨询, 产品优化 under 建议): one option per key.
  const subtypeOptions = useMemo(() => {
    const byKey = new Map<string, string[]>();
    for (const type of labels.config?.types ?? []) {
      for (const subtype of type.subtypes) {
        byKey.set(subtype.key, [...(byKey.get(subtype.key) ?? []), `${type.label} / ${subtype.label}`]);
      }
    }
    return [...byKey].map(([value, names]) => ({ value, label: names.join(t('common.listSeparator')) }));
  }, [labels.config, t]);

  const fields: { key: SlaConditionKey; label: string; props: SelectProps<string[]> }[] = [
    {
      key: 'priorities',
      label: t('slaPolicies.conditions.priorities'),
      props: { options: labels.priorityOptions },
    },
    { key: 'types', label: t('slaPolicies.conditions.types'), props: { options: labels.typeOptions } },
    { key: 'subtypes', label: t('slaPolicies.conditions.subtypes'), props: { options: subtypeOptions } },
    {
      key: 'channels',
      label: t('slaPolicies.conditions.channels'),
      props: { options: labels.channelOptions, showSearch: { optionFilterProp: 'label' } },
    },
    { key: 'customerTiers', label: t('slaPolicies.conditions.customerTiers'), props: freeTagsProps },
    { key: 'tags', label: t('slaPolicies.conditions.tags'), props: freeTagsProps },
  ];

  return (
    <Row gutter={12}>
      {fields
        .filter((field) => !only || only.includes(field.key))
        .map((field) => (
          <Col key={field.key} xs={24} md={span}>
            <Form.Item name={[...name, field.key]} label={field.label}>
              <Select
                mode="multiple"
                allowClear
                maxTagCount="responsive"
                placeholder={t('slaPolicies.conditions.any')}
                {...field.props}
              />
            </Form.Item>
          </Col>
        ))}
    </Row>
  );
}
