/**
 * Mail written by a machine: out-of-office replies, bounces, list and bulk mail. Kefu never answers these —
 * an acknowledgement to an auto-reply that answers acknowledgements is a mail loop — so the intake step asks
 * here before sending anything automatic. Headers decide first (RFC 3834 Auto-Submitted, the de-facto X-Autoreply
 * family, Precedence, RFC 3464 DSNs); the subject is only a fallback for mailers that set none of them.
 */
import type { ParsedEmail } from './parse';

export type AutomaticKind = 'auto_reply' | 'bounce' | 'bulk';

type Classified = Pick<ParsedEmail, 'headers' | 'contentType' | 'subject' | 'from'>;

// Exchange's X-Auto-Response-Suppress lists what the sender does not want answered; All/OOF/AutoReply is what
// Exchange itself stamps on its automatic mail. DR/RN alone (receipt suppression) appear on ordinary mail.
const SUPPRESS_AUTO_REPLIES = /\b(?:all|oof|autoreply)\b/i;
const AUTO_REPLY_PRECEDENCE = /^auto[_-]?reply$/i;
// Google Groups and other list servers set Precedence: list on mail a customer wrote, so "bulk" only
// means "no automatic answer" — the mail can still become a ticket.
const BULK_PRECEDENCE = /^(?:bulk|junk|list)$/i;
// Subjects need the prefix form ("Automatic reply: …", "自动回复：…"): "auto reply not working" is a customer.
const AUTO_REPLY_SUBJECT =
  /^\s*(?:auto(?:matic)?[ -]?(?:reply|response)|out of (?:the )?office(?: auto ?reply)?|自动回复|自動回覆|自动答复|休假自动回复)\s*[:：]/i;
const BOUNCE_SUBJECT =
  /^\s*(?:undeliverable|undelivered mail|delivery status notification|mail delivery failed|returned mail|failure notice|delivery failure|系统退信|退信|投递失败)/i;
const MAILER_DAEMON = /^(?:mailer-daemon|postmaster)@/i;

/** What kind of machine-written mail this is, or null for mail a person wrote. */
export function classifyAutomatic(email: Classified): AutomaticKind | null {
  const { headers, contentType } = email;
  const reportType =
    contentType.value === 'multipart/report' ? contentType.params['report-type']?.toLowerCase() : null;
  if (reportType === 'delivery-status' || looksLikeBounce(email)) return 'bounce';
  // A read receipt (RFC 8098 MDN) is a report too, but about a delivered mail: machine-written, not a failure.
  if (reportType === 'disposition-notification') return 'auto_reply';

  const autoSubmitted = headers.autoSubmitted?.split(';')[0]?.trim().toLowerCase();
  // RFC 3834: auto-replied answers a mail (out of office); auto-generated and auto-notified are machine-written
  // mail that may well need the desk (a contact form, a platform's notice): kept, but never answered.
  if (autoSubmitted === 'auto-replied') return 'auto_reply';
  if (headers.xAutoreply || headers.xAutorespond) return 'auto_reply';
  if (autoSubmitted && autoSubmitted !== 'no') return 'bulk';
  // "Do not auto-reply to me" says nothing of who wrote it: Outlook sets it on mail a person sent to a list.
  if (headers.xAutoResponseSuppress && SUPPRESS_AUTO_REPLIES.test(headers.xAutoResponseSuppress)) {
    return 'bulk';
  }
  const precedence = headers.precedence?.trim() ?? '';
  if (AUTO_REPLY_PRECEDENCE.test(precedence)) return 'auto_reply';
  if (BULK_PRECEDENCE.test(precedence)) return 'bulk';

  if (AUTO_REPLY_SUBJECT.test(email.subject)) return 'auto_reply';
  return null;
}

// A bounce without a DSN body (qmail's "failure notice", old Exchange): the subject alone would also match
// "Undeliverable parcel" from a customer, so the sender must be the mail system too.
function looksLikeBounce(email: Classified): boolean {
  const fromMailSystem =
    email.headers.returnPath?.trim() === '<>' || MAILER_DAEMON.test(email.from?.address ?? '');
  return fromMailSystem && BOUNCE_SUBJECT.test(email.subject);
}
