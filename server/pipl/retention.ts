import fs from 'node:fs';
import { attachmentPath } from '@server/attachments/service';
import type { Database } from '@server/db/schema';
import { indexTokens, unionTokens } from '@server/search/segmenter';
import { ticketSearchTokens } from '@server/tickets/create-ticket';
import type { FastifyBaseLogger } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { isAnyOf } from './customer-data';
import { scrubTimeline } from './erase-customer';
import { purgeDeadText } from './purge';
import { RETAINED_TEXT, retentionMonthsOf } from './redaction';

/** What a retention run anonymises, or anonymised. */
export interface RetentionCounts {
  messages: number;
  ticketDescriptions: number;
  attachments: number;
}

// One transaction per batch: a run over years of history never holds the database (the embedded engine runs one
// transaction at a time) for longer than a few hundred rows take.
export const RETENTION_BATCH_SIZE = 500;
const TOKEN_BATCH_SIZE = 50;

/** The workspace's retention period in months (Settings → Privacy), or null when retention is off. */
export async function retentionMonths(db: Kysely<Database>, workspaceId: string): Promise<number | null> {
  const row = await db
    .selectFrom('workspaces')
    .select('settings')
    .where('id', '=', workspaceId)
    .executeTakeFirst();
  return retentionMonthsOf(row?.settings ?? null);
}

/** What a run with this cutoff would anonymise: the dry run. */
export async function countRetention(
  db: Kysely<Database>,
  options: { workspaceId: string; cutoff: Date },
): Promise<RetentionCounts> {
  const { workspaceId, cutoff } = options;
  const oldMessages = db
    .selectFrom('ticket_messages')
    .where('workspace_id', '=', workspaceId)
    .where('created_at', '<', cutoff)
    .where('anonymized_at', 'is', null);
  const [messages, descriptions, attachments] = await Promise.all([
    oldMessages.select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow(),
    db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('workspace_id', '=', workspaceId)
      .where('received_at', '<', cutoff)
      .where('description', '!=', '')
      .where('anonymized_at', 'is', null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('attachments')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('workspace_id', '=', workspaceId)
      .where('message_id', 'in', oldMessages.select('id'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    messages: Number(messages.count),
    ticketDescriptions: Number(descriptions.count),
    attachments: Number(attachments.count),
  };
}

/**
 * Anonymises what is older than the cutoff: message bodies (and the files sent with them), ticket descriptions,
 * and the sealed originals of their masks; each touched ticket's search document is rebuilt from what remains.
 * Batches of RETENTION_BATCH_SIZE rows, each its own transaction; rows another run holds are skipped, not waited
 * for, and counted only by whoever changed them. Stops between batches when `signal` aborts.
 */
export async function runRetention(
  db: Kysely<Database>,
  options: {
    workspaceId: string;
    cutoff: Date;
    attachmentsRoot: string;
    batchSize?: number;
    signal?: AbortSignal;
    log?: Pick<FastifyBaseLogger, 'warn'>;
  },
): Promise<RetentionCounts> {
  const { workspaceId, cutoff } = options;
  const batchSize = options.batchSize ?? RETENTION_BATCH_SIZE;
  const counts: RetentionCounts = { messages: 0, ticketDescriptions: 0, attachments: 0 };
  const store = { root: options.attachmentsRoot, maxBytes: 0 };

  while (!options.signal?.aborted) {
    const batch = await db.transaction().execute(async (tx) => {
      const rows = await tx
        .selectFrom('ticket_messages')
        .select(['id', 'ticket_id'])
        .where('workspace_id', '=', workspaceId)
        .where('created_at', '<', cutoff)
        .where('anonymized_at', 'is', null)
        .orderBy('created_at')
        .limit(batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      if (rows.length === 0) return undefined;
      const ids = rows.map((row) => row.id);
      await tx
        .updateTable('ticket_messages')
        .set({ body: RETAINED_TEXT, anonymized_at: sql<Date>`now()` })
        .where('workspace_id', '=', workspaceId)
        .where(isAnyOf('id', ids))
        .execute();
      // A logged call's notes are a masked copy of the message they were written as: they go with it.
      await tx
        .updateTable('call_records')
        .set({ notes: RETAINED_TEXT })
        .where('workspace_id', '=', workspaceId)
        .where(isAnyOf('message_id', ids))
        .execute();
      const files = await tx
        .deleteFrom('attachments')
        .where('workspace_id', '=', workspaceId)
        .where(isAnyOf('message_id', ids))
        .returning(['id', 'storage_key'])
        .execute();
      await tx
        .deleteFrom('pii_spans')
        .where('workspace_id', '=', workspaceId)
        .where((eb) =>
          eb.or([
            eb.and([eb('owner_type', '=', 'message'), isAnyOf('owner_id', ids)]),
            eb.and([
              eb('owner_type', '=', 'attachment'),
              isAnyOf(
                'owner_id',
                files.map((file) => file.id),
              ),
            ]),
          ]),
        )
        .execute();
      return { messages: rows.length, files, ticketIds: [...new Set(rows.map((row) => row.ticket_id))] };
    });
    if (!batch) break;
    for (const file of batch.files) fs.rmSync(attachmentPath(store, file), { force: true });
    await rebuildSearchTokens(db, workspaceId, batch.ticketIds);
    counts.messages += batch.messages;
    counts.attachments += batch.files.length;
  }

  while (!options.signal?.aborted) {
    const ticketIds = await db.transaction().execute(async (tx) => {
      const rows = await tx
        .updateTable('tickets')
        .set({ description: '', anonymized_at: sql<Date>`now()`, version: sql<number>`version + 1` })
        .where('workspace_id', '=', workspaceId)
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('tickets')
            .select('id')
            .where('workspace_id', '=', workspaceId)
            .where('received_at', '<', cutoff)
            .where('description', '!=', '')
            .where('anonymized_at', 'is', null)
            .limit(batchSize)
            .forUpdate()
            .skipLocked(),
        )
        .returning('id')
        .execute();
      const ids = rows.map((row) => row.id);
      if (ids.length === 0) return ids;
      await tx
        .deleteFrom('pii_spans')
        .where('workspace_id', '=', workspaceId)
        .where('owner_type', '=', 'ticket')
        .where('field', '=', 'description')
        .where(isAnyOf('owner_id', ids))
        .execute();
      // An edit of the description left its earlier texts in the timeline.
      await scrubTimeline(tx, workspaceId, ids, ['description']);
      return ids;
    });
    if (ticketIds.length === 0) break;
    await rebuildSearchTokens(db, workspaceId, ticketIds);
    counts.ticketDescriptions += ticketIds.length;
  }
  if (counts.messages + counts.ticketDescriptions > 0)
    await purgeDeadText(
      db,
      ['ticket_messages', 'tickets', 'ticket_events', 'attachments', 'pii_spans', 'call_records'],
      options.log,
    );
  return counts;
}

/**
 * A ticket's search document rebuilt from what it still holds: subject, description, product model, the
 * subjects and descriptions of tickets merged into it, and every message not anonymised. Words of anonymised text
 * stop finding the ticket. Each ticket is locked while rebuilt so that a message arriving meanwhile is not lost.
 */
export async function rebuildSearchTokens(
  db: Kysely<Database>,
  workspaceId: string,
  ticketIds: string[],
): Promise<void> {
  for (let at = 0; at < ticketIds.length; at += TOKEN_BATCH_SIZE) {
    const ids = ticketIds.slice(at, at + TOKEN_BATCH_SIZE);
    await db.transaction().execute(async (tx) => {
      const tickets = await tx
        .selectFrom('tickets')
        .select(['id', 'subject', 'description', 'product_model'])
        .where('workspace_id', '=', workspaceId)
        .where(isAnyOf('id', ids))
        .orderBy('id')
        .forUpdate()
        .execute();
      const [sources, messages] = await Promise.all([
        tx
          .selectFrom('tickets')
          .select(['merged_into_id', 'subject', 'description', 'product_model'])
          .where('workspace_id', '=', workspaceId)
          .where(isAnyOf('merged_into_id', ids))
          .execute(),
        tx
          .selectFrom('ticket_messages')
          .select(['ticket_id', 'body'])
          .where('workspace_id', '=', workspaceId)
          .where(isAnyOf('ticket_id', ids))
          .where('anonymized_at', 'is', null)
          .orderBy('created_at')
          .orderBy('id')
          .execute(),
      ]);
      for (const ticket of tickets) {
        let tokens = ticketSearchTokens({ ...ticket, productModel: ticket.product_model });
        for (const source of sources.filter((row) => row.merged_into_id === ticket.id)) {
          const words = ticketSearchTokens({ ...source, productModel: source.product_model });
          tokens = unionTokens(tokens, words.split(' ').filter(Boolean));
        }
        for (const message of messages.filter((row) => row.ticket_id === ticket.id))
          tokens = unionTokens(tokens, indexTokens(message.body));
        await tx
          .updateTable('tickets')
          .set({ search_tokens: tokens })
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', ticket.id)
          .execute();
      }
    });
  }
}
