import type { EmailMailboxRow } from '@server/db/email-tables';
import type { z } from 'zod';
import type { mailboxSchema } from './schema';

export function presentMailbox(row: EmailMailboxRow & { enabled: boolean }): z.infer<typeof mailboxSchema> {
  return {
    id: row.id,
    address: row.address,
    displayName: row.display_name,
    enabled: row.enabled,
    smtpInbound: row.smtp_inbound,
    imap:
      row.imap_host && row.imap_port && row.imap_user
        ? {
            host: row.imap_host,
            port: row.imap_port,
            tls: row.imap_tls,
            user: row.imap_user,
            passwordSet: row.imap_password_ciphertext !== null,
            folder: row.imap_folder,
            processedFolder: row.imap_processed_folder,
            status: row.imap_status,
            error: row.imap_error,
            checkedAt: row.imap_checked_at?.toISOString() ?? null,
          }
        : null,
    smtp:
      row.smtp_host && row.smtp_port
        ? {
            host: row.smtp_host,
            port: row.smtp_port,
            security: row.smtp_security,
            user: row.smtp_user,
            passwordSet: row.smtp_password_ciphertext !== null,
          }
        : null,
    subjectTemplates: row.subject_templates,
    signature: row.signature,
    createdAt: row.created_at.toISOString(),
  };
}
