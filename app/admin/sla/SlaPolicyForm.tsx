import { useCalendars } from '@app/api/calendars';
import { useTicketLabels } from '@app/tickets/ticket-labels';
import { Col, Form, type FormInstance, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EscalationActionsField } from './EscalationActionsField';
import { EscalationLevelsField } from './EscalationLevelsField';
import type { PolicyFormValues } from './policy-form';
import { SlaConditionsFields } from './SlaConditionsFields';
import { SlaTargetsField } from './SlaTargetsField';

function Section({ title, help, children }: { title: string; help?: string; children: ReactNode }) {
  return (
    <section style={{ marginBottom: 24 }}>
      <Typography.Title level={5} style={{ marginBottom: help ? 0 : 12 }}>
        {title}
      </Typography.Title>
      {help && (
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 12px', fontSize: 13 }}>
          {help}
        </Typography.Paragraph>
      )}
      {children}
    </section>
  );
}

/** Everything a policy says: which tickets, which deadlines, when the clocks stop, who hears of a delay. */
export function SlaPolicyForm({
  form,
  initialValues,
  onFinish,
  readOnly,
}: {
  form: FormInstance<PolicyFormValues>;
  initialValues: PolicyFormValues;
  onFinish: (values: PolicyFormValues) => void;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const labels = useTicketLabels();
  const calendars = useCalendars();
  const calendarOptions = (calendars.data ?? []).map((calendar) => ({
    value: calendar.id,
    label: calendar.isDefault ? `${calendar.name}（${t('calendars.default')}）` : calendar.name,
  }));

  return (
    <Form<PolicyFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      disabled={readOnly}
      preserve={false}
      data-testid="sla-policy-form"
    >
      <Section title={t('slaPolicies.form.basics')}>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('slaPolicies.name')}
              rules={[
                { required: true, whitespace: true, max: 100, message: t('slaPolicies.form.nameRequired') },
              ]}
            >
              <Input maxLength={100} placeholder={t('slaPolicies.form.namePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="calendarId"
              label={t('slaPolicies.calendar')}
              extra={t('slaPolicies.form.calendarHelp')}
            >
              <Select allowClear options={calendarOptions} placeholder={t('slaPolicies.defaultCalendar')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={4}>
            <Form.Item name="enabled" label={t('slaPolicies.enabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Section>
      <Section title={t('slaPolicies.form.match')} help={t('slaPolicies.form.matchHelp')}>
        <SlaConditionsFields name={['match']} span={8} />
      </Section>
      <Section title={t('slaPolicies.form.targets')} help={t('slaPolicies.form.targetsHelp')}>
        <SlaTargetsField />
      </Section>
      <Section title={t('slaPolicies.form.pause')} help={t('slaPolicies.form.pauseHelp')}>
        <Form.Item name="pauseStatuses">
          <Select
            mode="multiple"
            allowClear
            options={labels.statusOptions}
            placeholder={t('slaPolicies.form.neverPause')}
          />
        </Form.Item>
      </Section>
      <Section title={t('slaPolicies.form.warning')} help={t('slaPolicies.form.warningHelp')}>
        <Form.Item name="warnAtPercent" label={t('slaPolicies.form.warnAt')} rules={[{ required: true }]}>
          <InputNumber min={5} max={100} precision={0} suffix="%" style={{ width: 120 }} />
        </Form.Item>
        <Form.Item label={t('slaPolicies.form.warningActions')}>
          <EscalationActionsField name={['warningActions']} fullPath={['warningActions']} />
        </Form.Item>
      </Section>
      <Section title={t('slaPolicies.form.escalations')} help={t('slaPolicies.form.escalationsHelp')}>
        <EscalationLevelsField />
      </Section>
    </Form>
  );
}
