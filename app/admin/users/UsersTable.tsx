import type { User } from '@app/api/types';
import { useSetUserActive } from '@app/api/users';
import { RoleTag } from '@app/components/RoleTag';
import { useFormatDateTime } from '@app/components/use-format-date';
import { problemMessage } from '@app/i18n/problem-message';
import { useCan, useSession } from '@app/session/use-session';
import { App, Button, Flex, Popconfirm, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { UserStatusTags } from './UserStatusTags';

export function UsersTable({
  users,
  loading,
  onEdit,
  onResetPassword,
}: {
  users: User[];
  loading: boolean;
  onEdit: (user: User) => void;
  onResetPassword: (user: User) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const { user: me } = useSession();
  const formatDateTime = useFormatDateTime();
  const setActive = useSetUserActive();

  const toggleActive = (user: User) =>
    setActive.mutateAsync({ userId: user.id, active: !user.active }).then(
      () =>
        void message.success(
          t(user.active ? 'users.deactivated_done' : 'users.reactivated_done', { name: user.name }),
        ),
      (error: unknown) => void message.error(problemMessage(t, error)),
    );

  const columns: TableColumnsType<User> = [
    {
      title: t('users.name'),
      dataIndex: 'name',
      render: (name: string, user) => (
        <Flex gap={6} align="center">
          <Typography.Text strong={user.active} type={user.active ? undefined : 'secondary'}>
            {name}
          </Typography.Text>
          {user.id === me.id && <Tag variant="filled">{t('users.you')}</Tag>}
        </Flex>
      ),
    },
    {
      title: t('users.employeeNo'),
      dataIndex: 'employeeNo',
      render: (employeeNo: string | null) => employeeNo ?? t('common.none'),
    },
    { title: t('users.email'), dataIndex: 'email', ellipsis: true },
    { title: t('users.role'), dataIndex: 'role', render: (_role, user) => <RoleTag role={user.role} /> },
    {
      title: t('users.department'),
      key: 'department',
      render: (_value, user) => user.department?.name ?? t('common.none'),
    },
    { title: t('users.status'), key: 'status', render: (_value, user) => <UserStatusTags user={user} /> },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      render: (lastLoginAt: string | null) => formatDateTime(lastLoginAt, t('common.never')),
    },
  ];

  const canUpdate = can('users:update');
  const canReset = can('users:reset_password');
  const canDeactivate = can('users:deactivate');
  if (canUpdate || canReset || canDeactivate) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_value, user) => (
        <Flex gap={4} wrap>
          {canUpdate && (
            <Button type="link" size="small" onClick={() => onEdit(user)}>
              {t('common.edit')}
            </Button>
          )}
          {/* Your own password is changed on your account page; a reset here would end your own session. */}
          {canReset && user.active && user.id !== me.id && (
            <Button type="link" size="small" onClick={() => onResetPassword(user)}>
              {t('users.resetPassword')}
            </Button>
          )}
          {/* Deactivating yourself would end your own session; another admin has to do it. */}
          {canDeactivate && user.id !== me.id && (
            <Popconfirm
              title={t(user.active ? 'users.deactivateConfirm' : 'users.reactivateConfirm', {
                name: user.name,
              })}
              onConfirm={() => toggleActive(user)}
              okButtonProps={{ danger: user.active }}
            >
              <Button type="link" size="small" danger={user.active}>
                {user.active ? t('users.deactivate') : t('users.reactivate')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      ),
    });
  }

  return (
    <Table<User>
      rowKey="id"
      columns={columns}
      dataSource={users}
      loading={loading}
      pagination={{
        pageSize: 50,
        hideOnSinglePage: true,
        showTotal: (total) => t('users.count', { count: total }),
      }}
      locale={{ emptyText: t('users.empty') }}
      scroll={{ x: 'max-content' }}
      size="middle"
    />
  );
}
