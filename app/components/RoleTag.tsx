import type { Role } from '@shared/roles';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const ROLE_COLORS: Record<Role, string> = {
  admin: 'red',
  supervisor: 'gold',
  agent: 'blue',
  engineer: 'purple',
  operations: 'cyan',
  success_manager: 'green',
};

export function RoleTag({ role }: { role: Role }) {
  const { t } = useTranslation();
  return <Tag color={ROLE_COLORS[role]}>{t(`roles.${role}`)}</Tag>;
}
