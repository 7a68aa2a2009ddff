import { useCreateApiToken } from '@app/api/api-tokens';
import { showProblemOnForm } from '@app/api/form-errors';
import type { CreatedApiToken } from '@app/api/types';
import { problemMessage } from '@app/i18n/problem-message';
import { useSession } from '@app/session/use-session';
import type { Permission } from '@shared/permissions';
import { Alert, App, Button, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { scopeOptionGroups } from './scope-options';

interface TokenForm {
  name: string;
  scopes: Permission[];
  /** Days until it expires; 0 for never. */
  validDays: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const VALIDITY_CHOICES = [30, 90, 180, 365, 0];

/** Two steps in one dialog: choose name, scopes and validity; then show the secret exactly once. */
export function CreateApiTokenModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useSession();
  const [form] = Form.useForm<TokenForm>();
  const createToken = useCreateApiToken();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);

  const submit = ({ name, scopes, validDays }: TokenForm) =>
    createToken.mutate(
      {
        name: name.trim(),
        scopes,
        expiresAt: validDays > 0 ? new Date(Date.now() + validDays * DAY_MS).toISOString() : null,
      },
      {
        onSuccess: setCreated,
        onError: (error) => {
          if (!showProblemOnForm(form, t, error, { scope_exceeds_role: 'scopes' })) {
            message.error(problemMessage(t, error));
          }
        },
      },
    );

  const validityOptions = VALIDITY_CHOICES.map((days) => ({
    value: days,
    label:
      days === 0
        ? t('apiTokens.noExpiry')
        : days === 365
          ? t('apiTokens.expiryYear')
          : t('apiTokens.expiryDays', { count: days }),
  }));

  return (
    <Modal
      open={open}
      title={created ? t('apiTokens.createdTitle') : t('apiTokens.createTitle')}
      okText={t('common.create')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={createToken.isPending}
      // Once the secret is on screen, a stray click outside must not throw it away.
      mask={{ closable: !created }}
      footer={
        created
          ? [
              <Button key="done" type="primary" onClick={onClose}>
                {t('apiTokens.done')}
              </Button>,
            ]
          : undefined
      }
      destroyOnHidden
      // Back to the form only once the dialog has faded out, so the secret does not flash into a blank form.
      afterClose={() => setCreated(null)}
      width={600}
    >
      {created ? (
        <>
          <Alert type="warning" showIcon title={t('apiTokens.createdWarning')} style={{ marginBottom: 16 }} />
          <Typography.Paragraph
            code
            copyable={{ text: created.token, tooltips: [t('common.copy'), t('common.copied')] }}
            style={{ wordBreak: 'break-all', fontSize: 15 }}
            data-testid="created-api-token"
          >
            {created.token}
          </Typography.Paragraph>
        </>
      ) : (
        <Form<TokenForm>
          form={form}
          layout="vertical"
          onFinish={submit}
          preserve={false}
          initialValues={{ validDays: 90, scopes: [] }}
        >
          <Form.Item
            name="name"
            label={t('apiTokens.name')}
            rules={[{ required: true, whitespace: true, message: t('apiTokens.nameRequired') }, { max: 100 }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="scopes"
            label={t('apiTokens.scopes')}
            rules={[{ required: true, type: 'array', min: 1, message: t('apiTokens.scopesRequired') }]}
          >
            <Select
              mode="multiple"
              allowClear
              options={scopeOptionGroups(t, user.role)}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
          <Form.Item name="validDays" label={t('apiTokens.expiry')}>
            <Select options={validityOptions} style={{ maxWidth: 200 }} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
