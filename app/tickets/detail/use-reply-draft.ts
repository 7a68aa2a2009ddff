import { useEffect, useState } from 'react';

const draftKey = (ticketId: string) => `kefu.replyDraft.${ticketId}`;

function readDraft(ticketId: string): string {
  try {
    return sessionStorage.getItem(draftKey(ticketId)) ?? '';
  } catch {
    return '';
  }
}

/**
 * The reply being written, kept in this tab's session storage: opening another ticket to look something up
 * and coming back does not lose a half-written answer.
 */
export function useReplyDraft(ticketId: string): [string, (text: string) => void] {
  const [text, setText] = useState(() => readDraft(ticketId));
  useEffect(() => {
    try {
      if (text) sessionStorage.setItem(draftKey(ticketId), text);
      else sessionStorage.removeItem(draftKey(ticketId));
    } catch {
      // Without storage the draft lives only as long as the page.
    }
  }, [ticketId, text]);
  return [text, setText];
}
