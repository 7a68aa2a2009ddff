import type { LiveChat } from '@shared/web-chat';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './client';
import { ticketDetailKey, ticketListKey } from './tickets';

export type { LiveChat };

export const liveChatsKey = ['live-chats'] as const;
/** Changes arrive live; this is only the fallback while the realtime connection is down. */
const LIVE_CHATS_REFRESH_MS = 15_000;

/** Waiting chats of the workspace and the active ones; ended chats drop out. */
export function useLiveChats() {
  return useQuery({
    queryKey: liveChatsKey,
    queryFn: ({ signal }) => apiRequest<{ items: LiveChat[] }>('/live-chats', { signal }),
    select: (page) => page.items,
    refetchInterval: LIVE_CHATS_REFRESH_MS,
  });
}

function useChatAction(action: 'pick-up' | 'end') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ticketId: string) =>
      apiRequest<LiveChat>(`/live-chats/${ticketId}/${action}`, { method: 'POST' }),
    // The answer is the chat's new state: shown at once, before the list is fetched again.
    onSuccess: (chat) =>
      queryClient.setQueryData<{ items: LiveChat[] }>(liveChatsKey, (page) =>
        page ? { items: page.items.map((item) => (item.ticketId === chat.ticketId ? chat : item)) } : page,
      ),
    // Also after a refusal (409: a colleague was quicker): the list shows who has it now.
    onSettled: (_chat, _error, ticketId) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: liveChatsKey }),
        queryClient.invalidateQueries({ queryKey: ticketDetailKey(ticketId) }),
        queryClient.invalidateQueries({ queryKey: ticketListKey }),
      ]),
  });
}

/** 接入: the chat becomes the agent's, and the customer is greeted with their name and 工号. */
export const usePickUpChat = () => useChatAction('pick-up');
/** 结束会话: the customer is asked to rate the chat. */
export const useEndChat = () => useChatAction('end');

/** The customer sees 已读 under their messages. */
export function markChatRead(ticketId: string): Promise<void> {
  return apiRequest<void>(`/live-chats/${ticketId}/read`, { method: 'POST' });
}

/** The customer sees "客服正在输入…". */
export function sendAgentTyping(ticketId: string, typing: boolean): Promise<void> {
  return apiRequest<void>(`/live-chats/${ticketId}/typing`, { method: 'POST', body: { typing } });
}
