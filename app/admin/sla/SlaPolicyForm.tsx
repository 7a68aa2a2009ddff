import { EditorForm, type EditorFormProps, FormSection } from '@app/admin/editor-form';
import { useCalendars } from '@app/api/calendars';
import { useTicketLabels } from '@app/tickets/ticket-labels';
import { Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { EscalationActionsField } from './EscalationActionsField';
import { EscalationLevelsField } from './EscalationLevelsField';
import type { PolicyFormValues } from './policy-form';
import { SlaConditionsFields } from './SlaConditionsFields';
import { SlaTargetsField } from './SlaTargetsField';

/** Everything a policy says: which tickets, which deadlines, when the clocks stop, who hears of a delay. */
export function SlaPolicyForm(props: EditorFormProps<PolicyFormValues>) {
  const { t } = useTranslation();
  const labels = useTicketLabels();
  const calendars = useCalendars();
  const calendarOptions = (calendars.data ?? []).map((calendar) => ({
    value: calendar.id,
    label: calendar.isDefault ? `${calendar.name}（${t('calendars.default')}）` : calendar.name,
  }));

  return (
    <EditorForm {...props} testId="sla-policy-form">
      <FormSection title={t('slaPolicies.form.basics')}>
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
      </FormSection>
      <FormSection title={t('slaPolicies.form.match')} help={t('slaPolicies.form.matchHelp')}>
        <SlaConditionsFields name={['match']} span={8} />
      </FormSection>
      <FormSection title={t('slaPolicies.form.targets')} help={t('slaPolicies.form.targetsHelp')}>
        <SlaTargetsField />
      </FormSection>
      <FormSection title={t('slaPolicies.form.pause')} help={t('slaPolicies.form.pauseHelp')}>
        <Form.Item name="pauseStatuses">
          <Select
            mode="multiple"
            allowClear
            options={labels.statusOptions}
            placeholder={t('slaPolicies.form.neverPause')}
          />
        </Form.Item>
      </FormSection>
      <FormSection title={t('slaPolicies.form.warning')} help={t('slaPolicies.form.warningHelp')}>
        <Form.Item name="warnAtPercent" label={t('slaPolicies.form.warnAt')} rules={[{ required: true }]}>
          <InputNumber min={5} max={100} precision={0} suffix="%" style={{ width: 120 }} />
        </Form.Item>
        <Form.Item label={t('slaPolicies.form.warningActions')}>
          <EscalationActionsField name={['warningActions']} fullPath={['warningActions']} />
        </Form.Item>
      </FormSection>
      <FormSection title={t('slaPolicies.form.escalations')} help={t('slaPolicies.form.escalationsHelp')}>
        <EscalationLevelsField />
      </FormSection>
    </EditorForm>
  );
}
