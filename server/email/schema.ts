import { isoTimestamp } from '@server/http/common-schema';
import { z } from 'zod';

const hostname = z.string().trim().min(1).max(253);
const port = z.number().int().min(1).max(65535);
const template = z.string().trim().max(200);

export const imapSettings = z.object({
  host: hostname,
  port: port.default(993),
  tls: z.boolean().default(true),
  user: z.string().trim().min(1).max(320),
  /** Omit to keep the stored password. */
  password: z.string().min(1).max(500).optional(),
  folder: z.string().trim().min(1).max(200).default('INBOX'),
  /** Where mail goes after it is stored; null: it is marked read where it is. */
  processedFolder: z.string().trim().min(1).max(200).nullable().default(null),
});

export const smtpSettings = z.object({
  host: hostname,
  port: port.default(587),
  security: z.enum(['none', 'starttls', 'tls']).default('starttls'),
  user: z.string().trim().min(1).max(320).nullable().default(null),
  password: z.string().min(1).max(500).nullable().optional(),
});

/** The settings without defaults: a change names only what it changes (zod 4 fills defaults in under .partial()). */
const mailboxFields = {
  address: z.email().max(254),
  displayName: z.string().trim().max(100),
  /** Accept mail for this address on Kefu's own SMTP listener (an MX or a forwarding rule). */
  smtpInbound: z.boolean(),
  imap: imapSettings.nullable(),
  smtp: smtpSettings.nullable(),
  /**
   * Reply subjects by ticket type key, `default` for the rest. Placeholders: {subject} {number} {type} {order};
   * the ticket tag [#number] is appended when the template leaves it out.
   */
  subjectTemplates: z.record(z.string().max(64), template),
  signature: z.string().max(2000),
};

export const mailboxBody = z.object({
  ...mailboxFields,
  displayName: mailboxFields.displayName.default(''),
  smtpInbound: mailboxFields.smtpInbound.default(true),
  imap: mailboxFields.imap.default(null),
  smtp: mailboxFields.smtp.default(null),
  subjectTemplates: mailboxFields.subjectTemplates.default({}),
  signature: mailboxFields.signature.default(''),
});

export const updateMailboxBody = z.object({ ...mailboxFields, enabled: z.boolean() }).partial();

export const mailboxSchema = z.object({
  id: z.uuid(),
  address: z.string(),
  displayName: z.string(),
  enabled: z.boolean(),
  smtpInbound: z.boolean(),
  imap: z
    .object({
      host: z.string(),
      port: z.number().int(),
      tls: z.boolean(),
      user: z.string(),
      passwordSet: z.boolean(),
      folder: z.string(),
      processedFolder: z.string().nullable(),
      status: z.enum(['off', 'connecting', 'idle', 'error']),
      error: z.string().nullable(),
      checkedAt: isoTimestamp.nullable(),
    })
    .nullable(),
  smtp: z
    .object({
      host: z.string(),
      port: z.number().int(),
      security: z.enum(['none', 'starttls', 'tls']),
      user: z.string().nullable(),
      passwordSet: z.boolean(),
    })
    .nullable(),
  subjectTemplates: z.record(z.string(), z.string()),
  signature: z.string(),
  createdAt: isoTimestamp,
});

export const emailDetailsSchema = z.object({
  /** SPF / DKIM / DMARC as the receiving server recorded them; null where it said nothing. */
  auth: z.object({
    spf: z.string().nullable(),
    dkim: z.string().nullable(),
    dmarc: z.string().nullable(),
  }),
  automatic: z.enum(['auto_reply', 'bounce', 'bulk']).nullable(),
  hasHtml: z.boolean(),
  /** Remote images withheld until the agent shows them. */
  blockedImages: z.number().int(),
  originalAttachmentId: z.uuid().nullable(),
  /** The sandboxed page of the mail's HTML; `?images=show` loads the remote images too. */
  htmlUrl: z.string().nullable(),
});
