import { useCreateChannelAccount, useUpdateChannelAccount } from '@app/api/channel-accounts';
import { showProblemOnForm } from '@app/api/form-errors';
import type { ChannelAccount, ChannelAccountWithSecret, UpdateChannelAccountInput } from '@app/api/types';
import { problemMessage } from '@app/i18n/problem-message';
import { useTicketLabels } from '@app/tickets/ticket-labels';
import type { TicketChannel } from '@shared/tickets';
import { App, Form, Input, InputNumber, Modal, Radio, Select, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PlatformAccountFields } from './PlatformAccountFields';
import type { ShownSetup } from './PlatformSetupModal';
import {
  type ChannelKindName,
  changedPlatformFields,
  createPlatformBody,
  isPlatformKind,
  PLATFORM_KINDS,
  type PlatformFormValues,
  platformFormValues,
} from './platform-fields';

/** null: closed; 'new': create; an account: edit its name, callback URL and delivery rate (a platform's settings). */
export type ChannelAccountEditTarget = ChannelAccount | 'new' | null;

const KIND_CHOICES: ChannelKindName[] = ['api', ...PLATFORM_KINDS];

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
  onPlatformSetup,
}: {
  target: ChannelAccountEditTarget;
  onClose: () => void;
  /** The new account with its signing secret, to be shown once. */
  onCreated: (result: ChannelAccountWithSecret) => void;
  /** A platform account created, or its verify token replaced: the admin has to paste values into its console. */
  onPlatformSetup: (setup: ShownSetup) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChannelAccountForm & PlatformFormValues>();
  const createAccount = useCreateChannelAccount();
  const updateAccount = useUpdateChannelAccount();
  const isNew = target === 'new';
  // The signed API channel comes first, as before platforms existed: a new dialog always starts there.
  const [chosenKind, setChosenKind] = useState<ChannelKindName>('api');
  const kind: ChannelKindName =
    target === null || target === 'new' ? chosenKind : (target.kind as ChannelKindName);
  const platformKind = isPlatformKind(kind) ? kind : null;

  const onError = (error: unknown) => {
    if (!showProblemOnForm(form, t, error)) message.error(problemMessage(t, error));
  };

  const submitPlatform = (values: PlatformFormValues) => {
    if (!platformKind) return;
    const verifyToken = values.credentials?.verifyToken?.trim() || undefined;
    if (target === 'new') {
      createAccount.mutate(createPlatformBody(platformKind, values), {
        onSuccess: ({ account }) => {
          message.success(t('channelAccounts.created', { name: account.name }));
          onClose();
          onPlatformSetup({ account, verifyToken, reason: 'created' });
        },
        onError,
      });
      return;
    }
    if (!target) return;
    const changes = changedPlatformFields(target, values);
    saveChanges(target.id, changes, (account) => {
      // A new verify token is useless until it is typed into Meta's console too.
      if (changes.credentials?.verifyToken) onPlatformSetup({ account, verifyToken, reason: 'opened' });
    });
  };

  /** Saves an edit (nothing to send: just close), then says so. */
  const saveChanges = (
    accountId: string,
    changes: UpdateChannelAccountInput,
    afterSaved?: (account: ChannelAccount) => void,
  ) => {
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    updateAccount.mutate(
      { accountId, changes },
      {
        onSuccess: (account) => {
          message.success(t('channelAccounts.updated', { name: account.name }));
          onClose();
          afterSaved?.(account);
        },
        onError,
      },
    );
  };

  const submit = (values: ChannelAccountForm & PlatformFormValues) => {
    if (platformKind) {
      submitPlatform(values);
      return;
    }
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
      saveChanges(target.id, changedFields(target, values));
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
      afterClose={() => setChosenKind('api')}
      confirmLoading={createAccount.isPending || updateAccount.isPending}
      destroyOnHidden
      width={platformKind || isNew ? 640 : undefined}
    >
      {target !== null && (
        <Form<ChannelAccountForm & PlatformFormValues>
          form={form}
          layout="vertical"
          onFinish={submit}
          preserve={false}
          // One form instance serves every opening: without this, what was typed into the last dialog would
          // override the next account's stored values.
          clearOnDestroy
          initialValues={
            isNew
              ? { rateLimitPerSecond: DEFAULT_RATE_LIMIT, settings: { encryption: 'safe' } }
              : platformKind
                ? platformFormValues(target)
                : {
                    platform: target.platform,
                    name: target.name,
                    callbackUrl: target.callbackUrl ?? undefined,
                    rateLimitPerSecond: target.rateLimitPerSecond,
                  }
          }
        >
          {isNew ? (
            <Form.Item
              label={t('channelAccounts.platforms.kind')}
              extra={t(`channelAccounts.platforms.kindHelp.${kind}`)}
            >
              <Radio.Group
                optionType="button"
                value={kind}
                onChange={(event) => setChosenKind(event.target.value)}
                options={KIND_CHOICES.map((choice) => ({
                  value: choice,
                  label: t(`channelAccounts.platforms.kinds.${choice}`),
                }))}
                data-testid="channel-kind"
              />
            </Form.Item>
          ) : (
            platformKind && (
              <Typography.Paragraph type="secondary">
                {t('channelAccounts.platforms.kindFixed', {
                  kind: t(`channelAccounts.platforms.kinds.${platformKind}`),
                })}
              </Typography.Paragraph>
            )
          )}
          {platformKind ? (
            <>
              <Form.Item
                name="name"
                label={t('channelAccounts.name')}
                rules={[
                  { required: true, whitespace: true, message: t('channelAccounts.nameRequired') },
                  { max: 100 },
                ]}
              >
                <Input maxLength={100} placeholder={t(`channelAccounts.platforms.kinds.${platformKind}`)} />
              </Form.Item>
              {!isNew && (
                <Form.Item name="enabled" label={t('channelAccounts.status')} valuePropName="checked">
                  <Switch
                    checkedChildren={t('channelAccounts.enabled')}
                    unCheckedChildren={t('channelAccounts.disabled')}
                  />
                </Form.Item>
              )}
              <PlatformAccountFields
                key={platformKind}
                kind={platformKind}
                account={isNew ? null : (target as ChannelAccount)}
              />
            </>
          ) : (
            <ApiChannelFields isNew={isNew} />
          )}
        </Form>
      )}
    </Modal>
  );
}

/** The signed API channel: the platform the connector bridges, a name, where replies go and how fast. */
function ApiChannelFields({ isNew }: { isNew: boolean }) {
  const { t } = useTranslation();
  const labels = useTicketLabels();
  return (
    <>
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
    </>
  );
}
