import { useCreateChannelAccount, useUpdateChannelAccount } from '@app/api/channel-accounts';
import { showProblemOnForm } from '@app/api/form-errors';
import type { ChannelAccount, ChannelAccountWithSecret, UpdateChannelAccountInput } from '@app/api/types';
import { problemMessage } from '@app/i18n/problem-message';
import { useTicketLabels } from '@app/tickets/ticket-labels';
import type { TicketChannel } from '@shared/tickets';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';

/** null: closed; 'new': create; an account: edit its name, callback URL and delivery rate. */
export type ChannelAccountEditTarget = ChannelAccount | 'new' | null;

interface ChannelAccountForm {
  platform: TicketChannel;
  name: string;
  callbackUrl?: string;
  rateLimitPerSecond: number;
}

const DEFAULT_RATE_LIMIT = 20;

/** Only what really changed is sent, so the audit log names exactly what was edited. */
function changedFields(account: ChannelAccount, values: ChannelAccountForm): UpdateChannelAccountInput {
  const changes: UpdateChannelAccountInput = {};
  const callbackUrl = values.callbackUrl?.trim() || null;
  if (values.name.trim() !== account.name) changes.name = values.name.trim();
  if (callbackUrl !== account.callbackUrl) changes.callbackUrl = callbackUrl;
  if (values.rateLimitPerSecond !== account.rateLimitPerSecond) {
    changes.rateLimitPerSecond = values.rateLimitPerSecond;
  }
  return changes;
}

export function ChannelAccountFormModal({
  target,
  onClose,
  onCreated,
}: {
  target: ChannelAccountEditTarget;
  onClose: () => void;
  /** The new account with its signing secret, to be shown once. */
  onCreated: (result: ChannelAccountWithSecret) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useTicketLabels();
  const [form] = Form.useForm<ChannelAccountForm>();
  const createAccount = useCreateChannelAccount();
  const updateAccount = useUpdateChannelAccount();
  const isNew = target === 'new';

  const onError = (error: unknown) => {
    if (!showProblemOnForm(form, t, error)) message.error(problemMessage(t, error));
  };

  const submit = (values: ChannelAccountForm) => {
    if (target === 'new') {
      createAccount.mutate(
        {
          kind: 'api',
          platform: values.platform,
          name: values.name.trim(),
          callbackUrl: values.callbackUrl?.trim() || null,
          rateLimitPerSecond: values.rateLimitPerSecond,
        },
        {
          onSuccess: (result) => {
            message.success(t('channelAccounts.created', { name: result.account.name }));
            onClose();
            onCreated(result);
          },
          onError,
        },
      );
    } else if (target) {
      const changes = changedFields(target, values);
      if (Object.keys(changes).length === 0) {
        onClose();
        return;
      }
      updateAccount.mutate(
        { accountId: target.id, changes },
        {
          onSuccess: (account) => {
            message.success(t('channelAccounts.updated', { name: account.name }));
            onClose();
          },
          onError,
        },
      );
    }
  };

  return (
    <Modal
      open={target !== null}
      title={
        target === null || isNew
          ? t('channelAccounts.createTitle')
          : t('channelAccounts.editTitle', { name: target.name })
      }
      okText={isNew ? t('common.create') : t('common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={createAccount.isPending || updateAccount.isPending}
      destroyOnHidden
    >
      {target !== null && (
        <Form<ChannelAccountForm>
          form={form}
          layout="vertical"
          onFinish={submit}
          preserve={false}
          initialValues={
            isNew
              ? { rateLimitPerSecond: DEFAULT_RATE_LIMIT }
              : {
                  platform: target.platform,
                  name: target.name,
                  callbackUrl: target.callbackUrl ?? undefined,
                  rateLimitPerSecond: target.rateLimitPerSecond,
                }
          }
        >
          <Form.Item
            name="platform"
            label={t('channelAccounts.platform')}
            extra={t('channelAccounts.platformHelp')}
            rules={[{ required: true, message: t('channelAccounts.platformRequired') }]}
          >
            <Select
              disabled={!isNew}
              showSearch={{ optionFilterProp: 'label' }}
              options={labels.channelOptions}
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('channelAccounts.name')}
            rules={[
              { required: true, whitespace: true, message: t('channelAccounts.nameRequired') },
              { max: 100 },
            ]}
          >
            <Input maxLength={100} placeholder={t('channelAccounts.namePlaceholder')} />
          </Form.Item>
          <Form.Item
            name="callbackUrl"
            label={t('common.optionalField', { label: t('channelAccounts.callbackUrl') })}
            extra={t('channelAccounts.callbackUrlHelp')}
            rules={[
              { pattern: /^\s*https?:\/\/\S+\s*$/i, message: t('channelAccounts.callbackUrlInvalid') },
              { max: 2000 },
            ]}
          >
            <Input allowClear placeholder="https://" />
          </Form.Item>
          <Form.Item
            name="rateLimitPerSecond"
            label={t('channelAccounts.rateLimit')}
            extra={t('channelAccounts.rateLimitHelp')}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} max={1000} precision={0} suffix={t('channelAccounts.perSecond')} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
