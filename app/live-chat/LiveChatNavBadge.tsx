import { type LiveChat, useLiveChats } from '@app/api/live-chats';
import { useQueryClient } from '@tanstack/react-query';
import { Badge } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { followLiveChats } from './live-chat-refresher';
import { playChatBeep, showChatNotification } from './new-chat-alerts';

// Shared by every mounted badge (the collapsed menu renders its label twice), so each new chat alerts once.
let knownWaiting: Set<string> | null = null;

function useNewChatAlerts(chats: LiveChat[] | undefined) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  useEffect(() => {
    if (!chats) return;
    const waiting = chats.filter((chat) => chat.state === 'waiting');
    // The chats already waiting when the app opened are no news.
    const fresh = knownWaiting ? waiting.filter((chat) => !knownWaiting?.has(chat.ticketId)) : [];
    knownWaiting = new Set(waiting.map((chat) => chat.ticketId));
    if (fresh.length === 0) return;
    playChatBeep();
    for (const chat of fresh) {
      showChatNotification({
        title: t('liveChat.alert.title'),
        body: chat.lastMessage?.text.slice(0, 80) ?? chat.ticketNumber,
        tag: `kefu-chat-${chat.ticketId}`,
        onClick: () => void navigate(`/live-chat?chat=${chat.ticketId}`),
      });
    }
  }, [chats, t, navigate]);
}

/**
 * The number of chats waiting for someone, beside 在线会话 in the navigation. Being always on screen, it is also
 * what keeps the list live and sounds the alert when a chat arrives, whatever page the agent is on.
 */
export function LiveChatNavBadge() {
  const queryClient = useQueryClient();
  const chats = useLiveChats();
  useEffect(() => followLiveChats(queryClient), [queryClient]);
  useNewChatAlerts(chats.data);
  const waiting = chats.data?.filter((chat) => chat.state === 'waiting').length ?? 0;
  return <Badge count={waiting} size="small" offset={[6, -2]} data-testid="live-chat-waiting-count" />;
}
