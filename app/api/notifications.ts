import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './client';
import type { NotificationPage } from './sla-types';

/** Every notification query; a realtime `notification.created` frame makes them all stale. */
export const notificationsKey = ['notifications'] as const;
/** Realtime frames bring news at once; this is for when the connection is down. */
const NOTIFICATIONS_REFRESH_MS = 60_000;

/** The signed-in person's notifications, newest first; `unreadCount` counts all unread ones, not just the page. */
export function notificationsQuery(filter: { unread: boolean; limit: number }) {
  return queryOptions({
    queryKey: [...notificationsKey, filter],
    queryFn: ({ signal }) =>
      apiRequest<NotificationPage>('/notifications', {
        query: { unread: filter.unread || undefined, limit: filter.limit },
        signal,
      }),
    refetchInterval: NOTIFICATIONS_REFRESH_MS,
  });
}

/** What the header bell shows: the latest few, read or not. */
export const recentNotificationsQuery = notificationsQuery({ unread: false, limit: 10 });

export function useNotifications(filter: { unread: boolean; limit: number }) {
  return useQuery(notificationsQuery(filter));
}

function useRefreshNotifications() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: notificationsKey });
}

export function useMarkNotificationRead() {
  const refresh = useRefreshNotifications();
  return useMutation({
    mutationFn: (notificationId: string) =>
      apiRequest<void>(`/notifications/${notificationId}/read`, { method: 'POST' }),
    onSuccess: refresh,
  });
}

export function useMarkAllNotificationsRead() {
  const refresh = useRefreshNotifications();
  return useMutation({
    mutationFn: () => apiRequest<void>('/notifications/read-all', { method: 'POST' }),
    onSuccess: refresh,
  });
}
