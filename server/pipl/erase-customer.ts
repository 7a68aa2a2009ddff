import fs from 'node:fs';
import { attachmentPath } from '@server/attachments/service';
import { recordAudit } from '@server/audit/service';
import type { Principal } from '@server/auth/principal';
import type { Database } from '@server/db/schema';
import { conflict, notFound, unprocessable } from '@server/http/problem';
import { forgetTickets } from '@server/routing/classifier/model';
import type { FastifyBaseLogger } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { eraseCallRecords } from './customer-calls';
import { customerGroupIds, customerTicketIds, isAnyOf } from './customer-data';
import { type PiplStorage, removeExports } from './export-customer';
import { purgeDeadText } from './purge';
import { ERASED_CUSTOMER_NAME, ERASED_TEXT, scrubEventData } from './redaction';

/** Every table an erasure rewrites or deletes from; vacuumed afterwards so no dead row version keeps the data. */
const ERASED_TABLES = [
  'customers',
  'customer_identities',
  'tickets',
  'ticket_messages',
  'ticket_events',
  'attachments',
  'pii_spans',
  'privacy_jobs',
  'channel_conversations',
  'outbound_deliveries',
  'classifier_examples',
  'call_records',
];

export interface ErasureResult {
  customerNumber: string;
  tickets: number;
  messages: number;
  attachments: number;
  calls: number;
  erasedAt: Date;
}

/**
 * Erases a customer's personal data (PIPL Art 47) in one transaction: the profile and every record merged into
 * it, identities, their tickets' texts, every message of those tickets, files, the sealed originals and free text
 * in the timeline. What statistics count stays: the rows, numbers, status, priority, type, channel, times,
 * assignee and team. Files and export archives go after the commit (no disk I/O inside a transaction), then the
 * touched tables are vacuumed so that dead row versions and index entries holding the old values go too.
 */
export async function eraseCustomer(
  db: Kysely<Database>,
  storage: PiplStorage,
  options: {
    actor: Principal;
    ip: string | null;
    customerId: string;
    confirmNumber: string;
    log?: FastifyBaseLogger;
  },
): Promise<ErasureResult> {
  const { workspaceId } = options.actor;
  const { result, customerIds, storageKeys } = await db.transaction().execute(async (tx) => {
    const customer = await tx
      .selectFrom('customers')
      .select(['id', 'number', 'erased_at', 'merged_into_id'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', options.customerId)
      .forUpdate()
      .executeTakeFirst();
    if (!customer) throw notFound('Customer');
    if (customer.erased_at)
      throw conflict('already_erased', "This customer's personal data was already erased");
    if (customer.merged_into_id) {
      throw conflict(
        'customer_merged',
        'This record was merged into another customer; erase that customer, which includes this record',
      );
    }
    if (options.confirmNumber.trim() !== customer.number) {
      throw unprocessable('confirmation_mismatch', "Type the customer's number to confirm the erasure", [
        { path: '/confirmNumber', message: `Does not match the customer's number` },
      ]);
    }

    const customerIds = await customerGroupIds(tx, workspaceId, customer.id);
    const ticketIds = await customerTicketIds(tx, workspaceId, customerIds);
    const messageIds = (
      await tx
        .selectFrom('ticket_messages')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where((eb) => eb.or([isAnyOf('ticket_id', ticketIds), isAnyOf('customer_id', customerIds)]))
        .execute()
    ).map((row) => row.id);
    const attachments = await tx
      .deleteFrom('attachments')
      .where('workspace_id', '=', workspaceId)
      .where((eb) => eb.or([isAnyOf('ticket_id', ticketIds), isAnyOf('message_id', messageIds)]))
      .returning(['id', 'storage_key'])
      .execute();
    const identityIds = (
      await tx
        .deleteFrom('customer_identities')
        .where('workspace_id', '=', workspaceId)
        .where(isAnyOf('customer_id', customerIds))
        .returning('id')
        .execute()
    ).map((row) => row.id);

    // The platform conversations hold the customer's sealed platform id (where replies went): gone with the
    // customer, together with any reply still queued for them. Their tickets stay, without a channel to reply on.
    await tx
      .deleteFrom('channel_conversations')
      .where('workspace_id', '=', workspaceId)
      .where((eb) =>
        eb.or([
          isAnyOf('customer_id', customerIds),
          eb.exists(
            eb
              .selectFrom('tickets')
              .select('tickets.id')
              .whereRef('tickets.conversation_id', '=', 'channel_conversations.id')
              .where(isAnyOf('tickets.id', ticketIds)),
          ),
        ]),
      )
      .execute();

    const owned = (ownerType: string, ids: string[]) =>
      sql<boolean>`(owner_type = ${ownerType} AND owner_id = ANY(${ids}::uuid[]))`;
    await tx
      .deleteFrom('pii_spans')
      .where('workspace_id', '=', workspaceId)
      .where((eb) =>
        eb.or([
          isAnyOf('customer_id', customerIds),
          isAnyOf('ticket_id', ticketIds),
          owned('customer', customerIds),
          owned('identity', identityIds),
          owned('ticket', ticketIds),
          owned('message', messageIds),
          owned(
            'attachment',
            attachments.map((row) => row.id),
          ),
        ]),
      )
      .execute();

    await tx
      .updateTable('ticket_messages')
      .set({ body: ERASED_TEXT, anonymized_at: sql<Date>`coalesce(anonymized_at, now())` })
      .where('workspace_id', '=', workspaceId)
      .where(isAnyOf('id', messageIds))
      .execute();
    // Number, status, priority, type, channel, times, assignee and team stay for the statistics; the version
    // moves on so that an agent's edit form still open on the old text cannot write it back.
    await tx
      .updateTable('tickets')
      .set({
        subject: ERASED_TEXT,
        description: '',
        custom_fields: '{}',
        order_numbers: [],
        search_tokens: '',
        anonymized_at: sql<Date>`coalesce(anonymized_at, now())`,
        version: sql<number>`version + 1`,
      })
      .where('workspace_id', '=', workspaceId)
      .where(isAnyOf('id', ticketIds))
      .execute();
    // Before the profile's number hash is cleared below: calls are found by it too.
    const calls = await eraseCallRecords(tx, { workspaceId, customerIds, ticketIds });
    await scrubTimeline(tx, workspaceId, ticketIds);
    // A confirmed type's lesson holds the ticket's words: taken back from the classifier's counts too.
    await forgetTickets(tx, { workspaceId, ticketIds });

    const erased = await tx
      .updateTable('customers')
      .set({
        name: ERASED_CUSTOMER_NAME,
        nickname: '',
        company: '',
        notes: '',
        tags: [],
        attributes: '{}',
        phone: null,
        email: null,
        phone_hash: null,
        email_hash: null,
        search_tokens: '',
        erased_at: sql<Date>`now()`,
        updated_at: sql<Date>`now()`,
      })
      .where('workspace_id', '=', workspaceId)
      .where(isAnyOf('id', customerIds))
      .returning(['id', 'erased_at'])
      .execute();
    const result: ErasureResult = {
      customerNumber: customer.number,
      tickets: ticketIds.length,
      messages: messageIds.length,
      attachments: attachments.length,
      calls,
      erasedAt: erased.find((row) => row.id === customer.id)?.erased_at ?? new Date(),
    };
    await recordAudit(tx, {
      workspaceId,
      actorUserId: options.actor.userId,
      action: 'pii.customer_erased',
      targetType: 'customer',
      targetId: customer.id,
      detail: {
        customerNumber: result.customerNumber,
        mergedRecords: customerIds.length - 1,
        tickets: result.tickets,
        messages: result.messages,
        attachments: result.attachments,
        calls: result.calls,
        identities: identityIds.length,
      },
      ip: options.ip,
    });
    return { result, customerIds, storageKeys: attachments.map((row) => row.storage_key) };
  });

  for (const storageKey of storageKeys) {
    fs.rmSync(attachmentPath({ root: storage.attachmentsRoot, maxBytes: 0 }, { storage_key: storageKey }), {
      force: true,
    });
  }
  await removeExports(db, storage, { workspaceId, customerIds });
  await purgeDeadText(db, ERASED_TABLES, options.log);
  return result;
}

/** Replaces free text in the tickets' `field_changed` entries (an old subject or description). */
export async function scrubTimeline(
  tx: Kysely<Database>,
  workspaceId: string,
  ticketIds: string[],
  onlyFields?: readonly string[],
): Promise<void> {
  const events = await tx
    .selectFrom('ticket_events')
    .select(['id', 'kind', 'data'])
    .where('workspace_id', '=', workspaceId)
    .where(isAnyOf('ticket_id', ticketIds))
    .where('kind', '=', 'field_changed')
    .execute();
  for (const event of events) {
    const scrubbed = scrubEventData(event.kind, event.data, onlyFields);
    if (!scrubbed) continue;
    await tx
      .updateTable('ticket_events')
      .set({ data: JSON.stringify(scrubbed) })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', event.id)
      .execute();
  }
}
