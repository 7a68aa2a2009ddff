import { SearchOutlined } from '@ant-design/icons';
import type { ListUsersFilter } from '@app/api/types';
import { useDepartmentOptions } from '@app/components/department-options';
import { Flex, Input, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRoleOptions } from './role-options';

export interface UserFilterValues extends ListUsersFilter {
  q: string;
}

export function UserFilters({
  value,
  onChange,
}: {
  value: UserFilterValues;
  onChange: (next: UserFilterValues) => void;
}) {
  const { t } = useTranslation();
  const roleOptions = useRoleOptions();
  const departmentOptions = useDepartmentOptions();

  return (
    <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('users.searchPlaceholder')}
        value={value.q}
        onChange={(event) => onChange({ ...value, q: event.target.value })}
        style={{ width: 260 }}
        aria-label={t('users.searchPlaceholder')}
      />
      <Select
        allowClear
        placeholder={t('users.allRoles')}
        options={roleOptions}
        value={value.role}
        onChange={(role) => onChange({ ...value, role })}
        style={{ width: 180 }}
        aria-label={t('users.role')}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('users.allDepartments')}
        options={departmentOptions}
        value={value.departmentId}
        onChange={(departmentId) => onChange({ ...value, departmentId })}
        style={{ width: 180 }}
        aria-label={t('users.department')}
      />
      <Flex gap={8} align="center" component="label">
        <Switch
          size="small"
          checked={value.includeDeactivated}
          onChange={(includeDeactivated) => onChange({ ...value, includeDeactivated })}
        />
        {t('users.showDeactivated')}
      </Flex>
    </Flex>
  );
}
