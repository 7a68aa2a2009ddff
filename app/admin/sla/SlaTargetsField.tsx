import { DeleteOutlined, FilterOutlined, PlusOutlined } from '@ant-design/icons';
import { useSlaLabels } from '@app/sla/sla-labels';
import { useTicketLabels } from '@app/tickets/ticket-labels';
import { SLA_DURATION_UNITS, type SlaConditions } from '@shared/sla';
import { Button, Card, Flex, Form, InputNumber, Select, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TARGET_CONDITION_KEYS } from './policy-form';
import { SlaConditionsFields } from './SlaConditionsFields';

const hasNarrowingBeyondPriority = (when: SlaConditions | undefined) =>
  Boolean(when) && TARGET_CONDITION_KEYS.some((key) => (when?.[key] ?? []).length > 0);

/** One target: metric, how long, on which time, for which priorities; further conditions folded away. */
function TargetRow({ fieldName, onRemove }: { fieldName: number; onRemove: () => void }) {
  const { t } = useTranslation();
  const labels = useSlaLabels();
  const ticketLabels = useTicketLabels();
  const form = Form.useFormInstance();
  const unit = Form.useWatch(['targets', fieldName, 'unit'], form);
  const [showMore, setShowMore] = useState(() =>
    hasNarrowingBeyondPriority(form.getFieldValue(['targets', fieldName, 'when'])),
  );

  return (
    <Card size="small" data-testid="sla-target">
      <Flex gap={8} wrap align="start">
        <Form.Item
          name={[fieldName, 'metric']}
          rules={[{ required: true, message: t('slaPolicies.target.metricRequired') }]}
          style={{ marginBottom: 0 }}
        >
          <Select
            aria-label={t('slaPolicies.target.metric')}
            options={labels.metricOptions}
            style={{ width: 130 }}
          />
        </Form.Item>
        <Form.Item
          name={[fieldName, 'amount']}
          rules={[{ required: true, message: t('slaPolicies.target.amountRequired') }]}
          style={{ marginBottom: 0 }}
        >
          <InputNumber
            aria-label={t('slaPolicies.target.amount')}
            min={0}
            max={100_000}
            precision={0}
            style={{ width: 80 }}
          />
        </Form.Item>
        <Form.Item name={[fieldName, 'unit']} rules={[{ required: true }]} style={{ marginBottom: 0 }}>
          <Select
            aria-label={t('slaPolicies.target.unit')}
            options={SLA_DURATION_UNITS.map((value) => ({ value, label: t(`sla.units.${value}`) }))}
            style={{ width: 100 }}
          />
        </Form.Item>
        <Form.Item name={[fieldName, 'time']} rules={[{ required: true }]} style={{ marginBottom: 0 }}>
          <Select
            aria-label={t('slaPolicies.target.basis')}
            // undefined, not false: a read-only form disables it too.
            disabled={unit === 'workingDays' || undefined}
            options={[
              { value: 'business', label: t('sla.timeBasis.business') },
              { value: 'calendar', label: t('sla.timeBasis.calendar') },
            ]}
            style={{ width: 100 }}
          />
        </Form.Item>
        <Form.Item
          name={[fieldName, 'when', 'priorities']}
          style={{ marginBottom: 0, flex: 1, minWidth: 150 }}
        >
          <Select
            mode="multiple"
            allowClear
            aria-label={t('slaPolicies.conditions.priorities')}
            placeholder={t('slaPolicies.target.anyPriority')}
            options={ticketLabels.priorityOptions}
          />
        </Form.Item>
        <Tooltip title={t('slaPolicies.target.moreConditions')}>
          <Button
            type={showMore ? 'link' : 'text'}
            icon={<FilterOutlined />}
            onClick={() => setShowMore((shown) => !shown)}
            aria-label={t('slaPolicies.target.moreConditions')}
            aria-expanded={showMore}
          />
        </Tooltip>
        <Button
          type="text"
          icon={<DeleteOutlined />}
          aria-label={t('slaPolicies.target.remove')}
          onClick={onRemove}
        />
      </Flex>
      {showMore && (
        <div style={{ marginTop: 12 }}>
          <SlaConditionsFields name={[fieldName, 'when']} only={TARGET_CONDITION_KEYS} />
        </div>
      )}
    </Card>
  );
}

/** The policy's deadlines; within one metric the first target whose conditions hold applies. */
export function SlaTargetsField() {
  const { t } = useTranslation();
  return (
    <Form.List
      name="targets"
      rules={[
        {
          validator: (_rule, targets: unknown[] | undefined) =>
            targets && targets.length > 0
              ? Promise.resolve()
              : Promise.reject(new Error(t('slaPolicies.target.required'))),
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Flex vertical gap={8}>
          {fields.map((field) => (
            <TargetRow key={field.key} fieldName={field.name} onRemove={() => remove(field.name)} />
          ))}
          <Form.ErrorList errors={errors} />
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ metric: 'resolution', amount: 24, unit: 'hours', time: 'business' })}
          >
            {t('slaPolicies.target.add')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}
