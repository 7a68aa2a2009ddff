import type { QuickReply } from '@app/api/quick-replies';

/** `/or` in the composer: the quick replies whose shortcut starts with what follows the slash. */
export function matchQuickReplies(text: string, replies: QuickReply[]): QuickReply[] {
  const typed = /^\/([a-z0-9_-]*)$/i.exec(text.trim());
  if (!typed) return [];
  const prefix = (typed[1] ?? '').toLowerCase();
  return replies.filter((reply) => reply.shortcut?.startsWith(prefix));
}
