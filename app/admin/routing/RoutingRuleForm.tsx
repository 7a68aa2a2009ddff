import { EditorForm, type EditorFormProps, FormSection } from '@app/admin/editor-form';
import { RULE_TRIGGERS } from '@shared/routing';
import { Checkbox, Col, Form, Input, Radio, Row, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { RuleActionsField } from './RuleActionsField';
import { RuleConditionsField } from './RuleConditionsField';
import type { RuleFormValues } from './rule-form';

/** A rule: when it is looked at, which tickets it is for, what it does to them. */
export function RoutingRuleForm(props: EditorFormProps<RuleFormValues>) {
  const { t } = useTranslation();

  return (
    <EditorForm {...props} testId="routing-rule-form">
      <FormSection title={t('routingRules.form.basics')}>
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
      </FormSection>
      <FormSection title={t('routingRules.form.conditions')} help={t('routingRules.form.conditionsHelp')}>
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
      </FormSection>
      <FormSection title={t('routingRules.form.actions')} help={t('routingRules.form.actionsHelp')}>
        <RuleActionsField />
      </FormSection>
      <FormSection title={t('routingRules.stop')}>
        <Form.Item
          name="stopAfterMatch"
          valuePropName="checked"
          extra={t('routingRules.form.stopHelp')}
          style={{ marginBottom: 0 }}
        >
          <Switch />
        </Form.Item>
      </FormSection>
    </EditorForm>
  );
}
