/**
 * The e-mail channel's adapter: replies leave through the mailbox's own SMTP server (nodemailer), From the mailbox,
 * threaded with In-Reply-To / References to the customer's mail, the subject from the mailbox's template for the
 * ticket's type. Mail arrives by the SMTP listener or IMAP, never by the inbound webhook.
 */
import type { ChannelAdapter, OutboundMessage, SendResult } from '@server/channels/adapter';
import type { ChannelAccount } from '@server/channels/repo';
import type { EmailMailboxRow } from '@server/db/email-tables';
import type { Database } from '@server/db/schema';
import { HttpProblem } from '@server/http/problem';
import { restoreOriginals } from '@server/outbox/compose';
import type { PersonalDataVault } from '@server/privacy/vault';
import { getTicketConfig } from '@server/tickets/ticket-config';
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import { mailBodies, outboundMessageId, renderSubject, threadHeaders } from './compose-mail';
import { parseEmailConversation } from './inbound';
import { EMAIL_KIND, mailboxByAccount } from './mailboxes';

export interface EmailAdapterDeps {
  db: Kysely<Database>;
  vault: PersonalDataVault;
}

/** SMTP replies that say the address itself is wrong (RFC 3463 x.1.x): a retry cannot help. */
const BAD_RECIPIENT = /^5\.1\.\d/;

export function createEmailAdapter(deps: EmailAdapterDeps): ChannelAdapter {
  return {
    kind: EMAIL_KIND,
    receive() {
      throw new HttpProblem(404, 'unknown_channel', 'E-mail arrives through the SMTP listener or IMAP');
    },
    send: (message, account, options) => sendReply(deps, message, account, options.timeoutMs),
  };
}

async function subjectFor(deps: EmailAdapterDeps, mailbox: EmailMailboxRow, message: OutboundMessage) {
  const { db, vault } = deps;
  const workspaceId = mailbox.workspace_id;
  const [ticket, spans, config] = await Promise.all([
    db
      .selectFrom('tickets')
      .select(['subject', 'type', 'order_numbers'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', message.ticketId)
      .executeTakeFirstOrThrow(),
    vault.spansOf(db, { workspaceId, ownerType: 'ticket', ownerId: message.ticketId }, ['subject']),
    getTicketConfig(db, workspaceId),
  ]);
  // The customer reads their own words back, not the desk's masks.
  const originals = await Promise.all(
    spans.map(async (span) => ({ ...span, original: await vault.decrypt(workspaceId, span.ciphertext) })),
  );
  return renderSubject(mailbox.subject_templates, {
    subject: restoreOriginals(ticket.subject, originals),
    number: message.ticketNumber,
    typeKey: ticket.type,
    typeLabel: config.types.find((type) => type.key === ticket.type)?.label ?? '',
    orderNumber: ticket.order_numbers[0] ?? '',
  });
}

async function sendReply(
  deps: EmailAdapterDeps,
  message: OutboundMessage,
  account: ChannelAccount,
  timeoutMs: number,
): Promise<SendResult> {
  const { db, vault } = deps;
  const mailbox = await mailboxByAccount(db, account.row.workspace_id, account.row.id);
  if (!mailbox?.smtp_host || !mailbox.smtp_port) {
    return {
      ok: false,
      code: 'rejected',
      message: 'The mailbox has no outgoing SMTP server',
      permanent: true,
    };
  }
  const conversation = parseEmailConversation(message.conversationId);
  if (!conversation) {
    return { ok: false, code: 'invalid_recipient', message: 'No reply address', permanent: true };
  }
  const workspaceId = mailbox.workspace_id;
  const ownId = outboundMessageId(message.messageId, mailbox.address);
  const [known, written] = await Promise.all([
    db
      .selectFrom('email_messages')
      .select(['message_id', 'direction'])
      .where('workspace_id', '=', workspaceId)
      .where('ticket_id', '=', message.ticketId)
      .where('message_id', '!=', ownId)
      // Out-of-office notes and list mail are not what the reply answers.
      .where('automatic', 'is', null)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('ticket_messages')
      .select('author_user_id')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', message.messageId)
      .executeTakeFirst(),
  ]);
  // Kefu's own messages (the acceptance notice, a rule's message) say so, as RFC 3834 asks: other desks' and
  // mailboxes' auto-responders then do not answer them, and no two machines answer each other forever.
  const automatic = written !== undefined && written.author_user_id === null;
  const headers = threadHeaders(
    conversation.thread,
    known.map((row) => ({ messageId: row.message_id, direction: row.direction })),
  );
  // Known before it leaves: the customer's answer to it, or its bounce, may come back within the second.
  await db
    .insertInto('email_messages')
    .values({
      workspace_id: workspaceId,
      channel_account_id: mailbox.channel_account_id,
      message_id: ownId,
      direction: 'out',
      ticket_id: message.ticketId,
      ticket_message_id: message.messageId,
      thread_root: conversation.thread,
    })
    .onConflict((conflict) => conflict.columns(['channel_account_id', 'message_id']).doNothing())
    .execute();

  const password = mailbox.smtp_password_ciphertext
    ? await vault.keyring.decrypt(workspaceId, mailbox.smtp_password_ciphertext)
    : null;
  const transport = nodemailer.createTransport({
    host: mailbox.smtp_host,
    port: mailbox.smtp_port,
    secure: mailbox.smtp_security === 'tls',
    requireTLS: mailbox.smtp_security === 'starttls',
    ignoreTLS: mailbox.smtp_security === 'none',
    ...(mailbox.smtp_user ? { auth: { user: mailbox.smtp_user, pass: password ?? '' } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    logger: false,
  });
  const bodies = mailBodies(message.text, mailbox.signature);
  try {
    await transport.sendMail({
      from: { name: mailbox.display_name || mailbox.address, address: mailbox.address },
      to: { name: '', address: conversation.to },
      subject: await subjectFor(deps, mailbox, message),
      messageId: ownId,
      ...(headers.inReplyTo ? { inReplyTo: headers.inReplyTo } : {}),
      ...(headers.references.length > 0 ? { references: headers.references } : {}),
      date: message.createdAt,
      text: bodies.text,
      html: bodies.html,
      attachments: message.attachments.map((file) => ({
        filename: file.filename,
        contentType: file.contentType,
        content: Buffer.from(file.contentBase64, 'base64'),
      })),
      headers: {
        'X-Kefu-Ticket': message.ticketNumber,
        ...(automatic ? { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' } : {}),
      },
    });
    return { ok: true, platformMessageId: ownId };
  } catch (error) {
    return failureOf(error as { responseCode?: number; response?: string; code?: string });
  } finally {
    transport.close();
  }
}

function failureOf(error: { responseCode?: number; response?: string; code?: string }): SendResult {
  const status = /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(error.response ?? '')?.[1] ?? '';
  // The server's reply line only (codes and its own words); never the message.
  const message = `${error.code ?? 'SMTP'} ${error.responseCode ?? ''} ${status}`.replace(/\s+/g, ' ').trim();
  // The mailbox's own credentials or TLS (530, 534, 535): fixed in 管理 → 邮箱, then every queued reply goes out.
  const mailboxProblem =
    error.code === 'EAUTH' || error.code === 'ETLS' || [530, 534, 535].includes(error.responseCode ?? 0);
  if (error.responseCode && error.responseCode >= 500 && !mailboxProblem) {
    return {
      ok: false,
      code: BAD_RECIPIENT.test(status) || error.code === 'EENVELOPE' ? 'invalid_recipient' : 'rejected',
      message,
      permanent: true,
    };
  }
  return { ok: false, code: 'transient', message, permanent: false };
}
