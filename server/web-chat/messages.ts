/**
 * What the widget shows of a conversation: the customer's and the team's messages of its tickets (never internal
 * notes), with the files they carry and the agent who wrote each reply.
 */
import type { Database } from '@server/db/schema';
import type { WidgetMessage } from '@shared/web-chat';
import { type Kysely, sql } from 'kysely';

/** A first connection shows this much history; a reconnection everything after the last message it saw. */
export const HISTORY_LIMIT = 200;
const CATCH_UP_LIMIT = 2000;
/**
 * A message's created_at is when its transaction began, not when it committed: one that committed after a newer
 * one the widget has seen would fall behind `after`. Reading from this long before `after` covers it; the widget
 * drops the messages it already shows by id.
 */
const COMMIT_SKEW = '30 seconds';

type MessageQuery = {
  workspaceId: string;
  /** Messages of the conversation's tickets… */
  conversationId?: string;
  /** …or exactly these. */
  messageIds?: string[];
  /** Only the ones after this message (the widget's `after`). */
  after?: string | null;
};

export async function loadWidgetMessages(
  db: Kysely<Database>,
  query: MessageQuery,
): Promise<WidgetMessage[]> {
  let select = db
    .selectFrom('ticket_messages as m')
    .innerJoin('tickets as t', (join) =>
      join.onRef('t.id', '=', 'm.ticket_id').onRef('t.workspace_id', '=', 'm.workspace_id'),
    )
    .leftJoin('users as u', (join) =>
      join.onRef('u.id', '=', 'm.author_user_id').onRef('u.workspace_id', '=', 'm.workspace_id'),
    )
    .select([
      'm.id',
      'm.direction',
      'm.body',
      'm.author_user_id',
      'm.created_at',
      't.number',
      'u.name as author_name',
      'u.employee_no',
    ])
    .where('m.workspace_id', '=', query.workspaceId)
    .where('m.direction', 'in', ['inbound', 'outbound']);
  if (query.conversationId) select = select.where('t.conversation_id', '=', query.conversationId);
  if (query.messageIds) {
    if (query.messageIds.length === 0) return [];
    select = select.where('m.id', 'in', query.messageIds);
  }
  if (query.after) {
    const after = query.after;
    select = select.where(({ eb, selectFrom }) =>
      eb(
        'm.created_at',
        '>',
        selectFrom('ticket_messages as a')
          .select(sql<Date>`a.created_at - ${COMMIT_SKEW}::interval`.as('since'))
          .where('a.workspace_id', '=', query.workspaceId)
          .where('a.id', '=', after),
      ),
    );
  }
  const rows = await select
    .orderBy('m.created_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(query.after ? CATCH_UP_LIMIT : HISTORY_LIMIT)
    .execute();
  rows.reverse();
  const files =
    rows.length === 0
      ? []
      : await db
          .selectFrom('attachments')
          .select(['id', 'message_id', 'filename', 'content_type', 'size_bytes'])
          .where('workspace_id', '=', query.workspaceId)
          .where(
            'message_id',
            'in',
            rows.map((row) => row.id),
          )
          .orderBy('created_at')
          .execute();
  return rows.map((row) => ({
    id: row.id,
    direction: row.direction as 'inbound' | 'outbound',
    text: row.body,
    attachments: files
      .filter((file) => file.message_id === row.id)
      .map((file) => ({
        id: file.id,
        filename: file.filename,
        contentType: file.content_type,
        sizeBytes: file.size_bytes,
        path: `/api/v1/widget/attachments/${file.id}`,
      })),
    author:
      row.direction === 'outbound' && row.author_user_id
        ? { name: row.author_name ?? '', employeeNo: row.employee_no ?? '' }
        : null,
    automated: row.direction === 'outbound' && row.author_user_id === null,
    ticketNumber: row.number,
    createdAt: row.created_at.toISOString(),
  }));
}

/** Whether the message exists in the workspace (an `after` the widget sent that we never stored is ignored). */
export async function messageExists(db: Kysely<Database>, workspaceId: string, messageId: string) {
  const row = await db
    .selectFrom('ticket_messages')
    .select(sql<number>`1`.as('one'))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', messageId)
    .executeTakeFirst();
  return row !== undefined;
}
