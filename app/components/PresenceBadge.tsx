import type { PresenceState } from '@shared/routing';
import { Badge, type BadgeProps } from 'antd';
import { useTranslation } from 'react-i18next';

export const PRESENCE_STATUS: Record<PresenceState, NonNullable<BadgeProps['status']>> = {
  online: 'success',
  away: 'warning',
  offline: 'default',
};

/** 在线 / 离开 / 离线 with the usual green, amber and grey dot. */
export function PresenceBadge({
  presence,
  showText = true,
}: {
  presence: PresenceState;
  showText?: boolean;
}) {
  const { t } = useTranslation();
  const text = t(`presence.${presence}`);
  return (
    <Badge
      status={PRESENCE_STATUS[presence]}
      text={showText ? text : undefined}
      aria-label={showText ? undefined : text}
      data-presence={presence}
    />
  );
}
