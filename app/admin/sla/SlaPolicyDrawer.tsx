import { showProblemOnForm } from '@app/api/form-errors';
import { useCreateSlaPolicy, useUpdateSlaPolicy } from '@app/api/sla';
import type { SlaPolicy } from '@app/api/sla-types';
import { problemMessage } from '@app/i18n/problem-message';
import { App, Button, Col, Drawer, Flex, Form, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { formToPolicyBody, NEW_POLICY, type PolicyFormValues, policyToForm } from './policy-form';
import { SlaPolicyForm } from './SlaPolicyForm';
import { SlaPreviewPanel } from './SlaPreviewPanel';

/** null: closed; 'new': create; a policy: edit it. */
export type SlaPolicyEditTarget = SlaPolicy | 'new' | null;

const DRAWER_WIDTH = 1180;

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
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PolicyFormValues>();
  const createPolicy = useCreateSlaPolicy();
  const updatePolicy = useUpdateSlaPolicy();
  const saving = createPolicy.isPending || updatePolicy.isPending;

  const handlers = {
    onSuccess: (policy: SlaPolicy) => {
      message.success(
        t(target === 'new' ? 'slaPolicies.created' : 'slaPolicies.updated', { name: policy.name }),
      );
      onClose();
    },
    onError: (error: unknown) => {
      if (!showProblemOnForm(form, t, error)) message.error(problemMessage(t, error));
    },
  };

  const submit = (values: PolicyFormValues) => {
    const body = formToPolicyBody(values);
    if (target === 'new') createPolicy.mutate(body, handlers);
    else if (target) updatePolicy.mutate({ policyId: target.id, changes: body }, handlers);
  };

  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      size={DRAWER_WIDTH}
      destroyOnHidden
      title={
        target === null || target === 'new'
          ? t('slaPolicies.form.createTitle')
          : t('slaPolicies.form.editTitle', { name: target.name })
      }
      extra={
        !readOnly && (
          <Flex gap={8}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              loading={saving}
              onClick={() => form.submit()}
              data-testid="sla-policy-save"
            >
              {t('common.save')}
            </Button>
          </Flex>
        )
      }
    >
      {target !== null && (
        <Row gutter={24}>
          <Col xs={24} lg={15}>
            <SlaPolicyForm
              form={form}
              initialValues={target === 'new' ? NEW_POLICY : policyToForm(target)}
              onFinish={submit}
              readOnly={readOnly}
            />
          </Col>
          <Col xs={24} lg={9}>
            <div style={{ position: 'sticky', top: 0 }}>
              <SlaPreviewPanel form={form} />
            </div>
          </Col>
        </Row>
      )}
    </Drawer>
  );
}
