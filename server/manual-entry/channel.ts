import type { Database } from '@server/db/schema';
import type { Kysely } from 'kysely';
import { MANUAL_KIND } from './adapter';

/**
 * The workspace's channel account for requests registered by hand, created the first time one is registered: the
 * intake pipeline dedupes and threads by channel account like for any channel.
 */
export async function ensureManualChannel(db: Kysely<Database>, workspaceId: string): Promise<string> {
  const existing = await manualAccount(db, workspaceId);
  if (existing) return existing;
  return db.transaction().execute(async (tx) => {
    // Two first registrations at once: the workspace row lock lets one create and the other read what it made.
    await tx.selectFrom('workspaces').select('id').where('id', '=', workspaceId).forUpdate().execute();
    const raced = await manualAccount(tx, workspaceId);
    if (raced) return raced;
    const account = await tx
      .insertInto('channel_accounts')
      .values({
        workspace_id: workspaceId,
        kind: MANUAL_KIND,
        // Each registration names its own platform (store, phone, other); this one stands for "by hand".
        platform: 'other',
        name: '人工登记',
        // Nothing is signed: registrations come from logged-in agents.
        secret_ciphertext: '',
        secret_hint: '',
        callback_url: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return account.id;
  });
}

async function manualAccount(db: Kysely<Database>, workspaceId: string): Promise<string | null> {
  const row = await db
    .selectFrom('channel_accounts')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', MANUAL_KIND)
    .orderBy('created_at')
    .executeTakeFirst();
  return row?.id ?? null;
}
