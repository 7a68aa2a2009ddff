import { useTestChannelConnection } from '@app/api/channel-accounts';
import type { ConnectionCheck } from '@app/api/types';
import { problemMessage } from '@app/i18n/problem-message';
import { Alert, App, Button, Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * 测试连接: asks the platform whether the stored credentials work. In a table row the answer is a toast; in the
 * setup dialog it stays on screen next to the URL the admin is pasting.
 */
export function TestConnectionButton({
  accountId,
  inline = false,
  size,
}: {
  accountId: string;
  inline?: boolean;
  size?: 'small';
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const testConnection = useTestChannelConnection();
  const [result, setResult] = useState<ConnectionCheck | null>(null);

  const run = () => {
    setResult(null);
    testConnection.mutate(accountId, {
      onSuccess: (check) => {
        if (inline) setResult(check);
        else if (check.ok)
          void message.success(t('channelAccounts.platforms.test.okDetail', { detail: check.detail }));
        else void message.error(t('channelAccounts.platforms.test.failedDetail', { detail: check.detail }));
      },
      onError: (error) => {
        if (inline) setResult({ ok: false, detail: problemMessage(t, error) });
        else void message.error(problemMessage(t, error));
      },
    });
  };

  const button = (
    <Button
      type={inline ? 'default' : 'link'}
      size={size}
      loading={testConnection.isPending}
      onClick={run}
      data-testid="test-connection"
    >
      {t('channelAccounts.platforms.test.button')}
    </Button>
  );
  if (!inline) return button;
  return (
    <Flex vertical gap={8} align="flex-start">
      {button}
      {result && (
        <Alert
          style={{ alignSelf: 'stretch' }}
          type={result.ok ? 'success' : 'error'}
          showIcon
          title={
            result.ok ? t('channelAccounts.platforms.test.ok') : t('channelAccounts.platforms.test.failed')
          }
          description={result.detail}
          data-testid="test-connection-result"
        />
      )}
    </Flex>
  );
}
