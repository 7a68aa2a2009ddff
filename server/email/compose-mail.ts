export { renderSubject } from '@shared/email-subject';

/**
 * What an outgoing reply looks like, without I/O: the subject from the mailbox's template for the ticket's type
 * (seed 003: 【售后反馈】关于订单…的故障处理进度, always carrying [#ticket number] so the answer threads even when a
 * client drops our headers), the threading headers, and the HTML alternative of the agent's plain text.
 */

/** In-Reply-To and References (canonical <id> forms) for a reply: the customer's latest mail; the thread's start and recent ids. */
export function threadHeaders(
  threadRoot: string | null,
  known: readonly { messageId: string; direction: 'in' | 'out' }[],
): { inReplyTo: string | null; references: string[] } {
  // `known` is oldest first; RFC 5322 keeps the first id and the most recent ones when References grows long.
  const lastInbound = [...known].reverse().find((row) => row.direction === 'in')?.messageId ?? null;
  const ids = [...(threadRoot ? [threadRoot] : []), ...known.slice(-9).map((row) => row.messageId)];
  return { inReplyTo: lastInbound, references: [...new Set(ids)] };
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The plain text and its HTML twin, with the mailbox's signature below a "-- " line (clients fold it away). */
export function mailBodies(text: string, signature: string): { text: string; html: string } {
  const sign = signature.trim();
  const plain = sign ? `${text.trimEnd()}\n\n-- \n${sign}\n` : `${text.trimEnd()}\n`;
  const paragraphs = text
    .trim()
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`);
  const signatureHtml = sign
    ? `<p style="color:#888">-- <br>${escapeHtml(sign).replace(/\n/g, '<br>')}</p>`
    : '';
  const html = `<!doctype html><html><head><meta charset="utf-8"></head><body style="font-family:sans-serif;font-size:14px;line-height:1.6">${paragraphs.join('')}${signatureHtml}</body></html>`;
  return { text: plain, html };
}

/** Kefu's own Message-ID for a reply (canonical, bracketed): the same on every retry, so a resend is the same mail. */
export const outboundMessageId = (ticketMessageId: string, address: string) =>
  `<kefu.${ticketMessageId}@${address.split('@')[1] ?? 'kefu.invalid'}>`;
