/** Quick replies (快捷回复): canned texts agents insert into a chat or reply, ordered by the admins, each change audited. */
import { recordAudit } from '@server/audit/service';
import type { Principal } from '@server/auth/principal';
import type { Database } from '@server/db/schema';
import type { QuickReplyRow } from '@server/db/web-chat-tables';
import { HttpProblem, notFound, unprocessable } from '@server/http/problem';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { CreateQuickReplyBody, QuickReplyJson, UpdateQuickReplyBody } from './schema';

export function presentQuickReply(row: QuickReplyRow): QuickReplyJson {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    shortcut: row.shortcut,
    position: row.position,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function listQuickReplies(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('quick_replies')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('position')
    .orderBy('title')
    .execute();
}

async function audited(
  db: Kysely<Database>,
  actor: Principal,
  ip: string | null,
  action: string,
  targetId: string,
  detail: Record<string, unknown>,
) {
  await recordAudit(db, {
    workspaceId: actor.workspaceId,
    actorUserId: actor.userId,
    action,
    targetType: 'quick_reply',
    targetId,
    detail,
    ip,
  });
}

/** Changes to one workspace's list run one at a time, so two admins cannot give two replies the same shortcut. */
async function lockList(tx: Transaction<Database>, workspaceId: string) {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`kefu-quick-replies:${workspaceId}`}))`.execute(tx);
}

async function assertShortcutFree(
  tx: Transaction<Database>,
  workspaceId: string,
  shortcut: string | null | undefined,
  exceptId: string | null,
) {
  if (!shortcut) return;
  let query = tx
    .selectFrom('quick_replies')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('shortcut', '=', shortcut);
  if (exceptId) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst())
    throw new HttpProblem(
      409,
      'quick_reply_shortcut_taken',
      'Another quick reply already uses this shortcut',
      [{ path: 'body/shortcut', message: 'Another quick reply already uses this shortcut' }],
    );
}

export async function createQuickReply(
  db: Kysely<Database>,
  options: { actor: Principal; ip: string | null; reply: CreateQuickReplyBody },
) {
  const { actor, reply } = options;
  const row = await db.transaction().execute(async (tx) => {
    await lockList(tx, actor.workspaceId);
    await assertShortcutFree(tx, actor.workspaceId, reply.shortcut, null);
    // New replies go to the end of the list.
    const last = await tx
      .selectFrom('quick_replies')
      .select((eb) => eb.fn.max('position').as('position'))
      .where('workspace_id', '=', actor.workspaceId)
      .executeTakeFirst();
    return tx
      .insertInto('quick_replies')
      .values({
        workspace_id: actor.workspaceId,
        title: reply.title,
        body: reply.body,
        shortcut: reply.shortcut,
        position: last?.position == null ? 0 : Number(last.position) + 1,
        created_by: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  await audited(db, actor, options.ip, 'quick_reply.created', row.id, { title: row.title });
  return row;
}

export async function updateQuickReply(
  db: Kysely<Database>,
  options: { actor: Principal; ip: string | null; quickReplyId: string; changes: UpdateQuickReplyBody },
) {
  const { actor, changes } = options;
  const row = await db.transaction().execute(async (tx) => {
    await lockList(tx, actor.workspaceId);
    await assertShortcutFree(tx, actor.workspaceId, changes.shortcut, options.quickReplyId);
    return tx
      .updateTable('quick_replies')
      .set({ ...changes, updated_at: sql<Date>`now()` })
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', options.quickReplyId)
      .returningAll()
      .executeTakeFirst();
  });
  if (!row) throw notFound('Quick reply');
  await audited(db, actor, options.ip, 'quick_reply.updated', row.id, { fields: Object.keys(changes) });
  return row;
}

export async function deleteQuickReply(
  db: Kysely<Database>,
  options: { actor: Principal; ip: string | null; quickReplyId: string },
): Promise<void> {
  const row = await db
    .deleteFrom('quick_replies')
    .where('workspace_id', '=', options.actor.workspaceId)
    .where('id', '=', options.quickReplyId)
    .returning(['id', 'title'])
    .executeTakeFirst();
  if (!row) throw notFound('Quick reply');
  await audited(db, options.actor, options.ip, 'quick_reply.deleted', row.id, { title: row.title });
}

/** Puts the replies in the given order; the list must name every reply of the workspace once. */
export async function reorderQuickReplies(
  db: Kysely<Database>,
  options: { actor: Principal; ip: string | null; ids: string[] },
): Promise<void> {
  const { actor, ids } = options;
  await db.transaction().execute(async (tx) => {
    await lockList(tx, actor.workspaceId);
    const current = await tx
      .selectFrom('quick_replies')
      .select('id')
      .where('workspace_id', '=', actor.workspaceId)
      .execute();
    const known = new Set(current.map((row) => row.id));
    if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((id) => !known.has(id)))
      throw unprocessable('incomplete_order', 'Name every quick reply of the workspace exactly once', [
        { path: 'body/ids', message: 'Name every quick reply exactly once' },
      ]);
    // Positions start at 0, like new replies appended to an empty list.
    await sql`
      UPDATE quick_replies AS q SET position = v.position - 1, updated_at = now()
      FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS v(id, position)
      WHERE q.workspace_id = ${actor.workspaceId} AND q.id = v.id`.execute(tx);
  });
  await audited(db, actor, options.ip, 'quick_reply.reordered', actor.workspaceId, { count: ids.length });
}
