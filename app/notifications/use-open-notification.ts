import { useMarkNotificationRead } from '@app/api/notifications';
import type { AppNotification } from '@app/api/sla-types';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { notificationLink } from './notification-text';

/** Opening a notification marks it read and goes to its ticket (or, for a digest, to those tickets). */
export function useOpenNotification(): (notification: AppNotification) => void {
  const navigate = useNavigate();
  const { mutate: markRead } = useMarkNotificationRead();
  return useCallback(
    (notification) => {
      if (!notification.readAt) markRead(notification.id);
      const link = notificationLink(notification);
      if (link) navigate(link);
    },
    [markRead, navigate],
  );
}
