import { ExportOutlined } from '@ant-design/icons';
import type { WebChatSettings } from '@app/api/web-chat';
import { Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The snippet a site pastes before </body>, the demo page to try it on, and where customers look tickets up. */
export function EmbedCard({ settings }: { settings: WebChatSettings }) {
  const { t } = useTranslation();
  return (
    <Card title={t('webChat.embed.title')} size="small">
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t('webChat.embed.help')}</Typography.Text>
        <Typography.Paragraph
          copyable={{ text: settings.embedSnippet }}
          data-testid="embed-snippet"
          style={{ marginBottom: 0 }}
        >
          <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: 0 }}>
            {settings.embedSnippet}
          </pre>
        </Typography.Paragraph>
        <Typography.Text>
          {t('webChat.embed.widgetKey')}{' '}
          <Typography.Text code copyable>
            {settings.widgetKey}
          </Typography.Text>
        </Typography.Text>
        <Typography.Link
          href={`/widget-demo?key=${encodeURIComponent(settings.widgetKey)}`}
          target="_blank"
          rel="noopener"
          data-testid="widget-preview"
        >
          {t('webChat.embed.preview')} <ExportOutlined />
        </Typography.Link>
        {settings.lookupPath && (
          <Typography.Text type="secondary">
            {t('webChat.embed.lookup')}{' '}
            <Typography.Link href={settings.lookupPath} target="_blank" rel="noopener">
              {settings.lookupPath}
            </Typography.Link>
          </Typography.Text>
        )}
      </Flex>
    </Card>
  );
}
