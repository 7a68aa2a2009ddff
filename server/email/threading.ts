/**
 * Which ticket a mail continues. Two signals, tried in this order by the intake step: the Message-IDs it answers
 * (they name Kefu's own outgoing mail, so they are exact) and the ticket number Kefu writes into every subject,
 * `[#20231027001]`, which survives clients that drop In-Reply-To/References (some webmail, forwards, replies
 * started fresh from the customer's "sent" folder).
 */
import type { ParsedEmail } from './parse';

// Date (8 digits) + daily serial (3 digits, wider past the 999th ticket of a day: see tickets/numbering.ts).
const TICKET_TAG = /\[#(\d{4})(\d{2})(\d{2})(\d{3,5})\]/g;
// References can run to hundreds of ids on long threads; the lookup only needs the recent ones.
const MAX_THREAD_KEYS = 20;

/** The ticket number tagged in a subject, or null; the last valid tag wins (ours is appended at the end). */
export function ticketNumberInSubject(subject: string): string | null {
  let found: string | null = null;
  for (const [, year, month, day, serial] of subject.matchAll(TICKET_TAG)) {
    if (!isCalendarDate(Number(year), Number(month), Number(day))) continue;
    found = `${year}${month}${day}${serial}`;
  }
  return found;
}

/** The Message-IDs to look a reply's ticket up by: In-Reply-To first, then References newest first. */
export function threadKeys(email: Pick<ParsedEmail, 'messageId' | 'inReplyTo' | 'references'>): string[] {
  const keys = [email.inReplyTo, ...[...email.references].reverse()].filter(
    (id): id is string => id !== null && id !== email.messageId,
  );
  return [...new Set(keys)].slice(0, MAX_THREAD_KEYS);
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 2000 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
