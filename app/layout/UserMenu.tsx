import { DownOutlined, LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useLogout } from '@app/api/me';
import { useSession } from '@app/session/use-session';
import { Avatar, Button, Dropdown, type MenuProps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** Name and 工号 of who is logged in, with their own pages and logging out. */
export function UserMenu() {
  const { t } = useTranslation();
  const { user } = useSession();
  const navigate = useNavigate();
  const logout = useLogout();

  const items: MenuProps['items'] = [
    { key: 'profile', icon: <UserOutlined />, label: t('nav.profile'), onClick: () => navigate('/profile') },
    {
      key: 'password',
      icon: <LockOutlined />,
      label: t('nav.changePassword'),
      onClick: () => navigate('/account/password'),
    },
    { type: 'divider' },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      danger: true,
      label: <span data-testid="logout">{t('nav.logout')}</span>,
      // Even if the server call fails (the session may already be gone) the user ends up logged out here.
      onClick: () =>
        logout.mutate(undefined, {
          onSettled: () => navigate('/login?reason=signed_out', { replace: true }),
        }),
    },
  ];

  return (
    <Dropdown menu={{ items }} trigger={['click']} placement="bottomRight">
      <Button type="text" data-testid="user-menu" style={{ height: 48 }}>
        <Avatar size="small" icon={<UserOutlined />} style={{ flexShrink: 0 }} />
        <span>{user.name}</span>
        {user.employeeNo && (
          <Typography.Text type="secondary">
            {t('header.employeeNo', { employeeNo: user.employeeNo })}
          </Typography.Text>
        )}
        <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}
