/**
 * Where a pull-style platform left off (WeCom `kf/sync_msg`'s next_cursor). Saved only after the messages it
 * covers are committed, so a crash re-reads them and the intake answers them `duplicate`.
 */
import type { Database } from '@server/db/schema';
import { type Kysely, sql } from 'kysely';

export interface CursorKey {
  workspaceId: string;
  channelAccountId: string;
  /** What the cursor is for within the account (a WeCom open_kfid). */
  scope: string;
}

export async function readSyncCursor(db: Kysely<Database>, key: CursorKey): Promise<string | null> {
  const row = await db
    .selectFrom('platform_sync_cursors')
    .select('cursor')
    .where('workspace_id', '=', key.workspaceId)
    .where('channel_account_id', '=', key.channelAccountId)
    .where('scope', '=', key.scope)
    .executeTakeFirst();
  return row?.cursor ?? null;
}

export async function saveSyncCursor(db: Kysely<Database>, key: CursorKey, cursor: string): Promise<void> {
  await db
    .insertInto('platform_sync_cursors')
    .values({
      workspace_id: key.workspaceId,
      channel_account_id: key.channelAccountId,
      scope: key.scope,
      cursor,
    })
    .onConflict((conflict) =>
      conflict.columns(['channel_account_id', 'scope']).doUpdateSet({ cursor, updated_at: sql<Date>`now()` }),
    )
    .execute();
}
