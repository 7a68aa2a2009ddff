import { useUpdateMe } from '@app/api/me';
import { PageHeader } from '@app/components/PageHeader';
import { RoleTag } from '@app/components/RoleTag';
import { useFormatDateTime } from '@app/components/use-format-date';
import { applyLocale } from '@app/i18n';
import { problemMessage } from '@app/i18n/problem-message';
import { useSession } from '@app/session/use-session';
import type { Locale } from '@shared/roles';
import { App, Button, Card, Descriptions, Flex, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

const FOLLOW_WORKSPACE = 'workspace';

export function ProfilePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user, workspace } = useSession();
  const formatDateTime = useFormatDateTime();
  const updateMe = useUpdateMe();

  const rename = (value: string) => {
    const name = value.trim();
    if (name === user.name) return;
    if (!name) {
      message.error(t('profile.nameRequired'));
      return;
    }
    updateMe.mutate(
      { name },
      {
        onSuccess: () => void message.success(t('common.saved')),
        onError: (error) => void message.error(problemMessage(t, error)),
      },
    );
  };

  const changeLanguage = (choice: Locale | typeof FOLLOW_WORKSPACE) => {
    const locale = choice === FOLLOW_WORKSPACE ? null : choice;
    applyLocale(locale ?? workspace.defaultLocale);
    updateMe.mutate({ locale }, { onError: (error) => void message.error(problemMessage(t, error)) });
  };

  return (
    <>
      <PageHeader
        title={t('profile.title')}
        extra={
          <Link to="/account/password">
            <Button>{t('nav.changePassword')}</Button>
          </Link>
        }
      />
      <Flex vertical gap={16} style={{ maxWidth: 880 }}>
        <Card>
          <Typography.Text type="secondary">{t('profile.employeeNo')}</Typography.Text>
          <Typography.Title
            level={2}
            style={{ margin: '4px 0 8px', letterSpacing: 1 }}
            copyable={!!user.employeeNo}
          >
            {user.employeeNo ?? t('home.noEmployeeNo')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('profile.employeeNoHint')}</Typography.Text>
        </Card>
        <Card>
          <Descriptions
            column={1}
            bordered
            size="middle"
            items={[
              {
                key: 'name',
                label: t('profile.name'),
                children: (
                  <Typography.Text
                    editable={{
                      onChange: rename,
                      maxLength: 100,
                      tooltip: t('profile.editName'),
                      text: user.name,
                    }}
                  >
                    {user.name}
                  </Typography.Text>
                ),
              },
              { key: 'email', label: t('profile.email'), children: user.email },
              { key: 'role', label: t('profile.role'), children: <RoleTag role={user.role} /> },
              {
                key: 'department',
                label: t('profile.department'),
                children: user.department?.name ?? t('home.noDepartment'),
              },
              {
                key: 'language',
                label: t('profile.language'),
                children: (
                  <Select<Locale | typeof FOLLOW_WORKSPACE>
                    value={user.locale ?? FOLLOW_WORKSPACE}
                    onChange={changeLanguage}
                    style={{ minWidth: 200 }}
                    options={[
                      { value: FOLLOW_WORKSPACE, label: t('profile.languageDefault') },
                      { value: 'zh-CN', label: '中文' },
                      { value: 'en', label: 'English' },
                    ]}
                  />
                ),
              },
              { key: 'lastLogin', label: t('profile.lastLogin'), children: formatDateTime(user.lastLoginAt) },
              {
                key: 'passwordChangedAt',
                label: t('profile.passwordChangedAt'),
                children: formatDateTime(user.passwordChangedAt),
              },
            ]}
          />
        </Card>
      </Flex>
    </>
  );
}
