/**
 * A Kefu mailbox on a private dovecot account, and customer mails to put in it: what the IMAP tests and the IMAP
 * bench start from.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '@server/db/schema';
import { createMailbox } from '@server/email/mailboxes';
import type { Keyring } from '@server/privacy/keyring';
import type { Kysely } from 'kysely';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Dovecot, DovecotUser } from './dovecot';

export function dovecotMailbox(
  db: Kysely<Database>,
  keyring: Keyring,
  options: {
    dovecot: Dovecot;
    account: DovecotUser;
    workspaceId: string;
    folder?: string;
    processedFolder?: string;
    password?: string;
  },
) {
  const { dovecot, account } = options;
  return createMailbox(db, keyring, options.workspaceId, {
    address: account.user,
    displayName: '星河商城客服',
    smtpInbound: false,
    imap: {
      host: dovecot.host,
      port: dovecot.port,
      tls: false,
      user: account.user,
      password: options.password ?? account.password,
      folder: options.folder ?? 'INBOX',
      processedFolder: options.processedFolder ?? null,
    },
    smtp: null,
    subjectTemplates: {},
    signature: '',
  });
}

export const CUSTOMER = { name: '王芳', address: 'wang.fang@customer.example' };

/** One customer's mail as a client writes it (a reply names what it answers in In-Reply-To and References). */
export function customerMail(fields: {
  subject: string;
  text: string;
  messageId?: string;
  inReplyTo?: string;
  attachments?: { filename: string; content: Buffer }[];
}): Promise<Buffer> {
  return new MailComposer({
    from: CUSTOMER,
    to: 'support@kefu.test',
    date: new Date(),
    messageId: fields.messageId ?? `<${randomUUID()}@customer.example>`,
    ...fields,
    ...(fields.inReplyTo ? { references: fields.inReplyTo } : {}),
  })
    .compile()
    .build();
}
