import type { Principal } from '@server/auth/principal';
import type { Database } from '@server/db/schema';
import { forbidden, notFound } from '@server/http/problem';
import type { PersonalDataVault } from '@server/privacy/vault';
import { publishRealtime } from '@server/realtime/publish';
import type { TicketRouter } from '@server/routing/route-tickets';
import { indexTokens } from '@server/search/segmenter';
import type { SlaTracker } from '@server/sla/tracker';
import { can } from '@shared/permissions';
import type { TicketChannel, TicketPriority } from '@shared/tickets';
import type { Kysely } from 'kysely';
import { recordTicketEvent } from './events';
import { allocateDailySerial, formatDailyNumber } from './numbering';
import { applyMaskedTexts, ticketTexts } from './personal-data';
import { assertTicketReferences } from './references';
import { loadTicket, type TicketWithRefs } from './repo';
import { extractOrderNumbers, extractProductModel } from './text-extraction';
import { assertKnownType, getTicketConfig } from './ticket-config';

export interface NewTicket {
  subject: string;
  description: string;
  channel: TicketChannel;
  type?: string | null;
  subtype?: string | null;
  priority: TicketPriority;
  customerId?: string | null;
  assigneeId?: string | null;
  teamId?: string | null;
  tags: string[];
  customFields: Record<string, string | number | boolean | null>;
  orderNumbers?: string[];
  productModel?: string | null;
  needsCollaboration: boolean;
  collaborationDepartmentIds: string[];
  receivedAt?: string;
}

export function ticketSearchTokens(ticket: {
  subject: string;
  description: string;
  productModel: string | null;
}) {
  return indexTokens(`${ticket.subject}\n${ticket.productModel ?? ''}\n${ticket.description}`).join(' ');
}

/** Registers a request as a numbered ticket (seed 001: number = date + daily serial) and opens its timeline. */
export async function createTicket(
  db: Kysely<Database>,
  options: {
    actor: Principal;
    ticket: NewTicket;
    vault: PersonalDataVault;
    sla: SlaTracker;
    /** Classifies, prioritises and routes the new ticket in its transaction (rules apply however it was created). */
    routing?: TicketRouter;
  },
): Promise<TicketWithRefs> {
  const { actor, vault } = options;
  const { workspaceId } = actor;
  if (options.ticket.assigneeId && !can(actor.role, 'tickets', 'assign'))
    throw forbidden('Your role cannot assign tickets');
  const [config, workspace] = await Promise.all([
    getTicketConfig(db, workspaceId),
    db.selectFrom('workspaces').select('time_zone').where('id', '=', workspaceId).executeTakeFirst(),
    assertTicketReferences(db, workspaceId, options.ticket),
  ]);
  if (!workspace) throw notFound('Workspace');
  assertKnownType(config, options.ticket.type, options.ticket.subtype);
  // Personal data is masked before anything is stored or indexed; originals are sealed for audited reveal.
  const masked = await vault.maskFields(workspaceId, ticketTexts(options.ticket));
  const ticket = applyMaskedTexts(options.ticket, masked.text);

  const text = `${ticket.subject}\n${ticket.description}`;
  const orderNumbers = ticket.orderNumbers ?? extractOrderNumbers(text);
  const productModel = ticket.productModel === undefined ? extractProductModel(text) : ticket.productModel;
  const receivedAt = ticket.receivedAt ? new Date(ticket.receivedAt) : new Date();

  const id = await db.transaction().execute(async (tx) => {
    const { day, serial } = await allocateDailySerial(tx, {
      workspaceId,
      scope: 'ticket',
      timeZone: workspace.time_zone,
      at: receivedAt,
    });
    const row = await tx
      .insertInto('tickets')
      .values({
        workspace_id: workspaceId,
        number: formatDailyNumber(day, serial),
        subject: ticket.subject,
        description: ticket.description,
        channel: ticket.channel,
        type: ticket.type ?? null,
        subtype: ticket.subtype ?? null,
        priority: ticket.priority,
        customer_id: ticket.customerId ?? null,
        assignee_id: ticket.assigneeId ?? null,
        first_owner_id: ticket.assigneeId ?? null,
        team_id: ticket.teamId ?? null,
        tags: ticket.tags,
        custom_fields: JSON.stringify(ticket.customFields),
        order_numbers: orderNumbers,
        product_model: productModel,
        needs_collaboration: ticket.needsCollaboration,
        collaboration_department_ids: ticket.collaborationDepartmentIds,
        search_tokens: ticketSearchTokens({ ...ticket, productModel }),
        received_at: receivedAt,
        last_activity_at: receivedAt,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await vault.storeSpans(
      tx,
      { workspaceId, ownerType: 'ticket', ownerId: row.id, ticketId: row.id, customerId: ticket.customerId },
      masked.spans,
    );
    await recordTicketEvent(tx, {
      workspaceId,
      ticketId: row.id,
      actorUserId: actor.userId,
      kind: 'created',
      data: {
        channel: ticket.channel,
        priority: ticket.priority,
        ...(ticket.assigneeId ? { assigneeId: ticket.assigneeId } : {}),
      },
    });
    const routed = await options.routing?.route(tx, {
      workspaceId,
      trigger: 'ticket_created',
      inputs: [{ ticketId: row.id, text, tokens: indexTokens(text) }],
      actorUserId: actor.userId,
    });
    // A repeat of an open request was merged into it: the clocks run on that one.
    if (!routed?.merged.has(row.id)) {
      await options.sla.track(
        tx,
        workspaceId,
        [{ ticketId: row.id, events: [{ kind: 'created', at: options.sla.now() }] }],
        { ticketsLocked: true },
      );
    }
    await publishRealtime(tx, workspaceId, [
      { kind: 'ticket.created', ticketId: row.id },
      ...(routed?.realtime ?? []),
    ]);
    return row.id;
  });
  return (await loadTicket(db, { workspaceId, ticketId: id })) as TicketWithRefs;
}
