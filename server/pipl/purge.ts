import type { Database } from '@server/db/schema';
import type { FastifyBaseLogger } from 'fastify';
import { type Kysely, sql } from 'kysely';

/** Indexes whose keys are customer text: names, channel ids, search words, order numbers. */
const TEXT_INDEXES = [
  'customers_search_idx',
  'customers_name_trgm_idx',
  'customers_phone_trgm_idx',
  'customer_identities_workspace_id_channel_external_id_key',
  'tickets_search_idx',
  'tickets_order_numbers_idx',
];

/**
 * After an erasure or a retention run has committed: VACUUM the tables it rewrote so dead row versions go, then
 * rebuild the indexes that hold customer text, because VACUUM leaves a GIN key on its page when no row points at
 * it any more and a b-tree's freed bytes in place. The rebuild is concurrent, so the desk keeps reading and
 * writing (about 7 s for a million tickets, docs/performance.md). Neither can run inside a transaction; a failure
 * is logged rather than undoing what was already erased (autovacuum reaches the dead rows later).
 */
export async function purgeDeadText(
  db: Kysely<Database>,
  tables: readonly string[],
  log?: Pick<FastifyBaseLogger, 'warn'>,
): Promise<void> {
  try {
    await sql.raw(`VACUUM ${tables.join(', ')}`).execute(db);
  } catch (error) {
    log?.warn({ err: error }, 'vacuum after removing personal data failed');
  }
  for (const index of TEXT_INDEXES) {
    try {
      await sql.raw(`REINDEX INDEX CONCURRENTLY ${index}`).execute(db);
    } catch (error) {
      log?.warn({ err: error, index }, 'rebuilding an index after removing personal data failed');
    }
  }
}
