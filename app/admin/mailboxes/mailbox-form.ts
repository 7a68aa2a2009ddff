import type { Mailbox, MailboxInput, SmtpSecurity } from '@app/api/mailboxes';

/**
 * A mailbox as its form edits it: IMAP and outgoing SMTP each behind a switch, passwords empty unless the admin
 * types a new one (the server never shows them; left empty, the stored one stays).
 */
export interface MailboxForm {
  address: string;
  displayName: string;
  smtpInbound: boolean;
  imapEnabled: boolean;
  imap: {
    host: string;
    port: number;
    tls: boolean;
    user: string;
    password?: string;
    folder: string;
    processedFolder?: string;
  };
  smtpEnabled: boolean;
  smtp: {
    host: string;
    port: number;
    security: SmtpSecurity;
    user?: string;
    password?: string;
  };
  subjectTemplates: Record<string, string | undefined>;
  signature: string;
}

const IMAP_TLS_PORT = 993;
const IMAP_PLAIN_PORT = 143;
/** Submission ports by security: 465 speaks TLS from the start, 587 upgrades with STARTTLS. */
export const SMTP_PORTS: Record<SmtpSecurity, number> = { none: 25, starttls: 587, tls: 465 };
export const imapPort = (tls: boolean) => (tls ? IMAP_TLS_PORT : IMAP_PLAIN_PORT);

export function formOf(mailbox: Mailbox | 'new'): MailboxForm {
  if (mailbox === 'new') {
    return {
      address: '',
      displayName: '',
      smtpInbound: true,
      imapEnabled: false,
      imap: { host: '', port: IMAP_TLS_PORT, tls: true, user: '', folder: 'INBOX' },
      smtpEnabled: false,
      smtp: { host: '', port: SMTP_PORTS.starttls, security: 'starttls' },
      subjectTemplates: {},
      signature: '',
    };
  }
  const { imap, smtp } = mailbox;
  return {
    address: mailbox.address,
    displayName: mailbox.displayName,
    smtpInbound: mailbox.smtpInbound,
    imapEnabled: imap !== null,
    imap: imap
      ? {
          host: imap.host,
          port: imap.port,
          tls: imap.tls,
          user: imap.user,
          folder: imap.folder,
          processedFolder: imap.processedFolder ?? undefined,
        }
      : { host: '', port: IMAP_TLS_PORT, tls: true, user: '', folder: 'INBOX' },
    smtpEnabled: smtp !== null,
    smtp: smtp
      ? { host: smtp.host, port: smtp.port, security: smtp.security, user: smtp.user ?? undefined }
      : { host: '', port: SMTP_PORTS.starttls, security: 'starttls' },
    subjectTemplates: { ...mailbox.subjectTemplates },
    signature: mailbox.signature,
  };
}

const typed = (password: string | undefined) => (password ? { password } : {});

/** The whole mailbox as the API takes it; a password goes along only when one was typed. */
export function bodyOf(values: MailboxForm): MailboxInput {
  const templates = Object.entries(values.subjectTemplates ?? {})
    .map(([key, template]) => [key, template?.trim() ?? ''] as const)
    .filter(([, template]) => template !== '');
  return {
    address: values.address.trim(),
    displayName: values.displayName?.trim() ?? '',
    smtpInbound: values.smtpInbound,
    imap: values.imapEnabled
      ? {
          host: values.imap.host.trim(),
          port: values.imap.port,
          tls: values.imap.tls,
          user: values.imap.user.trim(),
          ...typed(values.imap.password),
          folder: values.imap.folder?.trim() || 'INBOX',
          processedFolder: values.imap.processedFolder?.trim() || null,
        }
      : null,
    smtp: values.smtpEnabled
      ? {
          host: values.smtp.host.trim(),
          port: values.smtp.port,
          security: values.smtp.security,
          user: values.smtp.user?.trim() || null,
          ...typed(values.smtp.password),
        }
      : null,
    subjectTemplates: Object.fromEntries(templates),
    signature: values.signature ?? '',
  };
}
