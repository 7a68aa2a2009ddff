import {
  ApartmentOutlined,
  AuditOutlined,
  IdcardOutlined,
  KeyOutlined,
  LockOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { PageHeader } from '@app/components/PageHeader';
import { RoleTag } from '@app/components/RoleTag';
import { useCan, useSession } from '@app/session/use-session';
import { Alert, Button, Card, Descriptions, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

interface NextStep {
  to: string;
  icon: ReactNode;
  text: string;
}

/** Who you are here and where to go next; real numbers arrive with the ticket desk, not made-up ones now. */
export function HomePage() {
  const { t } = useTranslation();
  const { user, workspace, passwordChangeDue } = useSession();
  const can = useCan();

  const nextSteps: NextStep[] = [{ to: '/profile', icon: <IdcardOutlined />, text: t('home.nextProfile') }];
  if (can('users:read')) {
    nextSteps.push({
      to: '/admin/users',
      icon: <TeamOutlined />,
      text: can('users:create') ? t('home.nextUsers') : t('home.nextUsersReadonly'),
    });
  }
  if (can('departments:create')) {
    nextSteps.push({
      to: '/admin/departments',
      icon: <ApartmentOutlined />,
      text: t('home.nextDepartments'),
    });
  }
  if (can('api_tokens:create')) {
    nextSteps.push({ to: '/admin/api-tokens', icon: <KeyOutlined />, text: t('home.nextApiTokens') });
  }
  if (can('audit_log:read')) {
    nextSteps.push({ to: '/admin/audit', icon: <AuditOutlined />, text: t('home.nextAudit') });
  }
  if (can('workspace:update')) {
    nextSteps.push({ to: '/admin/workspace', icon: <SettingOutlined />, text: t('home.nextWorkspace') });
  }

  return (
    <>
      <PageHeader title={t('home.title')} />
      <Flex vertical gap={16} style={{ maxWidth: 880 }}>
        <Card>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {t('home.greeting', { name: user.name })}
          </Typography.Title>
          <Descriptions
            column={{ xs: 1, sm: 2 }}
            size="small"
            items={[
              {
                key: 'employeeNo',
                label: t('home.employeeNo'),
                children: user.employeeNo ? (
                  <Typography.Text strong copyable>
                    {user.employeeNo}
                  </Typography.Text>
                ) : (
                  <Typography.Text type="secondary">{t('home.noEmployeeNo')}</Typography.Text>
                ),
              },
              { key: 'role', label: t('home.role'), children: <RoleTag role={user.role} /> },
              {
                key: 'department',
                label: t('home.department'),
                children: user.department?.name ?? t('home.noDepartment'),
              },
              { key: 'workspace', label: t('home.workspace'), children: workspace.name },
            ]}
          />
        </Card>
        {passwordChangeDue && (
          <Alert
            type="warning"
            showIcon
            icon={<LockOutlined />}
            title={t('home.passwordDueTitle')}
            description={t('home.passwordDueText')}
            action={
              <Link to="/account/password">
                <Button type="primary" size="small">
                  {t('password.dueAction')}
                </Button>
              </Link>
            }
          />
        )}
        <Card title={t('home.nextTitle')}>
          <Flex vertical gap={12}>
            {nextSteps.map((step) => (
              <Link key={step.to} to={step.to}>
                <Flex gap={12} align="center">
                  {step.icon}
                  <span>{step.text}</span>
                </Flex>
              </Link>
            ))}
          </Flex>
        </Card>
      </Flex>
    </>
  );
}
