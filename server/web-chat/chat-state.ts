/**
 * The chat as the widget shows it (who is helping, read receipts, the rating), and what the visitor does to it:
 * read the agent's messages, rate the ended chat.
 */
import type { Database } from '@server/db/schema';
import { conflict } from '@server/http/problem';
import { recordDeliveryReceipts } from '@server/outbox/deliveries';
import type { PersonalDataVault } from '@server/privacy/vault';
import { publishRealtime } from '@server/realtime/publish';
import { recordTicketEvent } from '@server/tickets/events';
import type { WidgetChat } from '@shared/web-chat';
import { type Kysely, sql } from 'kysely';

/** The conversation's newest chat, or its chat on one ticket. */
export async function loadWidgetChat(
  db: Kysely<Database>,
  options: { workspaceId: string; conversationId: string; ticketId?: string },
): Promise<(WidgetChat & { ticketId: string }) | null> {
  let query = db
    .selectFrom('web_chat_sessions as s')
    .innerJoin('tickets as t', (join) =>
      join.onRef('t.id', '=', 's.ticket_id').onRef('t.workspace_id', '=', 's.workspace_id'),
    )
    .innerJoin('web_chat_settings as w', 'w.workspace_id', 's.workspace_id')
    .leftJoin('users as u', (join) =>
      join.onRef('u.id', '=', 's.picked_up_by').onRef('u.workspace_id', '=', 's.workspace_id'),
    )
    .leftJoin('satisfaction_ratings as r', (join) =>
      join.onRef('r.ticket_id', '=', 's.ticket_id').onRef('r.workspace_id', '=', 's.workspace_id'),
    )
    .select([
      's.ticket_id',
      's.state',
      's.agent_read_at',
      't.number',
      'w.rating_scale',
      'u.name as agent_name',
      'u.employee_no',
      'r.score',
      'r.comment',
    ])
    .where('s.workspace_id', '=', options.workspaceId)
    .where('s.conversation_id', '=', options.conversationId);
  if (options.ticketId) query = query.where('s.ticket_id', '=', options.ticketId);
  const row = await query.orderBy('s.created_at', 'desc').limit(1).executeTakeFirst();
  if (!row) return null;
  return {
    ticketId: row.ticket_id,
    ticketNumber: row.number,
    state: row.state,
    agent: row.agent_name ? { name: row.agent_name, employeeNo: row.employee_no ?? '' } : null,
    agentReadAt: row.agent_read_at?.toISOString() ?? null,
    ratingScale: row.rating_scale,
    rating: row.score === null ? null : { score: row.score, comment: row.comment ?? '' },
  };
}

/** The agent has read the chat: the visitor sees 已读 under their messages. */
export async function markReadByAgent(db: Kysely<Database>, workspaceId: string, ticketId: string) {
  await db.transaction().execute(async (tx) => {
    const updated = await tx
      .updateTable('web_chat_sessions')
      .set({ agent_read_at: sql<Date>`now()` })
      .where('workspace_id', '=', workspaceId)
      .where('ticket_id', '=', ticketId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return;
    await publishRealtime(tx, workspaceId, [{ kind: 'chat.updated', ticketId, data: { read: 'agent' } }]);
  });
}

/** The visitor has seen the team's messages up to this one: their deliveries become `read`. */
export async function markReadByVisitor(
  db: Kysely<Database>,
  options: { workspaceId: string; conversationId: string; channelAccountId: string; upTo: string },
): Promise<void> {
  const { workspaceId } = options;
  const unread = await db
    .selectFrom('ticket_messages as m')
    .innerJoin('tickets as t', (join) =>
      join.onRef('t.id', '=', 'm.ticket_id').onRef('t.workspace_id', '=', 'm.workspace_id'),
    )
    .innerJoin('ticket_messages as upto', (join) =>
      join.onRef('upto.workspace_id', '=', 'm.workspace_id').on('upto.id', '=', options.upTo),
    )
    .innerJoin('outbound_deliveries as d', (join) =>
      join.onRef('d.message_id', '=', 'm.id').onRef('d.workspace_id', '=', 'm.workspace_id'),
    )
    .select('m.id')
    .where('m.workspace_id', '=', workspaceId)
    .where('t.conversation_id', '=', options.conversationId)
    .where('m.direction', '=', 'outbound')
    .where('d.state', 'in', ['queued', 'sending', 'sent', 'delivered'])
    .whereRef('m.created_at', '<=', 'upto.created_at')
    .limit(500)
    .execute();
  await db
    .updateTable('web_chat_sessions')
    .set({ visitor_read_at: sql<Date>`now()` })
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', options.conversationId)
    .where('state', '<>', 'ended')
    .execute();
  if (unread.length === 0) return;
  await recordDeliveryReceipts(db, {
    workspaceId,
    channelAccountId: options.channelAccountId,
    statuses: unread.map((row) => ({ idempotencyKey: `reply-${row.id}`, status: 'read' as const })),
  });
}

/** The customer's rating of the conversation's last ended chat; rating again replaces it. */
export async function rateChat(
  db: Kysely<Database>,
  vault: PersonalDataVault,
  options: { workspaceId: string; conversationId: string; score: number; comment: string },
): Promise<string> {
  const { workspaceId } = options;
  const masked = await vault.maskFields(workspaceId, { comment: options.comment.slice(0, 1000) });
  return db.transaction().execute(async (tx) => {
    const chat = await tx
      .selectFrom('web_chat_sessions as s')
      .innerJoin('tickets as t', (join) =>
        join.onRef('t.id', '=', 's.ticket_id').onRef('t.workspace_id', '=', 's.workspace_id'),
      )
      .innerJoin('web_chat_settings as w', 'w.workspace_id', 's.workspace_id')
      .select(['s.ticket_id', 's.state', 't.customer_id', 'w.rating_scale'])
      .where('s.workspace_id', '=', workspaceId)
      .where('s.conversation_id', '=', options.conversationId)
      .orderBy('s.created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!chat || chat.state !== 'ended')
      throw conflict('chat_not_ended', 'A chat can be rated once it has ended');
    const max = chat.rating_scale === 'three' ? 3 : 5;
    const score = Math.min(Math.max(Math.round(options.score), 1), max);
    await tx
      .insertInto('satisfaction_ratings')
      .values({
        workspace_id: workspaceId,
        ticket_id: chat.ticket_id,
        customer_id: chat.customer_id,
        channel: 'web_chat',
        scale: chat.rating_scale,
        score,
        comment: masked.text.comment,
      })
      .onConflict((oc) =>
        oc.columns(['workspace_id', 'ticket_id']).doUpdateSet({
          score,
          scale: chat.rating_scale,
          comment: masked.text.comment,
          updated_at: sql<Date>`now()`,
        }),
      )
      .execute();
    await recordTicketEvent(tx, {
      workspaceId,
      ticketId: chat.ticket_id,
      actorUserId: null,
      kind: 'satisfaction_rated',
      data: { score, scale: chat.rating_scale },
    });
    await publishRealtime(tx, workspaceId, [
      { kind: 'chat.updated', ticketId: chat.ticket_id, data: { rated: score } },
      { kind: 'ticket.updated', ticketId: chat.ticket_id, data: {} },
    ]);
    return chat.ticket_id;
  });
}
