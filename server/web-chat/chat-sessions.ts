/**
 * One chat session per web-chat ticket: waiting until an agent picks it up, active, then ended (by the agent or the
 * visitor), when the customer is asked to rate it. Ending a chat resolves its ticket and lets go of the
 * conversation, so the visitor's next message starts a new chat with a new ticket.
 */
import type { Database } from '@server/db/schema';
import type { ChatState } from '@server/db/web-chat-tables';
import { conflict, HttpProblem } from '@server/http/problem';
import { publishRealtime, type RealtimeEvent } from '@server/realtime/publish';
import { writeAutomatedMessages } from '@server/routing/auto-messages';
import type { SlaTracker } from '@server/sla/tracker';
import { recordTicketEvent } from '@server/tickets/events';
import { statusTimestamps } from '@server/tickets/update-ticket';
import type { TicketStatus } from '@shared/tickets';
import { type Kysely, sql } from 'kysely';

export const chatNotFound = () => new HttpProblem(404, 'chat_not_found', 'No web chat has this ticket');

/**
 * Opens the chat of a ticket the visitor's message just created (or finds it), and writes the welcome message
 * into it the first time. Called after the message is committed; calling it again is harmless.
 */
export async function openChat(
  db: Kysely<Database>,
  options: {
    workspaceId: string;
    ticketId: string;
    conversationId: string;
    visitorId: string;
    welcome: string;
  },
): Promise<boolean> {
  const { workspaceId } = options;
  // Every visitor message comes here; all but a new ticket's first find their chat open and need no transaction.
  const existing = await db
    .selectFrom('web_chat_sessions')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', options.ticketId)
    .executeTakeFirst();
  if (existing) return false;
  return db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto('web_chat_sessions')
      .values({
        workspace_id: workspaceId,
        ticket_id: options.ticketId,
        conversation_id: options.conversationId,
        visitor_id: options.visitorId,
      })
      .onConflict((oc) => oc.columns(['workspace_id', 'ticket_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return false;
    const events = options.welcome.trim()
      ? await writeAutomatedMessages(tx, workspaceId, [
          {
            ticketId: options.ticketId,
            conversationId: options.conversationId,
            channel: 'web_chat',
            body: options.welcome,
          },
        ])
      : [];
    await publishRealtime(tx, workspaceId, [
      ...events,
      { kind: 'chat.updated', ticketId: options.ticketId, data: { state: 'waiting' } },
    ]);
    return true;
  });
}

async function lockSession(tx: Kysely<Database>, workspaceId: string, ticketId: string) {
  const session = await tx
    .selectFrom('web_chat_sessions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .forUpdate()
    .executeTakeFirst();
  if (!session) throw chatNotFound();
  return session;
}

/**
 * Marks the chat as picked up by this agent; only one agent can. Returns false when this agent already had it
 * (nothing more to do), throws 409 when a colleague did.
 */
export async function claimChat(
  db: Kysely<Database>,
  options: { workspaceId: string; ticketId: string; userId: string },
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const session = await lockSession(tx, options.workspaceId, options.ticketId);
    if (session.state === 'ended') throw conflict('chat_ended', 'This chat has ended');
    if (session.picked_up_by === options.userId) return false;
    if (session.picked_up_by) {
      throw conflict('chat_taken', 'A colleague has already picked up this chat');
    }
    await tx
      .updateTable('web_chat_sessions')
      .set({
        state: 'active',
        picked_up_by: options.userId,
        picked_up_at: sql<Date>`now()`,
        updated_at: sql<Date>`now()`,
      })
      .where('workspace_id', '=', options.workspaceId)
      .where('id', '=', session.id)
      .execute();
    await recordTicketEvent(tx, {
      workspaceId: options.workspaceId,
      ticketId: options.ticketId,
      actorUserId: options.userId,
      kind: 'chat_picked_up',
    });
    await publishRealtime(tx, options.workspaceId, [
      { kind: 'chat.updated', ticketId: options.ticketId, data: { state: 'active' } },
    ]);
    return true;
  });
}

/** A transfer hands the chat to the new owner: the visitor sees who is helping them now. */
export async function handOverChat(
  tx: Kysely<Database>,
  options: { workspaceId: string; ticketId: string; userId: string | null },
): Promise<void> {
  const updated = await tx
    .updateTable('web_chat_sessions')
    .set({ picked_up_by: options.userId, updated_at: sql<Date>`now()` })
    .where('workspace_id', '=', options.workspaceId)
    .where('ticket_id', '=', options.ticketId)
    .where('state', '=', 'active')
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) {
    await publishRealtime(tx, options.workspaceId, [
      { kind: 'chat.updated', ticketId: options.ticketId, data: { state: 'active' } },
    ]);
  }
}

const RESOLVABLE: readonly TicketStatus[] = ['new', 'open', 'pending_customer', 'pending_internal'];

/** Ends the chat: the ticket is resolved, the conversation let go, the visitor asked to rate. */
export async function endChat(
  db: Kysely<Database>,
  options: {
    workspaceId: string;
    ticketId: string;
    by: 'agent' | 'visitor';
    actorUserId: string | null;
    sla: SlaTracker;
  },
): Promise<void> {
  const { workspaceId, ticketId } = options;
  await db.transaction().execute(async (tx) => {
    const session = await lockSession(tx, workspaceId, ticketId);
    if (session.state === 'ended') return;
    const ticket = await tx
      .selectFrom('tickets')
      .select(['id', 'status', 'version'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', ticketId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('web_chat_sessions')
      .set({ state: 'ended', ended_at: sql<Date>`now()`, ended_by: options.by, updated_at: sql<Date>`now()` })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', session.id)
      .execute();
    await recordTicketEvent(tx, {
      workspaceId,
      ticketId,
      actorUserId: options.actorUserId,
      kind: 'chat_ended',
      data: { by: options.by },
    });
    const events: RealtimeEvent[] = [
      { kind: 'chat.updated', ticketId, data: { state: 'ended' satisfies ChatState } },
    ];
    if (RESOLVABLE.includes(ticket.status)) {
      await tx
        .updateTable('tickets')
        .set({
          status: 'resolved',
          version: ticket.version + 1,
          updated_at: sql<Date>`now()`,
          ...statusTimestamps('resolved'),
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', ticketId)
        .execute();
      await recordTicketEvent(tx, {
        workspaceId,
        ticketId,
        actorUserId: options.actorUserId,
        kind: 'status_changed',
        data: { from: ticket.status, to: 'resolved', reason: 'chat_ended' },
      });
      const at = options.sla.now();
      await options.sla.track(
        tx,
        workspaceId,
        [{ ticketId, events: [{ kind: 'status_changed', from: ticket.status, to: 'resolved', at }] }],
        { ticketsLocked: true },
      );
      events.push({ kind: 'ticket.updated', ticketId, data: { status: 'resolved' } });
    }
    // The visitor's next message opens a new ticket (a new chat) instead of reopening this one.
    await tx
      .updateTable('channel_conversations')
      .set({ ticket_id: null, updated_at: sql<Date>`now()` })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', session.conversation_id)
      .where('ticket_id', '=', ticketId)
      .execute();
    await publishRealtime(tx, workspaceId, events);
  });
}

/** Whether the ticket is a web chat still waiting or going on. */
export async function hasLiveChat(
  tx: Kysely<Database>,
  workspaceId: string,
  ticketId: string,
): Promise<boolean> {
  const row = await tx
    .selectFrom('web_chat_sessions')
    .select('state')
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .where('state', '<>', 'ended')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The chats of tickets merged into another, in the merge's transaction: one whose conversation the target took over
 * moves to the target and goes on (the visitor keeps chatting, now on the target's number); the others end, leaving
 * the live list. The events are the merge's to publish with its own.
 */
export async function settleMergedChats(
  tx: Kysely<Database>,
  workspaceId: string,
  options: {
    targetId: string;
    sourceIds: string[];
    targetConversationId: string | null;
    targetHasChat: boolean;
  },
): Promise<RealtimeEvent[]> {
  if (options.sourceIds.length === 0) return [];
  const live = await tx
    .selectFrom('web_chat_sessions')
    .select(['id', 'ticket_id', 'conversation_id'])
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', 'in', options.sourceIds)
    .where('state', '<>', 'ended')
    .execute();
  const events: RealtimeEvent[] = [];
  const continuing = options.targetHasChat
    ? undefined
    : live.find((session) => session.conversation_id === options.targetConversationId);
  if (continuing) {
    // The target's own ended chat (if any) gives way: one chat per ticket.
    await tx
      .deleteFrom('web_chat_sessions')
      .where('workspace_id', '=', workspaceId)
      .where('ticket_id', '=', options.targetId)
      .execute();
    await tx
      .updateTable('web_chat_sessions')
      .set({ ticket_id: options.targetId, updated_at: sql<Date>`now()` })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', continuing.id)
      .execute();
    events.push({ kind: 'chat.updated', ticketId: options.targetId, data: { merged: true } });
  }
  const ending = live.filter((session) => session !== continuing).map((session) => session.id);
  if (ending.length > 0) {
    await tx
      .updateTable('web_chat_sessions')
      .set({ state: 'ended', ended_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', ending)
      .execute();
  }
  for (const session of live) {
    if (session !== continuing)
      events.push({ kind: 'chat.updated', ticketId: session.ticket_id, data: { state: 'ended' } });
  }
  return events;
}
