import { notificationsKey, recentNotificationsQuery } from '@app/api/notifications';
import type { AppNotification } from '@app/api/sla-types';
import type { QueryClient } from '@tanstack/react-query';
import type { RealtimeEventFrame } from './realtime-frames';

/** One event may announce several notifications at once; more than this many pop up as the newest few only. */
const MAX_TOASTS_PER_EVENT = 3;

/**
 * Turns `notification.created` events into fresh notification lists, and hands the notifications meant for the
 * person signed in to `onOwnNotification` (the toast). The workspace's stream carries everyone's notifications;
 * those of colleagues change nothing here. An event names one notification (`notificationId`) or how many were
 * created at once (`count`).
 */
export function createNotificationRefresher(
  queryClient: QueryClient,
  {
    userId,
    onOwnNotification,
  }: { userId: string; onOwnNotification: (notification: AppNotification) => void },
) {
  const refresh = () => queryClient.invalidateQueries({ queryKey: notificationsKey });

  const announce = async (event: RealtimeEventFrame) => {
    // The bell's list is always on screen, so the refresh brings the new entries with their tickets and words.
    await refresh();
    const recent = queryClient.getQueryData(recentNotificationsQuery.queryKey)?.items ?? [];
    const { notificationId, count } = event.data;
    const fresh =
      typeof notificationId === 'string'
        ? recent.filter((notification) => notification.id === notificationId)
        : recent
            .filter((notification) => notification.readAt === null)
            .slice(0, Math.min(typeof count === 'number' ? count : 1, MAX_TOASTS_PER_EVENT));
    for (const notification of fresh) onOwnNotification(notification);
  };

  return {
    eventArrived(event: RealtimeEventFrame): void {
      if (event.kind !== 'notification.created' || event.data.userId !== userId) return;
      void announce(event);
    },
    everythingStale(): void {
      void refresh();
    },
  };
}
