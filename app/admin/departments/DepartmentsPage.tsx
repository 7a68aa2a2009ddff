import { PlusOutlined } from '@ant-design/icons';
import { useDeleteDepartment, useDepartments } from '@app/api/departments';
import type { Department } from '@app/api/types';
import { LoadFailed } from '@app/components/LoadFailed';
import { PageHeader } from '@app/components/PageHeader';
import { useFormatDateTime } from '@app/components/use-format-date';
import { problemMessage } from '@app/i18n/problem-message';
import { useCan } from '@app/session/use-session';
import { App, Button, Flex, Popconfirm, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type DepartmentEditTarget, DepartmentFormModal } from './DepartmentFormModal';

export function DepartmentsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const formatDateTime = useFormatDateTime();
  const departments = useDepartments();
  const deleteDepartment = useDeleteDepartment();
  const [editTarget, setEditTarget] = useState<DepartmentEditTarget>(null);

  const remove = (department: Department) =>
    deleteDepartment.mutateAsync(department.id).then(
      () => void message.success(t('departments.deleted', { name: department.name })),
      (error: unknown) => void message.error(problemMessage(t, error)),
    );

  const columns: TableColumnsType<Department> = [
    {
      title: t('departments.name'),
      dataIndex: 'name',
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
    },
    {
      title: t('departments.description'),
      dataIndex: 'description',
      render: (description: string) => description || t('common.none'),
    },
    {
      title: t('departments.members'),
      dataIndex: 'memberCount',
      align: 'right',
      // Members are listed on the users page, filtered to this department.
      render: (count: number, department) =>
        can('users:read') && count > 0 ? (
          <Link to={`/admin/users?departmentId=${department.id}`}>{count}</Link>
        ) : (
          count
        ),
    },
    {
      title: t('departments.createdAt'),
      dataIndex: 'createdAt',
      render: (iso: string) => formatDateTime(iso),
    },
  ];
  if (can('departments:update') || can('departments:delete')) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_value, department) => (
        <Flex gap={4}>
          {can('departments:update') && (
            <Button type="link" size="small" onClick={() => setEditTarget(department)}>
              {t('common.edit')}
            </Button>
          )}
          {can('departments:delete') && (
            <Popconfirm
              title={t('departments.deleteConfirm', { name: department.name })}
              description={
                department.memberCount > 0
                  ? t('departments.deleteMembers', { count: department.memberCount })
                  : undefined
              }
              okButtonProps={{ danger: true }}
              okText={t('common.delete')}
              onConfirm={() => remove(department)}
            >
              <Button type="link" size="small" danger>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('departments.title')}
        extra={
          can('departments:create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditTarget('new')}>
              {t('departments.create')}
            </Button>
          )
        }
      />
      {departments.isError && !departments.data ? (
        <LoadFailed error={departments.error} onRetry={() => void departments.refetch()} />
      ) : (
        <Table<Department>
          rowKey="id"
          columns={columns}
          dataSource={departments.data ?? []}
          loading={departments.isPending}
          pagination={false}
          locale={{ emptyText: t('departments.empty') }}
          scroll={{ x: 'max-content' }}
        />
      )}
      <DepartmentFormModal target={editTarget} onClose={() => setEditTarget(null)} />
    </>
  );
}
