import { type LiveChat, liveChatsKey, markChatRead } from '@app/api/live-chats';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { usePageVisible } from './use-page-visible';

/** While the agent's own chat is open and the tab in front, the customer's new messages are marked read (已读). */
export function useMarkChatRead(chat: LiveChat | undefined, mine: boolean) {
  const queryClient = useQueryClient();
  const visible = usePageVisible();
  const lastMarked = useRef<string | null>(null);
  const readKey = chat ? `${chat.ticketId}:${chat.lastMessage?.at ?? ''}:${chat.unread}` : null;
  const shouldMark = Boolean(chat && mine && visible && chat.state === 'active' && chat.unread > 0);

  useEffect(() => {
    if (!shouldMark || !chat || lastMarked.current === readKey) return;
    lastMarked.current = readKey;
    markChatRead(chat.ticketId).then(
      () => queryClient.invalidateQueries({ queryKey: liveChatsKey }),
      () => {
        // Tried again with the next message or the next visit.
        lastMarked.current = null;
      },
    );
  }, [shouldMark, readKey, chat, queryClient]);
}
