import type { ChannelAccountWithSecret } from '@app/api/types';
import { useFormatDateTime } from '@app/components/use-format-date';
import { Alert, Button, Flex, Modal, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { inboundUrls } from './inbound-urls';

/** A signing secret just created, with why: a new channel account or a rotation. */
export interface ShownSecret {
  result: ChannelAccountWithSecret;
  reason: 'created' | 'rotated';
}

function CopyableValue({
  label,
  value,
  testId,
  large = false,
}: {
  label: string;
  value: string;
  testId: string;
  large?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Typography.Paragraph
        code
        copyable={{ text: value, tooltips: [t('common.copy'), t('common.copied')] }}
        style={{ wordBreak: 'break-all', marginBottom: 0, fontSize: large ? 15 : undefined }}
        data-testid={testId}
      >
        {value}
      </Typography.Paragraph>
    </div>
  );
}

function SignatureHeader({ name, children }: { name: string; children: ReactNode }) {
  return (
    <li>
      <Typography.Text code>{name}</Typography.Text> {children}
    </li>
  );
}

/**
 * The signing secret, shown this once (Kefu keeps it encrypted and never shows it again), with what a connector
 * needs besides: where to post and how to sign.
 */
export function SigningSecretModal({
  shown,
  open,
  onClose,
  afterClose,
}: {
  shown: ShownSecret | null;
  open: boolean;
  onClose: () => void;
  afterClose: () => void;
}) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  if (!shown) return null;
  const { account, signingSecret } = shown.result;
  const urls = inboundUrls(account);
  const previousValidUntil = shown.reason === 'rotated' ? account.previousSecretValidUntil : null;

  return (
    <Modal
      open={open}
      title={
        shown.reason === 'created'
          ? t('channelAccounts.secretModal.createdTitle')
          : t('channelAccounts.secretModal.rotatedTitle')
      }
      onCancel={onClose}
      // While the secret is on screen, a stray click outside must not throw it away.
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('channelAccounts.secretModal.done')}
        </Button>
      }
      afterClose={afterClose}
      width={680}
    >
      <Flex vertical gap={12}>
        <Alert
          type="warning"
          showIcon
          title={t('channelAccounts.secretModal.warning')}
          description={
            previousValidUntil
              ? t('channelAccounts.secretModal.previousValidUntil', {
                  time: formatDateTime(previousValidUntil),
                })
              : undefined
          }
        />
        <CopyableValue
          label={t('channelAccounts.secretModal.secret')}
          value={signingSecret ?? ''}
          testId="channel-signing-secret"
          large
        />
        <CopyableValue
          label={t('channelAccounts.secretModal.inboundUrl')}
          value={urls.single}
          testId="channel-inbound-url"
        />
        <CopyableValue
          label={t('channelAccounts.secretModal.batchUrl')}
          value={urls.batch}
          testId="channel-batch-url"
        />
        <div>
          <Typography.Text strong>{t('channelAccounts.secretModal.signingTitle')}</Typography.Text>
          <Typography.Paragraph style={{ margin: '4px 0 0' }}>
            {t('channelAccounts.secretModal.signingText')}
          </Typography.Paragraph>
          <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
            <SignatureHeader name="X-Kefu-Timestamp">
              {t('channelAccounts.secretModal.timestampHeader')}
            </SignatureHeader>
            <SignatureHeader name="X-Kefu-Signature">
              {t('channelAccounts.secretModal.signatureHeader')}
            </SignatureHeader>
          </ul>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('channelAccounts.secretModal.callbackSigned')} {t('channelAccounts.secretModal.docs')}
          </Typography.Paragraph>
        </div>
      </Flex>
    </Modal>
  );
}
