import { CustomerServiceFilled } from '@ant-design/icons';
import { applyLocale } from '@app/i18n';
import { Card, Flex, Typography, theme } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';

/** The centred card for pages shown before login (log in, first-run setup), with the language switch. */
export function PublicPageFrame({
  title,
  subtitle,
  width = 400,
  children,
}: {
  title: string;
  subtitle?: string;
  width?: number;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const appName = t('common.appName');
  useEffect(() => {
    document.title = `${title} · ${appName}`;
  }, [title, appName]);

  return (
    <Flex vertical style={{ minHeight: '100vh', background: token.colorBgLayout }}>
      <Flex justify="flex-end" style={{ padding: '16px 24px' }}>
        <LanguageSwitch onChange={applyLocale} />
      </Flex>
      <Flex flex={1} align="center" justify="center" style={{ padding: '0 16px 64px' }}>
        <Card style={{ width, maxWidth: '100%' }}>
          <Flex vertical align="center" gap={4} style={{ marginBottom: 24 }}>
            <CustomerServiceFilled style={{ fontSize: 36, color: token.colorPrimary }} />
            <Typography.Text type="secondary">{appName}</Typography.Text>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {title}
            </Typography.Title>
            {subtitle && (
              <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
                {subtitle}
              </Typography.Text>
            )}
          </Flex>
          {children}
        </Card>
      </Flex>
    </Flex>
  );
}
