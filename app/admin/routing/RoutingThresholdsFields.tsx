import { Card, Col, Form, InputNumber, type InputNumberProps, Row, Switch, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AcceptanceTemplateFields } from './AcceptanceTemplateFields';
import type { ThresholdFormValues } from './settings-form';

type Name = keyof ThresholdFormValues;

function NumberField({
  name,
  label,
  help,
  required = true,
  ...input
}: { name: Name; label: string; help?: ReactNode; required?: boolean } & InputNumberProps<number>) {
  return (
    <Form.Item name={name} label={label} extra={help} rules={required ? [{ required: true }] : []}>
      <InputNumber<number> precision={0} style={{ width: '100%' }} {...input} />
    </Form.Item>
  );
}

/** Priority signals, the acceptance notice, duplicates and emergency mode: the numbers behind routing. */
export function RoutingThresholdsFields() {
  const { t } = useTranslation();
  const minutes = t('riskSettings.unit.minutes');
  const messages = t('riskSettings.unit.messages');
  const tickets = t('riskSettings.unit.tickets');

  return (
    <>
      <Card size="small" title={t('riskSettings.signals.title')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('riskSettings.signals.help')}
        </Typography.Paragraph>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <NumberField
              name="repeatMessages"
              label={t('riskSettings.signals.repeatMessages')}
              min={2}
              max={100}
              suffix={messages}
            />
          </Col>
          <Col xs={24} md={6}>
            <NumberField
              name="repeatWindowMinutes"
              label={t('riskSettings.signals.repeatWindow')}
              help={t('riskSettings.signals.repeatHelp')}
              min={1}
              max={1440}
              suffix={minutes}
            />
          </Col>
          <Col xs={24} md={6}>
            <NumberField
              name="largeOrderAmount"
              label={t('riskSettings.signals.largeOrder')}
              help={t('riskSettings.signals.amountOff')}
              required={false}
              min={0}
              prefix="¥"
            />
          </Col>
          <Col xs={24} md={6}>
            <NumberField
              name="urgentOrderAmount"
              label={t('riskSettings.signals.urgentOrder')}
              help={t('riskSettings.signals.amountOff')}
              required={false}
              min={0}
              prefix="¥"
            />
          </Col>
          <Col xs={24} md={8}>
            <NumberField
              name="autoClassifyPercent"
              label={t('riskSettings.signals.autoClassify')}
              help={t('riskSettings.signals.autoClassifyHelp')}
              min={0}
              max={100}
              suffix="%"
            />
          </Col>
        </Row>
      </Card>
      <Card size="small" title={t('riskSettings.acceptance.title')} style={{ marginBottom: 16 }}>
        <Form.Item
          name="sendAcceptance"
          label={t('riskSettings.acceptance.send')}
          valuePropName="checked"
          extra={t('riskSettings.acceptance.sendHelp')}
        >
          <Switch />
        </Form.Item>
        <AcceptanceTemplateFields />
      </Card>
      <Card size="small" title={t('riskSettings.duplicates.title')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('riskSettings.duplicates.help')}
        </Typography.Paragraph>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <NumberField
              name="duplicateWindowMinutes"
              label={t('riskSettings.duplicates.window')}
              min={1}
              max={60 * 24 * 30}
              suffix={minutes}
            />
          </Col>
          <Col xs={24} md={8}>
            <NumberField
              name="duplicateMergePercent"
              label={t('riskSettings.duplicates.merge')}
              help={t('riskSettings.duplicates.mergeHelp')}
              min={0}
              max={100}
              suffix="%"
            />
          </Col>
          <Col xs={24} md={8}>
            <NumberField
              name="duplicateSuggestPercent"
              label={t('riskSettings.duplicates.suggest')}
              help={t('riskSettings.duplicates.suggestHelp')}
              min={0}
              max={100}
              suffix="%"
            />
          </Col>
        </Row>
      </Card>
      <Card size="small" title={t('riskSettings.incidents.title')}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('riskSettings.incidents.help')}
        </Typography.Paragraph>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <NumberField
              name="incidentThreshold"
              label={t('riskSettings.incidents.threshold')}
              min={2}
              max={10_000}
              suffix={tickets}
            />
          </Col>
          <Col xs={24} md={8}>
            <NumberField
              name="incidentWindowMinutes"
              label={t('riskSettings.incidents.window')}
              min={1}
              max={1440}
              suffix={minutes}
            />
          </Col>
          <Col xs={24} md={8}>
            <NumberField
              name="incidentSimilarityPercent"
              label={t('riskSettings.incidents.similarity')}
              min={0}
              max={100}
              suffix="%"
            />
          </Col>
        </Row>
      </Card>
    </>
  );
}
