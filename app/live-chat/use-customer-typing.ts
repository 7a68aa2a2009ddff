import { subscribeRealtime } from '@app/realtime/realtime-listeners';
import { useEffect, useState } from 'react';

/** A typing frame that is not followed by another within this long means the customer stopped (or left). */
const TYPING_SHOWN_MS = 6000;

export interface CustomerTyping {
  /** What the customer has typed so far, masked by the server. */
  preview: string;
  at: number;
}

/** Which chats' customers are typing right now, from the `chat.typing` frames of the realtime stream. */
export function useCustomerTyping(): ReadonlyMap<string, CustomerTyping> {
  const [typing, setTyping] = useState<ReadonlyMap<string, CustomerTyping>>(new Map());

  useEffect(() => {
    const timers = new Map<string, ReturnType<typeof setTimeout>>();
    const forget = (ticketId: string) => {
      clearTimeout(timers.get(ticketId));
      timers.delete(ticketId);
      setTyping((current) => {
        if (!current.has(ticketId)) return current;
        const next = new Map(current);
        next.delete(ticketId);
        return next;
      });
    };
    const unsubscribe = subscribeRealtime({
      onEphemeral: (frame) => {
        if (frame.kind !== 'chat.typing' || !frame.ticketId) return;
        const ticketId = frame.ticketId;
        const { typing: isTyping, preview } = frame.data as { typing?: unknown; preview?: unknown };
        if (isTyping !== true) {
          forget(ticketId);
          return;
        }
        clearTimeout(timers.get(ticketId));
        timers.set(
          ticketId,
          setTimeout(() => forget(ticketId), TYPING_SHOWN_MS),
        );
        setTyping((current) =>
          new Map(current).set(ticketId, {
            preview: typeof preview === 'string' ? preview : '',
            at: Date.now(),
          }),
        );
      },
    });
    return () => {
      unsubscribe();
      for (const timer of timers.values()) clearTimeout(timer);
    };
  }, []);

  return typing;
}
