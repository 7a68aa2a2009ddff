import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useSlaLabels } from '@app/sla/sla-labels';
import { MAX_ESCALATION_LEVELS } from '@shared/sla';
import { Button, Card, Col, Flex, Form, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { EscalationActionsField } from './EscalationActionsField';

/** Up to four levels, each firing so many minutes after the breach with its own actions. */
export function EscalationLevelsField() {
  const { t } = useTranslation();
  const labels = useSlaLabels();

  return (
    <Form.List name="escalations">
      {(fields, { add, remove }) => (
        <Flex vertical gap={12}>
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              title={t('slaPolicies.escalations.level', { level: index + 1 })}
              extra={
                <Button
                  type="text"
                  size="small"
                  icon={<DeleteOutlined />}
                  aria-label={t('slaPolicies.escalations.remove')}
                  onClick={() => remove(field.name)}
                />
              }
              data-testid="escalation-level"
            >
              <Row gutter={12}>
                <Col xs={24} md={10}>
                  <Form.Item
                    name={[field.name, 'afterMinutes']}
                    label={t('slaPolicies.escalations.afterMinutes')}
                    rules={[{ required: true }]}
                  >
                    <InputNumber
                      min={0}
                      max={30 * 24 * 60}
                      precision={0}
                      suffix={t('slaPolicies.escalations.minutesAfterBreach')}
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={14}>
                  <Form.Item name={[field.name, 'metrics']} label={t('slaPolicies.escalations.metrics')}>
                    <Select
                      mode="multiple"
                      allowClear
                      maxTagCount="responsive"
                      options={labels.metricOptions}
                      placeholder={t('slaPolicies.escalations.allMetrics')}
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item label={t('slaPolicies.escalations.actions')} style={{ marginBottom: 0 }}>
                <EscalationActionsField
                  name={[field.name, 'actions']}
                  fullPath={['escalations', field.name, 'actions']}
                  required
                />
              </Form.Item>
            </Card>
          ))}
          {fields.length < MAX_ESCALATION_LEVELS && (
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() =>
                add({ afterMinutes: fields.length === 0 ? 0 : 60, actions: [{ kind: 'notify_supervisor' }] })
              }
            >
              {t('slaPolicies.escalations.add')}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}
