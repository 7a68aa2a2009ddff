/**
 * An agent confirms or corrects a ticket's type: the ticket takes it, the timeline says whether the suggestion was
 * right, and the classifier learns from it in the same transaction (a later correction takes the lesson back).
 */
import type { Principal } from '@server/auth/principal';
import type { Database } from '@server/db/schema';
import { publishRealtime } from '@server/realtime/publish';
import type { TicketRouter } from '@server/routing/route-tickets';
import { slaEventsOfEdit } from '@server/sla/ticket-events';
import type { SlaTracker } from '@server/sla/tracker';
import { recordTicketEvent } from '@server/tickets/events';
import { loadTicket, lockTicket, type TicketWithRefs } from '@server/tickets/repo';
import { assertKnownType, getTicketConfig } from '@server/tickets/ticket-config';
import { assertNotMerged, VersionConflict } from '@server/tickets/update-ticket';
import type { TypeSuggestion } from '@shared/routing';
import { type Kysely, sql } from 'kysely';
import { classificationTokens, learnTicketType } from './model';

/**
 * Whether the agent's choice agrees with the suggestion (or, without one, with the type the ticket had): the same
 * type, and the same sub-type unless the suggestion left it open.
 */
export function agreesWith(
  reference: { type: string | null; subtype: string | null },
  choice: { type: string; subtype: string | null },
): boolean {
  return (
    reference.type === choice.type && (reference.subtype === null || reference.subtype === choice.subtype)
  );
}

/** Sets the ticket's type and sub-type as the agent confirms or corrects them, and teaches the classifier. */
export async function confirmTicketType(
  db: Kysely<Database>,
  options: {
    actor: Principal;
    ticketId: string;
    type: string;
    subtype: string | null;
    /** The version the agent saw; a stale one is refused with 409. Left out: whatever the ticket is now. */
    version?: number;
    sla: SlaTracker;
    /** Evaluates the `ticket_updated` rules on the reclassified ticket, as any edit does. */
    routing?: TicketRouter;
  },
): Promise<TicketWithRefs> {
  const { actor, type, subtype } = options;
  const { workspaceId } = actor;
  assertKnownType(await getTicketConfig(db, workspaceId), type, subtype);

  await db.transaction().execute(async (tx) => {
    const current = await lockTicket(tx, { workspaceId, ticketId: options.ticketId });
    assertNotMerged(current);
    if (options.version !== undefined && options.version !== current.version)
      throw new VersionConflict(current.version);
    const suggestion = current.type_suggestion;
    const confirmed = agreesWith(suggestion ?? current, { type, subtype });
    const changed = [
      ...(type !== current.type ? ['type'] : []),
      ...(subtype !== current.subtype ? ['subtype'] : []),
    ];
    const judged: TypeSuggestion | null = suggestion ? { ...suggestion, accepted: confirmed } : null;
    await tx
      .updateTable('tickets')
      .set({
        type,
        subtype,
        type_suggestion: judged ? JSON.stringify(judged) : null,
        version: current.version + 1,
        updated_at: sql<Date>`now()`,
        last_activity_at: sql<Date>`now()`,
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', current.id)
      .execute();
    const kind = confirmed ? 'classification_confirmed' : 'classification_corrected';
    await recordTicketEvent(tx, {
      workspaceId,
      ticketId: current.id,
      actorUserId: actor.userId,
      kind,
      data: {
        from: { type: current.type, subtype: current.subtype },
        to: { type, subtype },
        suggestion: suggestion
          ? {
              type: suggestion.type,
              subtype: suggestion.subtype,
              confidence: suggestion.confidence,
              source: suggestion.source,
            }
          : null,
      },
    });
    await learnTicketType(tx, {
      workspaceId,
      ticketId: current.id,
      type,
      subtype,
      tokens: await classificationTokens(tx, current),
    });
    const routed = await options.routing?.route(tx, {
      workspaceId,
      trigger: 'ticket_updated',
      inputs: [{ ticketId: current.id, text: '', tokens: [] }],
      actorUserId: actor.userId,
    });
    const changedColumns = [...changed, ...(routed?.changedColumns.get(current.id) ?? [])];
    if (changedColumns.length > 0) {
      await options.sla.track(
        tx,
        workspaceId,
        [{ ticketId: current.id, events: slaEventsOfEdit(changedColumns, null, options.sla.now()) }],
        { ticketsLocked: true },
      );
    }
    await publishRealtime(tx, workspaceId, [
      { kind: 'ticket.updated', ticketId: current.id, data: { changes: [kind] } },
      ...(routed?.realtime ?? []),
    ]);
  });
  return (await loadTicket(db, { workspaceId, ticketId: options.ticketId })) as TicketWithRefs;
}
