import { showProblemOnForm } from '@app/api/form-errors';
import { type RoutingRule, useCreateRoutingRule, useUpdateRoutingRule } from '@app/api/routing';
import { problemMessage } from '@app/i18n/problem-message';
import { App, Button, Col, Drawer, Flex, Form, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { RoutingRuleForm } from './RoutingRuleForm';
import { RuleTestPanel } from './RuleTestPanel';
import { formToRuleBody, NEW_RULE, type RuleFormValues, ruleToForm } from './rule-form';

/** null: closed; 'new': create; a rule: edit it. */
export type RoutingRuleEditTarget = RoutingRule | 'new' | null;

const DRAWER_WIDTH = 1180;

/** The rule editor, with the test-run of the rule as it stands beside the form. */
export function RoutingRuleDrawer({
  target,
  rules,
  readOnly,
  onClose,
}: {
  target: RoutingRuleEditTarget;
  /** The saved rules, in order: the test-run runs the draft among them. */
  rules: RoutingRule[];
  readOnly: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RuleFormValues>();
  const createRule = useCreateRoutingRule();
  const updateRule = useUpdateRoutingRule();
  const saving = createRule.isPending || updateRule.isPending;

  const handlers = {
    onSuccess: (rule: RoutingRule) => {
      message.success(
        t(target === 'new' ? 'routingRules.created' : 'routingRules.updated', { name: rule.name }),
      );
      onClose();
    },
    onError: (error: unknown) => {
      if (!showProblemOnForm(form, t, error, { rule_name_taken: 'name' }))
        message.error(problemMessage(t, error));
    },
  };

  const submit = (values: RuleFormValues) => {
    const body = formToRuleBody(values);
    if (target === 'new') createRule.mutate(body, handlers);
    else if (target) updateRule.mutate({ ruleId: target.id, changes: body }, handlers);
  };

  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      size={DRAWER_WIDTH}
      destroyOnHidden
      title={
        target === null || target === 'new'
          ? t('routingRules.form.createTitle')
          : t('routingRules.form.editTitle', { name: target.name })
      }
      extra={
        !readOnly && (
          <Flex gap={8}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="rule-save">
              {t('common.save')}
            </Button>
          </Flex>
        )
      }
    >
      {target !== null && (
        <Row gutter={24}>
          <Col xs={24} lg={14}>
            <RoutingRuleForm
              form={form}
              initialValues={target === 'new' ? NEW_RULE : ruleToForm(target)}
              onFinish={submit}
              readOnly={readOnly}
            />
          </Col>
          <Col xs={24} lg={10}>
            <div style={{ position: 'sticky', top: 0 }}>
              <RuleTestPanel form={form} editingId={target === 'new' ? null : target.id} savedRules={rules} />
            </div>
          </Col>
        </Row>
      )}
    </Drawer>
  );
}
