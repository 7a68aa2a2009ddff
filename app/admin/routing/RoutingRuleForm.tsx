import { RULE_TRIGGERS } from '@shared/routing';
import { Checkbox, Col, Form, type FormInstance, Input, Radio, Row, Switch, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RuleActionsField } from './RuleActionsField';
import { RuleConditionsField } from './RuleConditionsField';
import type { RuleFormValues } from './rule-form';

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

/** A rule: when it is looked at, which tickets it is for, what it does to them. */
export function RoutingRuleForm({
  form,
  initialValues,
  onFinish,
  readOnly,
}: {
  form: FormInstance<RuleFormValues>;
  initialValues: RuleFormValues;
  onFinish: (values: RuleFormValues) => void;
  readOnly: boolean;
}) {
  const { t } = useTranslation();

  return (
    <Form<RuleFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      disabled={readOnly}
      preserve={false}
      data-testid="routing-rule-form"
    >
      <Section title={t('routingRules.form.basics')}>
        <Row gutter={12}>
          <Col xs={24} md={18}>
            <Form.Item
              name="name"
              label={t('routingRules.name')}
              rules={[
                { required: true, whitespace: true, max: 100, message: t('routingRules.form.nameRequired') },
              ]}
            >
              <Input maxLength={100} placeholder={t('routingRules.form.namePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="enabled" label={t('routingRules.enabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="triggers"
          label={t('routingRules.form.triggers')}
          rules={[
            { required: true, type: 'array', min: 1, message: t('routingRules.form.triggersRequired') },
          ]}
        >
          <Checkbox.Group
            options={RULE_TRIGGERS.map((trigger) => ({
              value: trigger,
              label: t(`routingRules.trigger.${trigger}`),
            }))}
          />
        </Form.Item>
      </Section>
      <Section title={t('routingRules.form.conditions')} help={t('routingRules.form.conditionsHelp')}>
        <Form.Item name="match" style={{ marginBottom: 12 }}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'all', label: t('routingRules.match.all') },
              { value: 'any', label: t('routingRules.match.any') },
            ]}
          />
        </Form.Item>
        <RuleConditionsField />
      </Section>
      <Section title={t('routingRules.form.actions')} help={t('routingRules.form.actionsHelp')}>
        <RuleActionsField />
      </Section>
      <Section title={t('routingRules.stop')}>
        <Form.Item
          name="stopAfterMatch"
          valuePropName="checked"
          extra={t('routingRules.form.stopHelp')}
          style={{ marginBottom: 0 }}
        >
          <Switch />
        </Form.Item>
      </Section>
    </Form>
  );
}
