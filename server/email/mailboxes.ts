/**
 * Mailboxes: one address of a workspace each, with the `email` channel account its threads belong to. Passwords
 * for the IMAP and SMTP servers are sealed under the workspace's data key and never leave the server again.
 */

import type { EmailMailboxRow, SmtpSecurity } from '@server/db/email-tables';
import type { Database } from '@server/db/schema';
import { HttpProblem } from '@server/http/problem';
import type { Keyring } from '@server/privacy/keyring';
import { type Kysely, sql } from 'kysely';

export const EMAIL_KIND = 'email';

export interface MailboxInput {
  address: string;
  displayName: string;
  smtpInbound: boolean;
  imap: {
    host: string;
    port: number;
    tls: boolean;
    user: string;
    /** Undefined keeps the stored one. */
    password?: string;
    folder: string;
    processedFolder: string | null;
  } | null;
  smtp: {
    host: string;
    port: number;
    security: SmtpSecurity;
    user: string | null;
    password?: string | null;
  } | null;
  subjectTemplates: Record<string, string>;
  signature: string;
}

async function sealed(keyring: Keyring, workspaceId: string, value: string | null | undefined) {
  if (value === undefined) return undefined;
  return value ? keyring.encrypt(workspaceId, value) : null;
}

async function columnsOf(keyring: Keyring, workspaceId: string, input: Partial<MailboxInput>) {
  const imapPassword = input.imap ? await sealed(keyring, workspaceId, input.imap.password) : null;
  const smtpPassword = input.smtp ? await sealed(keyring, workspaceId, input.smtp.password) : null;
  return {
    ...(input.address !== undefined ? { address: input.address.trim().toLowerCase() } : {}),
    ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
    ...(input.smtpInbound !== undefined ? { smtp_inbound: input.smtpInbound } : {}),
    ...(input.imap !== undefined
      ? {
          imap_host: input.imap?.host ?? null,
          imap_port: input.imap?.port ?? null,
          imap_tls: input.imap?.tls ?? true,
          imap_user: input.imap?.user ?? null,
          ...(imapPassword !== undefined ? { imap_password_ciphertext: imapPassword } : {}),
          imap_folder: input.imap?.folder ?? 'INBOX',
          imap_processed_folder: input.imap?.processedFolder ?? null,
        }
      : {}),
    ...(input.smtp !== undefined
      ? {
          smtp_host: input.smtp?.host ?? null,
          smtp_port: input.smtp?.port ?? null,
          smtp_security: input.smtp?.security ?? 'starttls',
          smtp_user: input.smtp?.user ?? null,
          ...(smtpPassword !== undefined ? { smtp_password_ciphertext: smtpPassword } : {}),
        }
      : {}),
    ...(input.subjectTemplates !== undefined
      ? { subject_templates: JSON.stringify(input.subjectTemplates) }
      : {}),
    ...(input.signature !== undefined ? { signature: input.signature } : {}),
  };
}

const addressTaken = () =>
  new HttpProblem(409, 'address_taken', 'Another mailbox already receives this address', [
    { path: 'body/address', message: 'This address is already a mailbox (in this or another workspace)' },
  ]);

export async function createMailbox(
  db: Kysely<Database>,
  keyring: Keyring,
  workspaceId: string,
  input: MailboxInput,
): Promise<EmailMailboxRow> {
  const columns = await columnsOf(keyring, workspaceId, input);
  try {
    return await db.transaction().execute(async (tx) => {
      const account = await tx
        .insertInto('channel_accounts')
        .values({
          workspace_id: workspaceId,
          kind: EMAIL_KIND,
          platform: 'email',
          name: input.address.trim().toLowerCase(),
          // Mail is not signed with a channel secret: SMTP and IMAP have their own credentials below.
          secret_ciphertext: '',
          secret_hint: '',
          callback_url: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return tx
        .insertInto('email_mailboxes')
        .values({
          workspace_id: workspaceId,
          channel_account_id: account.id,
          address: input.address.trim().toLowerCase(),
          ...columns,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    });
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw addressTaken();
    throw error;
  }
}

/** Which mailbox on which server: what the IMAP cursor belongs to. */
const imapIdentity = (
  imap: { host: string; port: number | null; user: string | null; folder: string } | null,
) => (imap ? JSON.stringify([imap.host, imap.port, imap.user, imap.folder]) : 'none');

export async function updateMailbox(
  db: Kysely<Database>,
  keyring: Keyring,
  workspaceId: string,
  id: string,
  input: Partial<MailboxInput>,
): Promise<EmailMailboxRow> {
  const before = await mailboxById(db, workspaceId, id);
  const columns = await columnsOf(keyring, workspaceId, input);
  // Another server, account or folder starts the IMAP cursor afresh: its UIDs mean nothing there. A password
  // change or a resave of the same settings keeps it (and with it, what was already fetched).
  const imapChanged =
    input.imap !== undefined &&
    imapIdentity(input.imap) !==
      imapIdentity(
        before.imap_host
          ? {
              host: before.imap_host,
              port: before.imap_port,
              user: before.imap_user,
              folder: before.imap_folder,
            }
          : null,
      );
  try {
    const row = await db
      .updateTable('email_mailboxes')
      .set({
        ...columns,
        ...(imapChanged ? { imap_uid_validity: null, imap_status: 'off', imap_error: null } : {}),
        updated_at: sql<Date>`now()`,
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new HttpProblem(404, 'not_found', 'Mailbox not found');
    if (input.address !== undefined) {
      await db
        .updateTable('channel_accounts')
        .set({ name: row.address, updated_at: sql<Date>`now()` })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', row.channel_account_id)
        .execute();
    }
    return row;
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw addressTaken();
    throw error;
  }
}

export async function setMailboxEnabled(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
  enabled: boolean,
): Promise<void> {
  const row = await mailboxById(db, workspaceId, id);
  await db
    .updateTable('channel_accounts')
    .set({ enabled, updated_at: sql<Date>`now()` })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', row.channel_account_id)
    .execute();
}

export async function mailboxById(db: Kysely<Database>, workspaceId: string, id: string) {
  const row = await db
    .selectFrom('email_mailboxes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new HttpProblem(404, 'not_found', 'Mailbox not found');
  return row;
}

export function listMailboxes(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('email_mailboxes as m')
    .innerJoin('channel_accounts as a', (join) =>
      join.onRef('a.id', '=', 'm.channel_account_id').onRef('a.workspace_id', '=', 'm.workspace_id'),
    )
    .selectAll('m')
    .select('a.enabled')
    .where('m.workspace_id', '=', workspaceId)
    .orderBy('m.created_at')
    .execute();
}

/** The enabled mailbox that receives mail for an address (the SMTP listener's recipient check). */
export function mailboxForRecipient(db: Kysely<Database>, address: string) {
  return db
    .selectFrom('email_mailboxes as m')
    .innerJoin('channel_accounts as a', (join) =>
      join.onRef('a.id', '=', 'm.channel_account_id').onRef('a.workspace_id', '=', 'm.workspace_id'),
    )
    .selectAll('m')
    .where('m.address', '=', address.trim().toLowerCase())
    .where('m.smtp_inbound', '=', true)
    .where('a.enabled', '=', true)
    .executeTakeFirst();
}

/** Every enabled mailbox with an IMAP server, across workspaces: what the pollers watch. */
export function mailboxesToPoll(db: Kysely<Database>) {
  return db
    .selectFrom('email_mailboxes as m')
    .innerJoin('channel_accounts as a', (join) =>
      join.onRef('a.id', '=', 'm.channel_account_id').onRef('a.workspace_id', '=', 'm.workspace_id'),
    )
    .selectAll('m')
    .where('m.imap_host', 'is not', null)
    .where('a.enabled', '=', true)
    .execute();
}

export function mailboxByAccount(db: Kysely<Database>, workspaceId: string, channelAccountId: string) {
  return db
    .selectFrom('email_mailboxes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('channel_account_id', '=', channelAccountId)
    .executeTakeFirst();
}
