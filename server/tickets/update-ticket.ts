import type { Principal } from '@server/auth/principal';
import type { Database, TicketRow, TicketsTable } from '@server/db/schema';
import { conflict, forbidden, HttpProblem, unprocessable } from '@server/http/problem';
import type { PersonalDataVault } from '@server/privacy/vault';
import { publishRealtime } from '@server/realtime/publish';
import { classificationTokens, learnTicketType } from '@server/routing/classifier/model';
import type { TicketRouter } from '@server/routing/route-tickets';
import { unionTokens } from '@server/search/segmenter';
import { slaEventsOfEdit } from '@server/sla/ticket-events';
import type { SlaTracker } from '@server/sla/tracker';
import { can } from '@shared/permissions';
import { checkStatusTransition, type TicketStatus } from '@shared/tickets';
import type { Updateable } from 'kysely';
import { type Kysely, sql } from 'kysely';
import { ticketSearchTokens } from './create-ticket';
import { recordTicketEvent } from './events';
import { maskTicketEdit } from './personal-data';
import { assertTicketReferences } from './references';
import { loadTicket, lockTicket, type TicketWithRefs } from './repo';
import type { TicketChanges } from './schema';
import { assertKnownType, getTicketConfig } from './ticket-config';

/** Request fields → columns; the timeline names fields the way the API does. */
const COLUMNS = {
  subject: 'subject',
  description: 'description',
  type: 'type',
  subtype: 'subtype',
  priority: 'priority',
  customerId: 'customer_id',
  teamId: 'team_id',
  collaboratorIds: 'collaborator_ids',
  needsCollaboration: 'needs_collaboration',
  collaborationDepartmentIds: 'collaboration_department_ids',
  tags: 'tags',
  customFields: 'custom_fields',
  orderNumbers: 'order_numbers',
  productModel: 'product_model',
} as const satisfies Partial<Record<keyof TicketChanges, keyof TicketRow>>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export class VersionConflict extends HttpProblem {
  constructor(currentVersion: number) {
    super(
      409,
      'version_conflict',
      `Someone changed this ticket meanwhile (now version ${currentVersion}); reload and try again`,
    );
  }
}

export function assertNotMerged(ticket: TicketRow): void {
  if (ticket.merged_into_id)
    throw conflict('ticket_merged', 'This ticket was merged into another; change that one');
}

/** Columns set when a ticket enters a status (resolution and closing times; reopening clears them). */
export function statusTimestamps(to: TicketStatus): Updateable<TicketsTable> {
  if (to === 'resolved') return { resolved_at: sql<Date>`now()` as never, closed_at: null };
  if (to === 'closed') return { closed_at: sql<Date>`now()` as never };
  return { resolved_at: null, closed_at: null };
}

/**
 * Applies an agent's edit. The edit names the version it was based on: a stale one is refused with 409 rather
 * than silently overwriting a colleague. Every changed field lands in the timeline in the same transaction.
 */
export async function updateTicket(
  db: Kysely<Database>,
  options: {
    actor: Principal;
    ticketId: string;
    version: number;
    changes: TicketChanges;
    vault: PersonalDataVault;
    sla: SlaTracker;
    /** Evaluates the `ticket_updated` rules on the edited ticket, in the edit's transaction. */
    routing?: TicketRouter;
  },
): Promise<TicketWithRefs> {
  const { actor } = options;
  const { workspaceId } = actor;
  if (options.changes.assigneeId !== undefined && !can(actor.role, 'tickets', 'assign')) {
    throw forbidden('Your role cannot assign tickets');
  }
  const config = await getTicketConfig(db, workspaceId);
  await assertTicketReferences(db, workspaceId, options.changes);
  const masked = await maskTicketEdit(
    db,
    options.vault,
    { workspaceId, ticketId: options.ticketId },
    options.changes,
  );
  const { changes } = masked;

  await db.transaction().execute(async (tx) => {
    const current = await lockTicket(tx, { workspaceId, ticketId: options.ticketId });
    assertNotMerged(current);
    // The masks were computed against the texts of `basedOnVersion`: that must be the version the edit is about.
    if (current.version !== options.version || (masked.basedOnVersion ?? current.version) !== current.version)
      throw new VersionConflict(current.version);
    const owner = {
      workspaceId,
      ownerType: 'ticket' as const,
      ownerId: current.id,
      ticketId: current.id,
      customerId: changes.customerId === undefined ? current.customer_id : changes.customerId,
    };
    await options.vault.replaceSpans(tx, owner, masked.fields, masked.spans);

    const update: Updateable<TicketsTable> = {};
    const events: { kind: 'field_changed' | 'status_changed' | 'assigned'; data: Record<string, unknown> }[] =
      [];
    for (const [field, column] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, keyof TicketRow][]) {
      const next = changes[field];
      if (next === undefined || same(next, current[column])) continue;
      (update as Record<string, unknown>)[column] = field === 'customFields' ? JSON.stringify(next) : next;
      events.push({ kind: 'field_changed', data: { field, from: current[column], to: next } });
    }
    // A person setting the priority overrides the reason routing gave for the old one.
    if ('priority' in update) update.priority_reason = null;
    if ('type' in update || 'subtype' in update) {
      const type = changes.type === undefined ? current.type : changes.type;
      // A new type without a sub-type drops the old sub-type, which belonged to the old type.
      const typeChanged = type !== current.type;
      const subtype = changes.subtype !== undefined ? changes.subtype : typeChanged ? null : current.subtype;
      assertKnownType(config, type, subtype);
      if (subtype !== current.subtype && !('subtype' in update)) {
        update.subtype = subtype;
        events.push({
          kind: 'field_changed',
          data: { field: 'subtype', from: current.subtype, to: subtype },
        });
      }
    }
    if (changes.assigneeId !== undefined && changes.assigneeId !== current.assignee_id) {
      update.assignee_id = changes.assigneeId;
      // The first person a ticket is given to stays its first owner 第一责任人 (seed 002).
      if (!current.first_owner_id && changes.assigneeId) update.first_owner_id = changes.assigneeId;
      events.push({ kind: 'assigned', data: { from: current.assignee_id, to: changes.assigneeId } });
    }
    if (changes.status !== undefined && changes.status !== current.status) {
      const check = checkStatusTransition(current.status, changes.status, {
        mayReopenClosed: can(actor.role, 'tickets', 'reopen_closed'),
      });
      if (!check.allowed) {
        if (check.reason === 'closed_needs_supervisor')
          throw forbidden('Only a supervisor can reopen a closed ticket', 'closed_needs_supervisor');
        throw unprocessable(
          'illegal_transition',
          `A ticket cannot go from ${current.status} to ${changes.status}`,
          [{ path: 'body/status', message: `Not allowed from ${current.status}` }],
        );
      }
      Object.assign(update, { status: changes.status }, statusTimestamps(changes.status));
      events.push({ kind: 'status_changed', data: { from: current.status, to: changes.status } });
    }
    if (events.length === 0) return;
    if ('subject' in update || 'description' in update || 'product_model' in update) {
      // Added to, not rebuilt: the document also holds the thread's words (an old subject's words may linger).
      update.search_tokens = unionTokens(
        current.search_tokens,
        ticketSearchTokens({
          subject: changes.subject ?? current.subject,
          description: changes.description ?? current.description,
          productModel: changes.productModel === undefined ? current.product_model : changes.productModel,
        }).split(' '),
      );
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
    if ('customer_id' in update) {
      // The customer's words on this ticket, and their sealed originals, now belong to the new customer: an export
      // or an erasure of either customer must see the ticket as it is now.
      await tx
        .updateTable('ticket_messages')
        .set({ customer_id: update.customer_id ?? null })
        .where('workspace_id', '=', workspaceId)
        .where('ticket_id', '=', current.id)
        .where('direction', '=', 'inbound')
        .execute();
      await tx
        .updateTable('pii_spans')
        .set({ customer_id: update.customer_id ?? null })
        .where('workspace_id', '=', workspaceId)
        .where('ticket_id', '=', current.id)
        .execute();
    }
    for (const event of events) {
      await recordTicketEvent(tx, { workspaceId, ticketId: current.id, actorUserId: actor.userId, ...event });
    }
    const learntType = 'type' in update ? update.type : 'subtype' in update ? current.type : null;
    if (learntType) {
      // An agent choosing the type is the classifier's teacher: the next similar request is suggested this type.
      await learnTicketType(tx, {
        workspaceId,
        ticketId: current.id,
        type: learntType,
        subtype: 'subtype' in update ? (update.subtype ?? null) : current.subtype,
        tokens: await classificationTokens(tx, current),
      });
    }
    const keep = (
      [
        ['type', 'type'],
        ['subtype', 'type'],
        ['priority', 'priority'],
        ['team_id', 'team'],
        ['assignee_id', 'assignee'],
      ] as const
    ).flatMap(([column, field]) => (column in update ? [field] : []));
    const routed = await options.routing?.route(tx, {
      workspaceId,
      trigger: 'ticket_updated',
      inputs: [{ ticketId: current.id, text: '', tokens: [], keep }],
      actorUserId: actor.userId,
    });
    // A ticket that waited in the queue got its first owner: the customer hears who follows up (seed 001).
    const acknowledged =
      update.first_owner_id && options.routing
        ? await options.routing.acknowledgeFirstOwner(tx, {
            workspaceId,
            ticketId: current.id,
            assigneeId: update.first_owner_id,
          })
        : [];
    const statusChange = update.status ? { from: current.status, to: update.status as TicketStatus } : null;
    const changedColumns = [...Object.keys(update), ...(routed?.changedColumns.get(current.id) ?? [])];
    await options.sla.track(
      tx,
      workspaceId,
      [{ ticketId: current.id, events: slaEventsOfEdit(changedColumns, statusChange, options.sla.now()) }],
      { ticketsLocked: true },
    );
    await publishRealtime(tx, workspaceId, [
      { kind: 'ticket.updated', ticketId: current.id, data: { changes: events.map((event) => event.kind) } },
      ...(routed?.realtime ?? []),
      ...acknowledged,
    ]);
  });
  return (await loadTicket(db, { workspaceId, ticketId: options.ticketId })) as TicketWithRefs;
}
