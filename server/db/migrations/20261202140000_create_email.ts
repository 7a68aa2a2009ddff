import { type Kysely, sql } from 'kysely';

/**
 * E-mail as a channel. A mailbox is one address of the workspace, with its `email` channel account: mail reaches
 * it through Kefu's own SMTP listener (an MX or a forwarding rule) or by IMAP polling, and replies leave through
 * the mailbox's SMTP server. `email_messages` remembers every Message-ID we received or sent, so a customer's
 * reply threads into its ticket by In-Reply-To / References, and a bounce finds the reply it bounces.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE email_mailboxes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      channel_account_id uuid NOT NULL UNIQUE REFERENCES channel_accounts(id) ON DELETE CASCADE,
      -- Lower-cased; one address belongs to one workspace, since the SMTP listener routes by recipient alone.
      address text NOT NULL UNIQUE,
      display_name text NOT NULL DEFAULT '',
      smtp_inbound boolean NOT NULL DEFAULT true,
      imap_host text,
      imap_port integer,
      imap_tls boolean NOT NULL DEFAULT true,
      imap_user text,
      imap_password_ciphertext text,
      imap_folder text NOT NULL DEFAULT 'INBOX',
      -- Where fetched mail is moved after it is committed; null: it is flagged \\Seen where it is.
      imap_processed_folder text,
      imap_uid_validity bigint,
      imap_last_uid bigint NOT NULL DEFAULT 0,
      imap_status text NOT NULL DEFAULT 'off' CHECK (imap_status IN ('off', 'connecting', 'idle', 'error')),
      imap_error text,
      imap_checked_at timestamptz,
      smtp_host text,
      smtp_port integer,
      smtp_security text NOT NULL DEFAULT 'starttls' CHECK (smtp_security IN ('none', 'starttls', 'tls')),
      smtp_user text,
      smtp_password_ciphertext text,
      -- Subject templates by ticket type key ('default' for the rest): 【售后反馈】关于{subject}的处理进度 [#{number}].
      subject_templates jsonb NOT NULL DEFAULT '{}',
      signature text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX email_mailboxes_workspace ON email_mailboxes (workspace_id)`.execute(db);

  await sql`
    CREATE TABLE email_messages (
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      channel_account_id uuid NOT NULL REFERENCES channel_accounts(id) ON DELETE CASCADE,
      -- The RFC 5322 Message-ID in its canonical form <local@host> (email/message-id.ts).
      message_id text NOT NULL,
      direction text NOT NULL CHECK (direction IN ('in', 'out')),
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      ticket_message_id uuid REFERENCES ticket_messages(id) ON DELETE CASCADE,
      -- The Message-ID that started the thread: with the sender's address, the conversation replies go to.
      thread_root text NOT NULL,
      -- The original .eml, kept as an attachment of the message.
      raw_attachment_id uuid REFERENCES attachments(id) ON DELETE SET NULL,
      -- SPF / DKIM / DMARC as the receiving server recorded them.
      auth jsonb,
      -- auto_reply, bounce or bulk: never answered automatically.
      automatic text,
      has_html boolean NOT NULL DEFAULT false,
      blocked_images integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (channel_account_id, message_id)
    )`.execute(db);
  await sql`CREATE INDEX email_messages_ticket ON email_messages (workspace_id, ticket_id, created_at)`.execute(
    db,
  );
  await sql`CREATE INDEX email_messages_message ON email_messages (workspace_id, ticket_message_id)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE email_messages`.execute(db);
  await sql`DROP TABLE email_mailboxes`.execute(db);
}
