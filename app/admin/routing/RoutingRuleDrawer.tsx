import { EditorDrawer, type EditTarget, useEditorSave } from '@app/admin/editor-drawer';
import { type RoutingRule, useCreateRoutingRule, useUpdateRoutingRule } from '@app/api/routing';
import { Form } from 'antd';
import { RoutingRuleForm } from './RoutingRuleForm';
import { RuleTestPanel } from './RuleTestPanel';
import { formToRuleBody, NEW_RULE, type RuleFormValues, ruleToForm } from './rule-form';

/** null: closed; 'new': create; a rule: edit it. */
export type RoutingRuleEditTarget = EditTarget<RoutingRule>;

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
  const [form] = Form.useForm<RuleFormValues>();
  const { submit, saving } = useEditorSave({
    form,
    target,
    section: 'routingRules',
    create: useCreateRoutingRule(),
    update: useUpdateRoutingRule(),
    toBody: formToRuleBody,
    updateVariables: (rule, changes) => ({ ruleId: rule.id, changes }),
    fieldForCode: { rule_name_taken: 'name' },
    onClose,
  });

  return (
    <EditorDrawer
      target={target}
      section="routingRules"
      readOnly={readOnly}
      saving={saving}
      saveTestId="rule-save"
      formSpan={14}
      onSave={() => form.submit()}
      onClose={onClose}
      renderForm={(open) => (
        <RoutingRuleForm
          form={form}
          initialValues={open === 'new' ? NEW_RULE : ruleToForm(open)}
          onFinish={submit}
          readOnly={readOnly}
        />
      )}
      renderSide={(open) => (
        <RuleTestPanel form={form} editingId={open === 'new' ? null : open.id} savedRules={rules} />
      )}
    />
  );
}
