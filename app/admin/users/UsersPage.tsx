import { PlusOutlined } from '@ant-design/icons';
import type { User } from '@app/api/types';
import { useUsers } from '@app/api/users';
import { LoadFailed } from '@app/components/LoadFailed';
import { PageHeader } from '@app/components/PageHeader';
import { useDebouncedValue } from '@app/components/use-debounced-value';
import { useCan } from '@app/session/use-session';
import { Button, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { CreateUserModal } from './CreateUserModal';
import { EditUserModal } from './EditUserModal';
import { ResetPasswordModal } from './ResetPasswordModal';
import { RolePermissionMatrix } from './RolePermissionMatrix';
import { UserFilters, type UserFilterValues } from './UserFilters';
import { UsersTable } from './UsersTable';

export function UsersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [searchParams] = useSearchParams();
  // The departments page links here with ?departmentId= to list a department's members.
  const [filters, setFilters] = useState<UserFilterValues>(() => ({
    q: '',
    includeDeactivated: false,
    departmentId: searchParams.get('departmentId') ?? undefined,
  }));
  const debouncedQuery = useDebouncedValue(filters.q.trim());
  const users = useUsers({ ...filters, q: debouncedQuery });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);

  const usersTab = (
    <>
      <UserFilters value={filters} onChange={setFilters} />
      {users.isError && !users.data ? (
        <LoadFailed error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <UsersTable
          users={users.data ?? []}
          loading={users.isFetching}
          onEdit={setEditing}
          onResetPassword={setResetting}
        />
      )}
    </>
  );

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          can('users:create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('users.create')}
            </Button>
          )
        }
      />
      <Tabs
        items={[
          { key: 'users', label: t('users.tabUsers'), children: usersTab },
          { key: 'roles', label: t('users.tabMatrix'), children: <RolePermissionMatrix /> },
        ]}
      />
      <CreateUserModal open={creating} onClose={() => setCreating(false)} />
      <EditUserModal user={editing} onClose={() => setEditing(null)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
