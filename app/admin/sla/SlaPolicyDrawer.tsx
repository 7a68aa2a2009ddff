import { EditorDrawer, type EditTarget, useEditorSave } from '@app/admin/editor-drawer';
import { useCreateSlaPolicy, useUpdateSlaPolicy } from '@app/api/sla';
import type { SlaPolicy } from '@app/api/sla-types';
import { Form } from 'antd';
import { formToPolicyBody, NEW_POLICY, type PolicyFormValues, policyToForm } from './policy-form';
import { SlaPolicyForm } from './SlaPolicyForm';
import { SlaPreviewPanel } from './SlaPreviewPanel';

/** null: closed; 'new': create; a policy: edit it. */
export type SlaPolicyEditTarget = EditTarget<SlaPolicy>;

/** The policy editor, with the live preview of its deadlines beside the form. */
export function SlaPolicyDrawer({
  target,
  readOnly,
  onClose,
}: {
  target: SlaPolicyEditTarget;
  readOnly: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<PolicyFormValues>();
  const { submit, saving } = useEditorSave({
    form,
    target,
    section: 'slaPolicies',
    create: useCreateSlaPolicy(),
    update: useUpdateSlaPolicy(),
    toBody: formToPolicyBody,
    updateVariables: (policy, changes) => ({ policyId: policy.id, changes }),
    onClose,
  });

  return (
    <EditorDrawer
      target={target}
      section="slaPolicies"
      readOnly={readOnly}
      saving={saving}
      saveTestId="sla-policy-save"
      formSpan={15}
      onSave={() => form.submit()}
      onClose={onClose}
      renderForm={(open) => (
        <SlaPolicyForm
          form={form}
          initialValues={open === 'new' ? NEW_POLICY : policyToForm(open)}
          onFinish={submit}
          readOnly={readOnly}
        />
      )}
      renderSide={() => <SlaPreviewPanel form={form} />}
    />
  );
}
