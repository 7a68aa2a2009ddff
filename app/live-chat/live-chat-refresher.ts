import { type LiveChat, liveChatsKey } from '@app/api/live-chats';
import type { RealtimeEventFrame } from '@app/realtime/realtime-frames';
import { subscribeRealtime } from '@app/realtime/realtime-listeners';
import { throttle } from '@app/realtime/throttle';
import type { QueryClient } from '@tanstack/react-query';

const REFRESH_MS = 500;

/** Whether an event changes what the live-chat list shows (a new chat, a pick-up, a new message in a listed chat). */
export function concernsLiveChats(event: RealtimeEventFrame, listed: ReadonlySet<string>): boolean {
  if (event.kind === 'chat.updated') return true;
  const listedTicket = event.ticketId !== null && listed.has(event.ticketId);
  if (event.kind === 'message.created') return listedTicket;
  if (event.kind === 'ticket.created' || event.kind === 'ticket.updated')
    return listedTicket || event.data.channel === 'web_chat';
  return false;
}

let subscribers = 0;
let stop: (() => void) | null = null;

/**
 * Keeps the cached live-chat list current from the realtime stream. Several components ask for it (the nav badge,
 * the page); one subscription serves them all, and it ends with the last of them.
 */
export function followLiveChats(queryClient: QueryClient): () => void {
  subscribers += 1;
  if (!stop) {
    const refresh = throttle(
      () => void queryClient.invalidateQueries({ queryKey: liveChatsKey }),
      REFRESH_MS,
    );
    const unsubscribe = subscribeRealtime({
      onEvent: (event) => {
        const page = queryClient.getQueryData<{ items: LiveChat[] }>(liveChatsKey);
        const listed = new Set((page?.items ?? []).map((chat) => chat.ticketId));
        if (concernsLiveChats(event, listed)) refresh();
      },
      onGap: refresh,
    });
    stop = () => {
      refresh.cancel();
      unsubscribe();
    };
  }
  return () => {
    subscribers -= 1;
    if (subscribers === 0 && stop) {
      stop();
      stop = null;
    }
  };
}
