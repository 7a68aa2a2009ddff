import { KeyOutlined } from '@ant-design/icons';
import { useRotateIdentitySecret, type WebChatSettings } from '@app/api/web-chat';
import { problemMessage } from '@app/i18n/problem-message';
import { Alert, App, Button, Card, Flex, Modal, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

const SIGNING_EXAMPLE = `// On your server (Node.js); never in the browser
const signature = crypto
  .createHmac('sha256', KEFU_IDENTITY_SECRET)
  .update(userId + ':' + email)
  .digest('hex');

// In the page, before the widget script
window.KefuSettings = { identity: { userId, email, name, signature } };`;

/**
 * Identified visitors: the host site signs its signed-in user's id and e-mail with this secret, so the chat lands on
 * the right customer across channels. The secret is shown once, when generated.
 */
export function IdentitySecretCard({ settings, editable }: { settings: WebChatSettings; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rotate = useRotateIdentitySecret();
  const [secret, setSecret] = useState<string | null>(null);
  const hasSecret = settings.identitySecretHint !== null;

  const generate = () =>
    rotate.mutateAsync().then(
      (answer) => setSecret(answer.secret),
      (error: unknown) => void message.error(problemMessage(t, error)),
    );

  const button = (
    <Button
      icon={<KeyOutlined />}
      loading={rotate.isPending}
      data-testid="identity-secret-rotate"
      onClick={hasSecret ? undefined : () => void generate()}
    >
      {hasSecret ? t('webChat.identity.rotate') : t('webChat.identity.generate')}
    </Button>
  );

  return (
    <Card title={t('webChat.identity.title')} size="small">
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t('webChat.identity.help')}</Typography.Text>
        <Typography.Text>
          {hasSecret
            ? t('webChat.identity.current', { hint: settings.identitySecretHint })
            : t('webChat.identity.none')}
        </Typography.Text>
        {editable &&
          (hasSecret ? (
            <Popconfirm
              title={t('webChat.identity.rotateConfirm')}
              description={t('webChat.identity.rotateHint')}
              okText={t('webChat.identity.rotate')}
              okButtonProps={{ danger: true }}
              onConfirm={generate}
            >
              {button}
            </Popconfirm>
          ) : (
            button
          ))}
      </Flex>
      <Modal
        open={secret !== null}
        title={t('webChat.identity.shownTitle')}
        onOk={() => setSecret(null)}
        onCancel={() => setSecret(null)}
        okText={t('webChat.identity.saved')}
        cancelButtonProps={{ style: { display: 'none' } }}
        maskClosable={false}
        width={640}
      >
        <Flex vertical gap={12}>
          <Alert type="warning" showIcon title={t('webChat.identity.shownWarning')} />
          <Typography.Paragraph copyable code data-testid="identity-secret" style={{ marginBottom: 0 }}>
            {secret}
          </Typography.Paragraph>
          <Typography.Text>{t('webChat.identity.howToSign')}</Typography.Text>
          <pre style={{ whiteSpace: 'pre-wrap', margin: 0, fontSize: 12 }}>{SIGNING_EXAMPLE}</pre>
        </Flex>
      </Modal>
    </Card>
  );
}
