import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTicketLabels } from '@app/tickets/ticket-labels';
import { type RuleConditionField, SLA_CONDITION_STATES } from '@shared/routing';
import { Button, Flex, Form, type FormRule, Input, InputNumber, Select, type SelectProps } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CONDITION_FIELDS, CONDITION_OPERATORS, type ConditionFormValue, newCondition } from './rule-form';
import { useRuleLabels } from './rule-labels';

// Words, tiers and tags are the workspace's own: typed in, pasted lists split at the usual separators.
const typedListProps: SelectProps<string[]> = {
  mode: 'tags',
  tokenSeparators: [',', '，', '、', '\n'],
  open: false,
  suffixIcon: null,
};

const isValidPattern = (source: string) => {
  try {
    new RegExp(source, 'iu');
    return true;
  } catch {
    return false;
  }
};

/** The value inputs of one condition, as its field and operator need them. */
function ConditionValue({ fieldName }: { fieldName: number }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const labels = useTicketLabels();
  const ruleLabels = useRuleLabels();
  const field: RuleConditionField | undefined = Form.useWatch(['conditions', fieldName, 'field'], form);
  const operator: string | undefined = Form.useWatch(['conditions', fieldName, 'operator'], form);
  // Sub-type keys repeat across types: one option per key, naming every type it sits under.
  const subtypeOptions = useMemo(() => {
    const byKey = new Map<string, string[]>();
    for (const type of labels.config?.types ?? []) {
      for (const subtype of type.subtypes) {
        byKey.set(subtype.key, [...(byKey.get(subtype.key) ?? []), `${type.label} / ${subtype.label}`]);
      }
    }
    return [...byKey].map(([value, names]) => ({ value, label: names.join(t('common.listSeparator')) }));
  }, [labels.config, t]);

  const valuesRequired: FormRule[] = [
    { required: true, type: 'array', min: 1, message: t('routingRules.form.valuesRequired') },
  ];
  const listItem = (props: SelectProps<string[]>, placeholder?: string) => (
    <Form.Item name={[fieldName, 'values']} noStyle rules={valuesRequired}>
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder={placeholder ?? t('routingRules.form.valuesPick')}
        aria-label={t('routingRules.form.values')}
        style={{ flex: 1, minWidth: 220 }}
        {...props}
      />
    </Form.Item>
  );

  if (!field || operator === 'is_empty') return null;
  switch (field) {
    case 'text':
      if (operator === 'matches') {
        return (
          <Form.Item
            name={[fieldName, 'pattern']}
            noStyle
            rules={[
              { required: true, whitespace: true, message: t('routingRules.form.patternRequired') },
              {
                validator: (_rule, value?: string) =>
                  !value || isValidPattern(value.trim())
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('routingRules.form.patternInvalid'))),
              },
            ]}
          >
            <Input
              placeholder={t('routingRules.form.patternPlaceholder')}
              aria-label={t('routingRules.operator.matches')}
              maxLength={300}
              style={{ flex: 1, minWidth: 220, fontFamily: 'monospace' }}
            />
          </Form.Item>
        );
      }
      return listItem(typedListProps, t('routingRules.form.wordsPlaceholder'));
    case 'channel':
      return listItem({ options: labels.channelOptions, showSearch: { optionFilterProp: 'label' } });
    case 'customer_tier':
      return listItem({ mode: 'tags', options: ruleLabels.tierOptions, tokenSeparators: [',', '，', '、'] });
    case 'customer_tags':
    case 'ticket_tags':
      return listItem(typedListProps, t('routingRules.form.tagsPlaceholder'));
    case 'type':
      return listItem({ options: labels.typeOptions });
    case 'subtype':
      return listItem({ options: subtypeOptions });
    case 'priority':
      return listItem({ options: labels.priorityOptions });
    case 'sla_state':
      return listItem({
        options: SLA_CONDITION_STATES.map((state) => ({
          value: state,
          label: t(`routingRules.slaState.${state}`),
        })),
      });
    case 'order_amount':
      return (
        <Form.Item
          name={[fieldName, 'amount']}
          noStyle
          rules={[{ required: true, message: t('routingRules.form.amountRequired') }]}
        >
          <InputNumber
            min={0}
            max={1e12}
            prefix="¥"
            aria-label={t('routingRules.field.order_amount')}
            style={{ width: 180 }}
          />
        </Form.Item>
      );
    case 'business_hours':
      return (
        <Form.Item name={[fieldName, 'inside']} noStyle>
          <Select
            aria-label={t('routingRules.field.business_hours')}
            options={[
              { value: true, label: t('routingRules.businessHours.inside') },
              { value: false, label: t('routingRules.businessHours.outside') },
            ]}
            style={{ width: 180 }}
          />
        </Form.Item>
      );
  }
}

/** The rule's conditions: each a field, an operator and the inputs that field needs. */
export function RuleConditionsField() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const fieldOptions = CONDITION_FIELDS.map((field) => ({
    value: field,
    label: t(`routingRules.field.${field}`),
  }));

  return (
    <Form.List name="conditions">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          {fields.map((entry) => (
            // An item without a name shows the errors of the inputs inside it, which sit on one line.
            <Form.Item key={entry.key} style={{ marginBottom: 0 }}>
              <Flex gap={8} wrap align="start" data-testid="rule-condition">
                <Form.Item name={[entry.name, 'field']} noStyle>
                  <Select<RuleConditionField>
                    aria-label={t('routingRules.form.conditionField')}
                    options={fieldOptions}
                    style={{ width: 130 }}
                    // Another field has other operators and values: the condition starts over.
                    onChange={(field) => form.setFieldValue(['conditions', entry.name], newCondition(field))}
                  />
                </Form.Item>
                <Form.Item noStyle dependencies={[['conditions', entry.name, 'field']]}>
                  {({ getFieldValue }) => {
                    const field: RuleConditionField = getFieldValue(['conditions', entry.name, 'field']);
                    const operators = CONDITION_OPERATORS[field] ?? [];
                    return (
                      <Form.Item name={[entry.name, 'operator']} noStyle>
                        <Select
                          aria-label={t('routingRules.form.conditionOperator')}
                          options={operators.map((operator) => ({
                            value: operator,
                            label: t(`routingRules.operator.${operator as 'in'}`),
                          }))}
                          disabled={operators.length < 2}
                          style={{ width: 116 }}
                        />
                      </Form.Item>
                    );
                  }}
                </Form.Item>
                <ConditionValue fieldName={entry.name} />
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('routingRules.form.removeCondition')}
                  onClick={() => remove(entry.name)}
                />
              </Flex>
            </Form.Item>
          ))}
          <Button
            type="dashed"
            size="small"
            icon={<PlusOutlined />}
            onClick={() => add(newCondition('text') satisfies ConditionFormValue)}
            style={{ alignSelf: 'start' }}
            data-testid="rule-condition-add"
          >
            {t('routingRules.form.addCondition')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}
