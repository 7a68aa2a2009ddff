import { CustomerServiceFilled } from '@ant-design/icons';
import { useRealtime } from '@app/realtime/use-realtime';
import { useCan } from '@app/session/use-session';
import { Flex, Layout, Typography, theme } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { HeaderBar } from './HeaderBar';
import { PasswordDueBanner } from './PasswordDueBanner';
import { SideMenu } from './SideMenu';

/** The frame of every page after login: navigation on the left, workspace and account on top. */
export function AppLayout() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(false);
  const can = useCan();
  // Live updates are about tickets and one's own notifications; they run once here, for every page after login.
  useRealtime({ enabled: can('tickets:read') || can('notifications:read') });

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        width={240}
        // Navigation stays in view while long tables scroll.
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <Link to="/" aria-label={t('nav.home')}>
          <Flex align="center" justify="center" gap={8} style={{ height: 64 }}>
            <CustomerServiceFilled style={{ fontSize: 22, color: token.colorPrimary }} />
            {!collapsed && (
              <Typography.Text strong style={{ color: '#fff', fontSize: 16, whiteSpace: 'nowrap' }}>
                {t('common.appName')}
              </Typography.Text>
            )}
          </Flex>
        </Link>
        <SideMenu />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            padding: '0 24px',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <HeaderBar />
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <PasswordDueBanner />
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
