/** Kysely types of the e-mail tables: mailboxes and the Message-IDs of every mail received or sent. */
import type { AuthResults } from '@server/email/auth-results';
import type { AutomaticKind } from '@server/email/auto-reply';
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Json, NullableTimestamp, Timestamp } from './schema';

export type SmtpSecurity = 'none' | 'starttls' | 'tls';
export type ImapStatus = 'off' | 'connecting' | 'idle' | 'error';
/** PostgreSQL returns bigint as text; UIDs are below 2^32, so Number() is exact. */
type BigIntColumn = ColumnType<string, number | string, number | string>;

export interface EmailMailboxesTable {
  id: Generated<string>;
  workspace_id: string;
  channel_account_id: string;
  address: string;
  display_name: Generated<string>;
  smtp_inbound: Generated<boolean>;
  imap_host: string | null;
  imap_port: number | null;
  imap_tls: Generated<boolean>;
  imap_user: string | null;
  imap_password_ciphertext: string | null;
  imap_folder: Generated<string>;
  imap_processed_folder: string | null;
  imap_uid_validity: BigIntColumn | null;
  imap_last_uid: ColumnType<string, number | string | undefined, number | string>;
  imap_status: ColumnType<ImapStatus, ImapStatus | undefined, ImapStatus>;
  imap_error: string | null;
  imap_checked_at: NullableTimestamp;
  smtp_host: string | null;
  smtp_port: number | null;
  smtp_security: ColumnType<SmtpSecurity, SmtpSecurity | undefined, SmtpSecurity>;
  smtp_user: string | null;
  smtp_password_ciphertext: string | null;
  subject_templates: Json<Record<string, string>>;
  signature: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EmailMessagesTable {
  workspace_id: string;
  channel_account_id: string;
  message_id: string;
  direction: 'in' | 'out';
  ticket_id: string;
  ticket_message_id: string | null;
  thread_root: string;
  raw_attachment_id: string | null;
  auth: Json<AuthResults> | null;
  automatic: AutomaticKind | null;
  has_html: Generated<boolean>;
  blocked_images: Generated<number>;
  created_at: Timestamp;
}

export interface EmailDatabase {
  email_mailboxes: EmailMailboxesTable;
  email_messages: EmailMessagesTable;
}

export type EmailMailboxRow = Selectable<EmailMailboxesTable>;
export type EmailMessageRow = Selectable<EmailMessagesTable>;
