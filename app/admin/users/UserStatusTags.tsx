import type { User } from '@app/api/types';
import { useFormatDateTime } from '@app/components/use-format-date';
import { Flex, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/** Active, locked (by failed logins, with the unlock time) or deactivated; plus a pending forced password change. */
export function UserStatusTags({ user }: { user: User }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const locked = user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > Date.now();

  return (
    <Flex gap={4} wrap>
      {!user.active ? (
        <Tag>{t('users.deactivated')}</Tag>
      ) : locked ? (
        <Tooltip title={t('users.lockedUntil', { time: formatDateTime(user.lockedUntil) })}>
          <Tag color="orange">{t('users.locked')}</Tag>
        </Tooltip>
      ) : (
        <Tag color="green">{t('users.active')}</Tag>
      )}
      {user.active && user.mustChangePassword && <Tag color="blue">{t('users.mustChange')}</Tag>}
    </Flex>
  );
}
