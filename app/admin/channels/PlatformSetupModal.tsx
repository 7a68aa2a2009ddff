import type { ChannelAccount } from '@app/api/types';
import { Alert, Button, Flex, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isPlatformKind, webhookUrl } from './platform-fields';
import { TestConnectionButton } from './TestConnectionButton';

/** A platform account whose console still needs Kefu's URL, just created or opened from its row. */
export interface ShownSetup {
  account: ChannelAccount;
  /** The WhatsApp verify token as just typed or generated; the server never sends it back. */
  verifyToken?: string;
  reason: 'created' | 'opened';
}

/** Platforms call only public HTTPS addresses; an admin browsing Kefu on localhost would paste a dead URL. */
function isPublicHttps(origin: string): boolean {
  const { protocol, hostname } = new URL(origin);
  const privateHost =
    hostname === 'localhost' ||
    hostname.endsWith('.local') ||
    /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|\[?::1\]?$)/.test(hostname);
  return protocol === 'https:' && !privateHost;
}

/**
 * What to paste where in the platform's console: the webhook URL with a copy button, the console path, the other
 * values that must match (and WhatsApp's verify token while it is still known), and a connection test.
 */
export function PlatformSetupModal({
  shown,
  open,
  onClose,
  afterClose,
}: {
  shown: ShownSetup | null;
  open: boolean;
  onClose: () => void;
  afterClose: () => void;
}) {
  const { t } = useTranslation();
  if (!shown || !isPlatformKind(shown.account.kind)) return null;
  const { account, verifyToken } = shown;
  const kind = shown.account.kind;
  const url = webhookUrl(account);

  return (
    <Modal
      open={open}
      title={
        shown.reason === 'created'
          ? t('channelAccounts.platforms.setup.createdTitle', {
              kind: t(`channelAccounts.platforms.kinds.${kind}`),
            })
          : t('channelAccounts.platforms.setup.title', { name: account.name })
      }
      onCancel={onClose}
      afterClose={afterClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('channelAccounts.platforms.setup.done')}
        </Button>
      }
      width={680}
    >
      <Flex vertical gap={12} data-testid="platform-setup">
        <div>
          <Typography.Text type="secondary">
            {t(`channelAccounts.platforms.setup.urlLabel.${kind}`)}
          </Typography.Text>
          <Typography.Paragraph
            code
            copyable={{ text: url, tooltips: [t('common.copy'), t('common.copied')] }}
            style={{ wordBreak: 'break-all', marginBottom: 0, fontSize: 15 }}
            data-testid="platform-webhook-url"
          >
            {url}
          </Typography.Paragraph>
        </div>
        {!isPublicHttps(window.location.origin) && (
          <Alert
            type="warning"
            showIcon
            title={t('channelAccounts.platforms.setup.notPublic', { origin: window.location.origin })}
          />
        )}
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {t('channelAccounts.platforms.setup.pasteTo')}
          <Typography.Text strong>{t(`channelAccounts.platforms.setup.where.${kind}`)}</Typography.Text>
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t(`channelAccounts.platforms.setup.alsoEnter.${kind}`)}{' '}
          {t('channelAccounts.platforms.setup.docs', { file: kind.replace('_', '-') })}
        </Typography.Paragraph>
        {kind === 'whatsapp' &&
          (verifyToken ? (
            <div>
              <Typography.Text type="secondary">
                {t('channelAccounts.platforms.fields.whatsapp.verifyToken')}
              </Typography.Text>
              <Typography.Paragraph
                code
                copyable={{ text: verifyToken, tooltips: [t('common.copy'), t('common.copied')] }}
                style={{ wordBreak: 'break-all', marginBottom: 0 }}
                data-testid="platform-verify-token"
              >
                {verifyToken}
              </Typography.Paragraph>
            </div>
          ) : (
            <Typography.Text type="secondary">
              {t('channelAccounts.platforms.setup.verifyTokenStored')}
            </Typography.Text>
          ))}
        <TestConnectionButton accountId={account.id} inline />
      </Flex>
    </Modal>
  );
}
