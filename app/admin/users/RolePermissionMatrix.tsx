import { CheckOutlined, MinusOutlined } from '@ant-design/icons';
import { actionLabel, resourceLabel } from '@app/i18n/permission-labels';
import { useSession } from '@app/session/use-session';
import { PERMISSIONS } from '@shared/permissions';
import { ROLES, type Role } from '@shared/roles';
import { Table, type TableColumnsType, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';

interface MatrixRow {
  key: string;
  resource: string;
  action: string;
  roles: readonly Role[];
  /** Rows of the resource this row opens (the resource cell spans them); 0 on the following rows. */
  resourceRowSpan: number;
}

// Read straight from the permission table the server enforces, so what admins see here is what applies.
const ROWS: MatrixRow[] = Object.entries(PERMISSIONS).flatMap(([resource, actions]) =>
  Object.entries(actions as Record<string, readonly Role[]>).map(([action, roles], index) => ({
    key: `${resource}:${action}`,
    resource,
    action,
    roles,
    resourceRowSpan: index === 0 ? Object.keys(actions).length : 0,
  })),
);

/** Role × permission grid; the viewer's own role column is highlighted. */
export function RolePermissionMatrix() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { user } = useSession();

  const columns: TableColumnsType<MatrixRow> = [
    {
      title: t('users.matrixPermission'),
      key: 'resource',
      fixed: 'left',
      onCell: (row) => ({ rowSpan: row.resourceRowSpan }),
      render: (_value, row) => <Typography.Text strong>{resourceLabel(t, row.resource)}</Typography.Text>,
    },
    { title: '', key: 'action', fixed: 'left', render: (_value, row) => actionLabel(t, row.action) },
    ...ROLES.map((role) => ({
      title: t(`roles.${role}`),
      key: role,
      align: 'center' as const,
      onHeaderCell: () => ({ style: role === user.role ? { background: token.colorPrimaryBg } : {} }),
      onCell: () => ({ style: role === user.role ? { background: token.colorPrimaryBg } : {} }),
      render: (_value: unknown, row: MatrixRow) =>
        row.roles.includes(role) ? (
          <CheckOutlined style={{ color: token.colorSuccess }} aria-label="✓" />
        ) : (
          <MinusOutlined style={{ color: token.colorTextQuaternary }} aria-label="—" />
        ),
    })),
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">{t('users.matrixHint')}</Typography.Paragraph>
      <Table<MatrixRow>
        rowKey="key"
        columns={columns}
        dataSource={ROWS}
        pagination={false}
        bordered
        size="small"
        // Role names wrap on wide screens; narrow ones scroll sideways.
        scroll={{ x: 960 }}
      />
    </>
  );
}
