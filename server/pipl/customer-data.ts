/**
 * Everything held about one customer, found the way an erasure must find it and read back with the originals of
 * every mask restored (PIPL Art 45: a copy of their personal information). The export writes it out; the erasure
 * uses the same lookups so that what one shows is exactly what the other removes.
 */
import { loadCustomers } from '@server/customers/repo';
import type { Database, PiiOwnerType } from '@server/db/schema';
import type { PiiKind } from '@server/privacy/detector';
import { type MaskedSpan, unmaskText } from '@server/privacy/spans';
import type { PersonalDataVault } from '@server/privacy/vault';
import { type Kysely, sql } from 'kysely';
import { uniqueEntryName } from './redaction';

/** `column = ANY(ids)`: one parameter however many ids, where an IN list would hit the protocol's limit. */
export const isAnyOf = (column: string, ids: readonly string[]) =>
  sql<boolean>`${sql.ref(column)} = ANY(${[...ids]}::uuid[])`;

const SPAN_BATCH = 1000;

/**
 * The customer and every record merged into it, directly or through a chain of merges: a merged duplicate keeps
 * the profile it had, so it belongs to the same person's data. The customer itself comes first.
 */
export async function customerGroupIds(
  db: Kysely<Database>,
  workspaceId: string,
  customerId: string,
): Promise<string[]> {
  const rows = await sql<{ id: string }>`WITH RECURSIVE merged(id) AS (
      SELECT id FROM customers WHERE workspace_id = ${workspaceId} AND id = ${customerId}
      UNION
      SELECT c.id FROM customers c JOIN merged ON c.merged_into_id = merged.id WHERE c.workspace_id = ${workspaceId}
    ) SELECT id FROM merged`.execute(db);
  const ids = rows.rows.map((row) => row.id).filter((id) => id !== customerId);
  return rows.rows.length ? [customerId, ...ids] : [];
}

/**
 * The tickets of those customers, plus tickets merged into them: a ticket without a customer that was folded into
 * one of theirs carries their words in its subject too. Oldest first.
 */
export async function customerTicketIds(
  db: Kysely<Database>,
  workspaceId: string,
  customerIds: readonly string[],
): Promise<string[]> {
  if (customerIds.length === 0) return [];
  const rows = await sql<{ id: string }>`WITH RECURSIVE owned(id) AS (
      SELECT id FROM tickets WHERE workspace_id = ${workspaceId} AND customer_id = ANY(${[...customerIds]}::uuid[])
      UNION
      SELECT t.id FROM tickets t JOIN owned ON t.merged_into_id = owned.id WHERE t.workspace_id = ${workspaceId}
    ) SELECT t.id FROM tickets t JOIN owned ON owned.id = t.id
      WHERE t.workspace_id = ${workspaceId} ORDER BY t.received_at, t.number`.execute(db);
  return rows.rows.map((row) => row.id);
}

type OriginalSpan = MaskedSpan & { original: string };
/** Owner id → field → the masks in that field with their decrypted originals. */
type Originals = Map<string, Map<string, OriginalSpan[]>>;

async function loadOriginals(
  db: Kysely<Database>,
  vault: PersonalDataVault,
  workspaceId: string,
  ownerType: PiiOwnerType,
  ownerIds: readonly string[],
): Promise<Originals> {
  const originals: Originals = new Map();
  for (let at = 0; at < ownerIds.length; at += SPAN_BATCH) {
    const rows = await db
      .selectFrom('pii_spans')
      .select(['owner_id', 'field', 'kind', 'start_offset', 'end_offset', 'ciphertext'])
      .where('workspace_id', '=', workspaceId)
      .where('owner_type', '=', ownerType)
      .where(isAnyOf('owner_id', ownerIds.slice(at, at + SPAN_BATCH)))
      .execute();
    for (const row of rows) {
      const fields = originals.get(row.owner_id) ?? new Map<string, OriginalSpan[]>();
      originals.set(row.owner_id, fields);
      const spans = fields.get(row.field) ?? [];
      fields.set(row.field, spans);
      spans.push({
        kind: row.kind as PiiKind,
        start: row.start_offset,
        end: row.end_offset,
        original: await vault.decrypt(workspaceId, row.ciphertext),
      });
    }
  }
  return originals;
}

/** The stored text of one field with the originals of its masks put back. */
const restore = (originals: Originals, ownerId: string, field: string, text: string) => {
  const spans = originals.get(ownerId)?.get(field);
  return spans ? unmaskText(text, spans) : text;
};

export interface CustomerRecord {
  number: string;
  name: string;
  nickname: string;
  phone: string | null;
  email: string | null;
  company: string;
  tags: string[];
  attributes: Record<string, string>;
  notes: string;
  identities: { channel: string; externalId: string; addedAt: string }[];
  /** For a merged duplicate: the customer number it was merged into. */
  mergedInto: string | null;
  createdAt: string;
}

/** The profiles of the given customers (a customer and its merged duplicates), with original values. */
export async function loadCustomerRecords(
  db: Kysely<Database>,
  vault: PersonalDataVault,
  workspaceId: string,
  customerIds: readonly string[],
): Promise<CustomerRecord[]> {
  if (customerIds.length === 0) return [];
  const customers = await loadCustomers(db, { workspaceId, customerIds: [...customerIds] });
  const identities = customers.flatMap((customer) => customer.identities);
  const [profileOriginals, identityOriginals] = await Promise.all([
    loadOriginals(db, vault, workspaceId, 'customer', customerIds),
    loadOriginals(
      db,
      vault,
      workspaceId,
      'identity',
      identities.map((identity) => identity.id),
    ),
  ]);
  return customers.map((customer) => {
    const field = (name: string, text: string) => restore(profileOriginals, customer.id, name, text);
    return {
      number: customer.number,
      name: field('name', customer.name),
      nickname: field('nickname', customer.nickname),
      phone: customer.phone === null ? null : field('phone', customer.phone),
      email: customer.email === null ? null : field('email', customer.email),
      company: field('company', customer.company),
      tags: customer.tags,
      attributes: Object.fromEntries(
        Object.entries(customer.attributes).map(([key, value]) => [key, field(`attributes.${key}`, value)]),
      ),
      notes: field('notes', customer.notes),
      identities: customer.identities.map((identity) => {
        // An id that is personal data is stored as a keyed hash; its original sits over the masked display.
        const spans = identityOriginals.get(identity.id)?.get('external_id');
        return {
          channel: identity.channel,
          externalId: spans ? unmaskText(identity.display, spans) : identity.external_id,
          addedAt: identity.created_at.toISOString(),
        };
      }),
      mergedInto: customer.merged_into_number,
      createdAt: customer.created_at.toISOString(),
    };
  });
}

export interface TicketRecord {
  number: string;
  subject: string;
  description: string;
  channel: string;
  type: string | null;
  subtype: string | null;
  status: string;
  priority: string;
  customFields: Record<string, string | number | boolean | null>;
  orderNumbers: string[];
  productModel: string | null;
  /** The ticket this one was merged into (its messages moved there). */
  mergedInto: string | null;
  receivedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
  messages: {
    direction: string;
    channel: string;
    body: string;
    /** The body was replaced by the retention period or an erasure; the original is gone. */
    anonymized: boolean;
    createdAt: string;
    /** Paths of this message's files inside the export. */
    files: string[];
  }[];
  attachments: {
    /** Path inside the export; null when the file was missing from storage. */
    file: string | null;
    filename: string;
    contentType: string;
    sizeBytes: number;
    uploadedAt: string;
  }[];
}

/** Where each attachment of a ticket record is read from; index-aligned with `record.attachments`. */
export interface TicketFiles {
  record: TicketRecord;
  storageKeys: string[];
}

/** One ticket with its thread and files, originals restored; file paths are `attachments/<ticket>/<name>`. */
export async function loadTicketRecord(
  db: Kysely<Database>,
  vault: PersonalDataVault,
  workspaceId: string,
  ticketId: string,
): Promise<TicketFiles | undefined> {
  const ticket = await db
    .selectFrom('tickets')
    .leftJoin('tickets as target', (join) =>
      join
        .onRef('target.id', '=', 'tickets.merged_into_id')
        .onRef('target.workspace_id', '=', 'tickets.workspace_id'),
    )
    .selectAll('tickets')
    .select('target.number as target_number')
    .where('tickets.workspace_id', '=', workspaceId)
    .where('tickets.id', '=', ticketId)
    .executeTakeFirst();
  if (!ticket) return undefined;
  const [messages, attachments] = await Promise.all([
    db
      .selectFrom('ticket_messages')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('ticket_id', '=', ticketId)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('attachments')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('ticket_id', '=', ticketId)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  ]);
  const [ticketOriginals, messageOriginals, attachmentOriginals] = await Promise.all([
    loadOriginals(db, vault, workspaceId, 'ticket', [ticket.id]),
    loadOriginals(
      db,
      vault,
      workspaceId,
      'message',
      messages.map((message) => message.id),
    ),
    loadOriginals(
      db,
      vault,
      workspaceId,
      'attachment',
      attachments.map((attachment) => attachment.id),
    ),
  ]);

  const taken = new Set<string>();
  const files = attachments.map((attachment) => {
    const filename = restore(attachmentOriginals, attachment.id, 'filename', attachment.filename);
    return {
      messageId: attachment.message_id,
      storageKey: attachment.storage_key,
      entry: {
        file: `attachments/${ticket.number}/${uniqueEntryName(filename, taken)}`,
        filename,
        contentType: attachment.content_type,
        sizeBytes: attachment.size_bytes,
        uploadedAt: attachment.created_at.toISOString(),
      },
    };
  });
  const ticketField = (name: string, text: string) => restore(ticketOriginals, ticket.id, name, text);
  const record: TicketRecord = {
    number: ticket.number,
    subject: ticketField('subject', ticket.subject),
    description: ticketField('description', ticket.description),
    channel: ticket.channel,
    type: ticket.type,
    subtype: ticket.subtype,
    status: ticket.status,
    priority: ticket.priority,
    customFields: Object.fromEntries(
      Object.entries(ticket.custom_fields).map(([key, value]) => [
        key,
        typeof value === 'string' ? ticketField(`customFields.${key}`, value) : value,
      ]),
    ),
    orderNumbers: ticket.order_numbers,
    productModel: ticket.product_model,
    mergedInto: ticket.target_number,
    receivedAt: ticket.received_at.toISOString(),
    resolvedAt: ticket.resolved_at?.toISOString() ?? null,
    closedAt: ticket.closed_at?.toISOString() ?? null,
    messages: messages.map((message) => ({
      direction: message.direction,
      channel: message.channel,
      body: restore(messageOriginals, message.id, 'body', message.body),
      anonymized: message.anonymized_at !== null,
      createdAt: message.created_at.toISOString(),
      files: files.filter((file) => file.messageId === message.id).map((file) => file.entry.file),
    })),
    attachments: files.map((file) => file.entry),
  };
  return { record, storageKeys: files.map((file) => file.storageKey) };
}
