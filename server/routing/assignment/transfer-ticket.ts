import type { Principal } from '@server/auth/principal';
import type { Database, TicketsTable } from '@server/db/schema';
import { unprocessable } from '@server/http/problem';
import { notify } from '@server/notifications/service';
import type { PersonalDataVault } from '@server/privacy/vault';
import { publishRealtime } from '@server/realtime/publish';
import { indexTokens, unionTokens } from '@server/search/segmenter';
import type { SlaEvent } from '@server/sla/planner';
import { slaEventsOfEdit } from '@server/sla/ticket-events';
import type { SlaTracker } from '@server/sla/tracker';
import { recordTicketEvent } from '@server/tickets/events';
import { assertTicketReferences } from '@server/tickets/references';
import { loadTicket, lockTicket, type TicketWithRefs } from '@server/tickets/repo';
import { assertNotMerged } from '@server/tickets/update-ticket';
import { handOverChat } from '@server/web-chat/chat-sessions';
import { type Kysely, sql, type Updateable } from 'kysely';
import type { TicketRouter } from '../route-tickets';
import { chooseAssignees } from './choose-assignees';

/**
 * Hands a ticket to another person or team, with the reason. The first owner 第一责任人 stays (seed 002): a
 * transfer changes who works on it, not who answers for it. Sent to a team without a person, the team's own
 * strategy picks one (nobody online: it waits in the team's queue). The new assignee is notified; an optional
 * note for them lands in the thread as an internal note.
 */
export async function transferTicket(
  db: Kysely<Database>,
  options: {
    actor: Principal;
    ticketId: string;
    assigneeId?: string | null;
    teamId?: string | null;
    reason: string;
    note?: string;
    vault: PersonalDataVault;
    sla: SlaTracker;
    /** Sends the acceptance notice when the transfer gives a waiting ticket its first owner. */
    routing?: TicketRouter;
  },
): Promise<TicketWithRefs> {
  const { actor } = options;
  const { workspaceId } = actor;
  await assertTicketReferences(db, workspaceId, { assigneeId: options.assigneeId, teamId: options.teamId });
  // Masked before the transaction: sealing reads the workspace's keys, and transactions serialise when embedded.
  const note = options.note ? await options.vault.maskFields(workspaceId, { body: options.note }) : null;

  await db.transaction().execute(async (tx) => {
    const current = await lockTicket(tx, { workspaceId, ticketId: options.ticketId });
    assertNotMerged(current);
    const teamId = options.teamId === undefined ? current.team_id : options.teamId;
    let assigneeId = options.assigneeId === undefined ? null : options.assigneeId;
    if (options.assigneeId === undefined && teamId) {
      const decided = await chooseAssignees(tx, {
        workspaceId,
        // No customer: a transfer leaves the previous owner and the success manager behind on purpose.
        requests: [{ ticketId: current.id, teamId, customerId: null }],
        successManagerTiers: [],
        // Passing a ticket on never hands it back to the one passing it.
        excludeUserIds: current.assignee_id ? [current.assignee_id] : [],
      });
      assigneeId = decided.get(current.id)?.assigneeId ?? null;
    }
    if (assigneeId === current.assignee_id && teamId === current.team_id) {
      throw unprocessable('transfer_unchanged', 'The ticket already has this assignee and team', [
        { path: 'body', message: 'Name another person or team' },
      ]);
    }

    const update: Updateable<TicketsTable> = {};
    if (assigneeId !== current.assignee_id) update.assignee_id = assigneeId;
    if (teamId !== current.team_id) update.team_id = teamId;
    const firstOwnerId = current.first_owner_id ?? current.assignee_id ?? assigneeId;
    if (firstOwnerId !== current.first_owner_id) update.first_owner_id = firstOwnerId;
    const slaEvents: SlaEvent[] = slaEventsOfEdit(Object.keys(update), null, options.sla.now());

    await recordTicketEvent(tx, {
      workspaceId,
      ticketId: current.id,
      actorUserId: actor.userId,
      kind: 'transferred',
      data: {
        from: current.assignee_id,
        to: assigneeId,
        fromTeam: current.team_id,
        toTeam: teamId,
        reason: options.reason,
      },
    });
    if (note) {
      const message = await tx
        .insertInto('ticket_messages')
        .values({
          workspace_id: workspaceId,
          ticket_id: current.id,
          direction: 'note',
          channel: current.channel,
          author_user_id: actor.userId,
          customer_id: null,
          body: note.text.body,
          delivery_status: 'internal',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await options.vault.storeSpans(
        tx,
        {
          workspaceId,
          ownerType: 'message',
          ownerId: message.id,
          ticketId: current.id,
          customerId: current.customer_id,
        },
        note.spans,
      );
      await recordTicketEvent(tx, {
        workspaceId,
        ticketId: current.id,
        actorUserId: actor.userId,
        kind: 'message_added',
        data: { messageId: message.id, direction: 'note', attachments: 0 },
      });
      update.search_tokens = unionTokens(current.search_tokens, indexTokens(note.text.body));
      slaEvents.push({ kind: 'note', at: options.sla.now() });
    }
    await tx
      .updateTable('tickets')
      .set({
        ...update,
        version: current.version + 1,
        updated_at: sql<Date>`now()`,
        last_activity_at: sql<Date>`now()`,
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', current.id)
      .execute();
    await options.sla.track(tx, workspaceId, [{ ticketId: current.id, events: slaEvents }], {
      ticketsLocked: true,
    });
    if (assigneeId && assigneeId !== current.assignee_id && assigneeId !== actor.userId) {
      await notify(tx, workspaceId, [
        {
          userId: assigneeId,
          kind: 'ticket_assigned',
          ticketId: current.id,
          data: {
            ticketNumber: current.number,
            subject: current.subject,
            reason: options.reason,
            fromUserId: current.assignee_id,
            byUserId: actor.userId,
          },
        },
      ]);
    }
    // A live chat moves with its ticket: the visitor is shown who is helping them now.
    if (current.channel === 'web_chat' && assigneeId !== current.assignee_id) {
      await handOverChat(tx, { workspaceId, ticketId: current.id, userId: assigneeId });
    }
    const acknowledged =
      !current.first_owner_id && assigneeId && options.routing
        ? await options.routing.acknowledgeFirstOwner(tx, { workspaceId, ticketId: current.id, assigneeId })
        : [];
    await publishRealtime(tx, workspaceId, [
      { kind: 'ticket.updated', ticketId: current.id, data: { changes: ['transferred'] } },
      ...acknowledged,
    ]);
  });
  return (await loadTicket(db, { workspaceId, ticketId: options.ticketId })) as TicketWithRefs;
}
