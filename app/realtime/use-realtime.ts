import { meQueryKey } from '@app/api/me';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { RealtimeConnection } from './realtime-connection';
import { publishRealtimeStatus } from './realtime-status';
import { createTicketRefresher } from './ticket-refresher';

/**
 * Keeps the signed-in desk's live connection: changes made by colleagues, customers and channels refresh the
 * tickets on screen. Mounted once, by the layout; the connection ends with the session's pages.
 */
export function useRealtime({ enabled }: { enabled: boolean }): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    const refresher = createTicketRefresher(queryClient);
    const connection = new RealtimeConnection({
      onEvent: refresher.eventArrived,
      onGap: refresher.everythingStale,
      onStatus: publishRealtimeStatus,
      // Asking for Me again turns an ended session into the usual 401, which leads to the login page.
      onSessionEnded: () => void queryClient.invalidateQueries({ queryKey: meQueryKey }),
    });
    connection.start();
    return () => {
      connection.stop();
      refresher.dispose();
    };
  }, [queryClient, enabled]);
}
