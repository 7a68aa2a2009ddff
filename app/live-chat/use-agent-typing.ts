import { sendAgentTyping } from '@app/api/live-chats';
import { useCallback, useEffect, useRef } from 'react';

/** At most one "typing" notice per this long while the agent keeps typing. */
const REPEAT_MS = 2000;
/** No keystroke for this long: the agent stopped typing. */
const IDLE_MS = 4000;

/**
 * Tells the customer "客服正在输入…" while the agent types in a chat, and that it stopped on send, blur, idle or
 * switching chats. Failures are ignored: it is a courtesy, not a message.
 */
export function useAgentTyping(ticketId: string) {
  const state = useRef({
    typing: false,
    lastSentAt: 0,
    idle: undefined as ReturnType<typeof setTimeout> | undefined,
  });

  const stopped = useCallback(() => {
    const current = state.current;
    clearTimeout(current.idle);
    if (!current.typing) return;
    current.typing = false;
    current.lastSentAt = 0;
    void sendAgentTyping(ticketId, false).catch(() => undefined);
  }, [ticketId]);

  const typed = useCallback(
    (text: string) => {
      if (!text.trim()) {
        stopped();
        return;
      }
      const current = state.current;
      clearTimeout(current.idle);
      current.idle = setTimeout(stopped, IDLE_MS);
      if (current.typing && Date.now() - current.lastSentAt < REPEAT_MS) return;
      current.typing = true;
      current.lastSentAt = Date.now();
      void sendAgentTyping(ticketId, true).catch(() => undefined);
    },
    [ticketId, stopped],
  );

  useEffect(() => stopped, [stopped]);

  return { typed, stopped };
}
