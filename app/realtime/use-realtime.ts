import { meQueryKey } from '@app/api/me';
import type { AppNotification } from '@app/api/sla-types';
import { useNotificationToast } from '@app/notifications/use-notification-toast';
import { useSession } from '@app/session/use-session';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { createNotificationRefresher } from './notification-refresher';
import { RealtimeConnection } from './realtime-connection';
import { realtimeListeners } from './realtime-listeners';
import { publishRealtimeStatus } from './realtime-status';
import { createTicketRefresher } from './ticket-refresher';

/**
 * Keeps the signed-in desk's live connection: changes made by colleagues, customers and channels refresh the
 * tickets on screen, and the person's own notifications pop up. Mounted once, by the layout; the connection ends
 * with the session's pages.
 */
export function useRealtime({ enabled }: { enabled: boolean }): void {
  const queryClient = useQueryClient();
  const { user } = useSession();
  const showToast = useNotificationToast();
  // The toast follows the language and the router without the connection being made again.
  const showToastRef = useRef(showToast);
  useEffect(() => {
    showToastRef.current = showToast;
  }, [showToast]);

  useEffect(() => {
    if (!enabled) return;
    const tickets = createTicketRefresher(queryClient);
    const notifications = createNotificationRefresher(queryClient, {
      userId: user.id,
      onOwnNotification: (notification: AppNotification) => showToastRef.current(notification),
    });
    const connection = new RealtimeConnection({
      onEvent: (event) => {
        tickets.eventArrived(event);
        notifications.eventArrived(event);
        realtimeListeners.event(event);
      },
      onEphemeral: realtimeListeners.ephemeral,
      onGap: () => {
        tickets.everythingStale();
        notifications.everythingStale();
        realtimeListeners.gap();
      },
      onStatus: publishRealtimeStatus,
      // Asking for Me again turns an ended session into the usual 401, which leads to the login page.
      onSessionEnded: () => void queryClient.invalidateQueries({ queryKey: meQueryKey }),
    });
    connection.start();
    return () => {
      connection.stop();
      tickets.dispose();
    };
  }, [queryClient, enabled, user.id]);
}
