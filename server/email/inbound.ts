/**
 * One received e-mail, from the SMTP listener or an IMAP fetch, into the intake pipeline: parsed, threaded onto its
 * ticket (by the Message-IDs it answers, then by the ticket number in its subject), its visible text without the
 * quoted history, its files, and the original .eml kept beside them. Resolves only after the message is committed,
 * so the caller may acknowledge it (SMTP 250, IMAP \Seen) — and a redelivery is answered as a duplicate.
 *
 * Machine-written mail is never answered: a bounce marks the reply it returns as failed, and an out-of-office reply
 * only joins a ticket it answers (it never opens one).
 */
import { createHash } from 'node:crypto';
import { detectFileType } from '@server/attachments/file-types';
import type { EmailMailboxRow } from '@server/db/email-tables';
import type { Database } from '@server/db/schema';
import type { InboundAttachment, InboundMessage } from '@server/intake/inbound-message';
import type { IntakePipeline } from '@server/intake/pipeline';
import { publishRealtime } from '@server/realtime/publish';
import { recordTicketEvent } from '@server/tickets/events';
import type { Kysely } from 'kysely';
import { readAuthResults } from './auth-results';
import { classifyAutomatic } from './auto-reply';
import { bounceDetails } from './bounce';
import { markBouncedReply } from './bounce-outcome';
import { type ParsedEmail, parseEmail } from './parse';
import { threadKeys, ticketNumberInSubject } from './threading';
import { visibleText } from './visible-text';

export interface EmailIntakeDeps {
  db: Kysely<Database>;
  intake: IntakePipeline;
  /** Realtime and outbox wake-ups after a commit. */
  onCommitted?: (workspaceId: string) => void;
}

export type EmailReceipt =
  | { status: 'accepted' | 'duplicate'; ticketId: string; ticketNumber: string; messageId: string }
  | { status: 'bounce'; replyFailed: boolean }
  | {
      status: 'ignored';
      reason: 'no_sender' | 'own_address' | 'auto_reply_noted' | 'auto_reply_without_ticket';
    };

/** The file name the original message is kept under. */
export const ORIGINAL_EML = 'original.eml';

/** What replies go to: the address and the thread (a new thread per new mail, so each becomes its own ticket). */
export interface EmailConversation {
  to: string;
  thread: string;
}

export const emailConversationId = (conversation: EmailConversation) => JSON.stringify(conversation);

export function parseEmailConversation(id: string): EmailConversation | null {
  try {
    const value = JSON.parse(id) as Partial<EmailConversation>;
    return typeof value.to === 'string' && typeof value.thread === 'string'
      ? { to: value.to, thread: value.thread }
      : null;
  } catch {
    return null;
  }
}

interface ThreadMatch {
  ticketId: string;
  threadRoot: string | null;
}

/**
 * The ticket a mail continues: a Message-ID it answers that we know (whoever was copied on the thread), else the
 * ticket number in its subject when the sender is that ticket's customer.
 */
async function findThread(
  db: Kysely<Database>,
  mailbox: EmailMailboxRow,
  email: ParsedEmail,
  senderEmailHash: string | null,
): Promise<ThreadMatch | null> {
  const keys = threadKeys(email);
  if (keys.length > 0) {
    const known = await db
      .selectFrom('email_messages')
      .select(['ticket_id', 'thread_root', 'message_id'])
      .where('workspace_id', '=', mailbox.workspace_id)
      .where('channel_account_id', '=', mailbox.channel_account_id)
      .where('message_id', 'in', keys)
      .execute();
    // threadKeys lists the nearest first (In-Reply-To, then References newest to oldest).
    const nearest = keys.map((key) => known.find((row) => row.message_id === key)).find(Boolean);
    if (nearest) return { ticketId: nearest.ticket_id, threadRoot: nearest.thread_root };
  }
  const number = ticketNumberInSubject(email.subject);
  if (!number || !senderEmailHash) return null;
  // Ticket numbers are guessable (date + serial): the tag alone lets only the ticket's own customer in.
  const ticket = await db
    .selectFrom('tickets as t')
    .innerJoin('customers as c', (join) =>
      join.onRef('c.id', '=', 't.customer_id').onRef('c.workspace_id', '=', 't.workspace_id'),
    )
    .select('t.id')
    .where('t.workspace_id', '=', mailbox.workspace_id)
    .where('t.number', '=', number)
    .where('c.email_hash', '=', senderEmailHash)
    .executeTakeFirst();
  return ticket ? { ticketId: ticket.id, threadRoot: null } : null;
}

/** An out-of-office answer to an open ticket: a timeline entry (once per mail), nothing the customer wrote. */
async function noteAutoReply(
  db: Kysely<Database>,
  mailbox: EmailMailboxRow,
  ticketId: string,
  email: ParsedEmail,
): Promise<boolean> {
  const messageId = email.messageId;
  return db.transaction().execute(async (tx) => {
    const ticket = await tx
      .selectFrom('tickets')
      .select(['id', 'status'])
      .where('workspace_id', '=', mailbox.workspace_id)
      .where('id', '=', ticketId)
      .forUpdate()
      .executeTakeFirst();
    if (!ticket || ticket.status === 'closed') return false;
    if (messageId) {
      const first = await tx
        .insertInto('email_messages')
        .values({
          workspace_id: mailbox.workspace_id,
          channel_account_id: mailbox.channel_account_id,
          message_id: messageId,
          direction: 'in',
          ticket_id: ticket.id,
          thread_root: messageId,
          automatic: 'auto_reply',
        })
        .onConflict((conflict) => conflict.columns(['channel_account_id', 'message_id']).doNothing())
        .returning('message_id')
        .executeTakeFirst();
      if (!first) return false;
    }
    await recordTicketEvent(tx, {
      workspaceId: mailbox.workspace_id,
      ticketId: ticket.id,
      actorUserId: null,
      kind: 'email_auto_reply',
      data: { receivedAt: new Date().toISOString() },
    });
    await publishRealtime(tx, mailbox.workspace_id, [
      { kind: 'ticket.updated', ticketId: ticket.id, data: {} },
    ]);
    return true;
  });
}

/** A copy of a mail we sent coming back (a Bcc to ourselves, a list echoing it): not the customer's. */
async function isOwnMail(db: Kysely<Database>, mailbox: EmailMailboxRow, messageId: string) {
  const sent = await db
    .selectFrom('email_messages')
    .select('direction')
    .where('workspace_id', '=', mailbox.workspace_id)
    .where('channel_account_id', '=', mailbox.channel_account_id)
    .where('message_id', '=', messageId)
    .where('direction', '=', 'out')
    .executeTakeFirst();
  return sent !== undefined;
}

/** Reply prefixes and the ticket tag are noise in a ticket's subject. */
export function cleanSubject(subject: string): string {
  let clean = subject.replace(/\[#\d{11,13}\]/g, ' ');
  const prefix = /^\s*(?:re|fw|fwd|aw|wg|回复|回覆|答复|转发|轉寄)\s*[:：]\s*/i;
  while (prefix.test(clean)) clean = clean.replace(prefix, '');
  return clean.replace(/\s+/g, ' ').trim();
}

/** Files the desk accepts, as attachments; a note names the ones left in the original .eml only. */
function filesOf(email: ParsedEmail, raw: Buffer): { files: InboundAttachment[]; skipped: string[] } {
  const files: InboundAttachment[] = [];
  const skipped: string[] = [];
  email.attachments.forEach((attachment, index) => {
    // The DSN's machine part and embedded messages are in the original; they are not customer files.
    if (attachment.contentType.startsWith('message/')) return;
    const filename =
      (attachment.filename && withoutNul(attachment.filename)) ||
      `${attachment.inline ? 'inline' : 'attachment'}-${index + 1}${extensionOf(attachment.contentType)}`;
    if (detectFileType(filename, attachment.content.subarray(0, 16))) {
      files.push({ filename, declaredType: attachment.contentType, content: attachment.content });
    } else skipped.push(filename);
  });
  files.push({ filename: ORIGINAL_EML, declaredType: 'message/rfc822', content: raw });
  return { files, skipped };
}

const EXTENSIONS: Record<string, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'application/pdf': '.pdf',
};
const extensionOf = (contentType: string) => EXTENSIONS[contentType] ?? '';

/** PostgreSQL text holds no NUL; a mail that carries one must still be storable. */
const withoutNul = (text: string) => text.replaceAll('\u0000', '');
/** Longer ids are not ids (and would not fit an index entry): the mail is keyed by its hash instead. */
const MAX_MESSAGE_ID_LENGTH = 500;

export async function receiveEmail(
  deps: EmailIntakeDeps,
  mailbox: EmailMailboxRow,
  raw: Buffer,
  options: {
    /**
     * `smtp`: Kefu is the receiving server and wrote no Authentication-Results, so any present came from the
     * sender and mean nothing. `imap`: the mailbox provider's server prepended its own on top.
     */
    via: 'smtp' | 'imap';
  } = { via: 'imap' },
): Promise<EmailReceipt> {
  const parsed = await parseEmail(raw);
  const email: ParsedEmail = {
    ...parsed,
    messageId: parsed.messageId && parsed.messageId.length <= MAX_MESSAGE_ID_LENGTH ? parsed.messageId : null,
    subject: withoutNul(parsed.subject),
    text: withoutNul(parsed.text),
  };
  const automatic = classifyAutomatic(email);
  if (automatic === 'bounce') {
    const details = bounceDetails(email);
    // A "delayed" notice (Action: delayed, 4.x.x) is not a failure: the reply may still arrive.
    const reportsDelivery = email.attachments.some((part) => /delivery-status$/.test(part.contentType));
    const failed = !reportsDelivery || details.failedRecipients.length > 0;
    const replyFailed = failed && (await markBouncedReply(deps.db, mailbox, details));
    if (replyFailed) deps.onCommitted?.(mailbox.workspace_id);
    return { status: 'bounce', replyFailed };
  }
  const sender = email.replyTo ?? email.from;
  if (!email.from || !sender) return { status: 'ignored', reason: 'no_sender' };
  if (email.from.address.toLowerCase() === mailbox.address)
    return { status: 'ignored', reason: 'own_address' };

  if (email.messageId && (await isOwnMail(deps.db, mailbox, email.messageId))) {
    return { status: 'ignored', reason: 'own_address' };
  }
  const fromAddress = withoutNul(email.from.address).toLowerCase();
  const senderEmailHash = fromAddress
    ? await deps.intake.vault.lookupHash(mailbox.workspace_id, 'email', fromAddress)
    : null;
  const thread = await findThread(deps.db, mailbox, email, senderEmailHash);
  if (automatic === 'auto_reply') {
    // Not the customer's reply: it must not reopen a ticket, stop its clocks or open one. The agent learns of it.
    const noted = thread ? await noteAutoReply(deps.db, mailbox, thread.ticketId, email) : false;
    if (noted) deps.onCommitted?.(mailbox.workspace_id);
    return { status: 'ignored', reason: noted ? 'auto_reply_noted' : 'auto_reply_without_ticket' };
  }

  const externalId = email.messageId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`;
  const threadRoot = thread?.threadRoot ?? externalId;
  const visible = visibleText(email.text, { subject: email.subject }).visible.trim();
  const { files, skipped } = filesOf(email, raw);
  const notes = skipped.length > 0 ? `\n\n[未保存的附件（见原始邮件）：${skipped.join('、')}]` : '';
  const auth =
    options.via === 'imap' ? readAuthResults(email.headers) : { spf: null, dkim: null, dmarc: null };
  const message: InboundMessage = {
    workspaceId: mailbox.workspace_id,
    channelAccountId: mailbox.channel_account_id,
    platform: 'email',
    externalId,
    conversationId: emailConversationId({
      to: withoutNul(sender.address).toLowerCase(),
      thread: threadRoot,
    }),
    sender: {
      id: fromAddress,
      ...(email.from.name ? { name: withoutNul(email.from.name) } : {}),
      email: fromAddress,
      // Only mail the receiving server vouched for joins a customer known from other channels by its address.
      emailVerified: auth.dmarc === 'pass' || (auth.dmarc === null && auth.dkim === 'pass'),
    },
    text: `${visible}${notes}`.trim(),
    attachments: files,
    sentAt: email.date,
    subject: cleanSubject(email.subject),
    ...(thread ? { ticketHint: thread.ticketId } : {}),
    ...(automatic ? { noAutomaticReplies: true } : {}),
  };
  const [result] = await deps.intake.accept([message]);
  if (!result) throw new Error('intake answered nothing');

  const original = await deps.db
    .selectFrom('attachments')
    .select('id')
    .where('workspace_id', '=', mailbox.workspace_id)
    .where('message_id', '=', result.messageId)
    .where('filename', '=', ORIGINAL_EML)
    .executeTakeFirst();
  // After the commit, and idempotent: a crash before it is mended by the redelivery the missing ack causes.
  await deps.db
    .insertInto('email_messages')
    .values({
      workspace_id: mailbox.workspace_id,
      channel_account_id: mailbox.channel_account_id,
      message_id: externalId,
      direction: 'in',
      ticket_id: result.ticketId,
      ticket_message_id: result.messageId,
      thread_root: threadRoot,
      raw_attachment_id: original?.id ?? null,
      auth: JSON.stringify(auth),
      automatic,
      has_html: email.html !== null,
      blocked_images: email.blockedImages,
    })
    .onConflict((conflict) => conflict.columns(['channel_account_id', 'message_id']).doNothing())
    .execute();
  if (result.status === 'accepted') deps.onCommitted?.(mailbox.workspace_id);
  return {
    status: result.status,
    ticketId: result.ticketId,
    ticketNumber: result.ticketNumber,
    messageId: result.messageId,
  };
}
