/**
 * What routing needs to know of a batch of tickets, read inside the routing transaction with as few queries as
 * the rules ask for: the tickets with their customers (always), customer messages in the repeat window (for a
 * customer writing again), the SLA state (only when a rule looks at it).
 */
import { PREPARED } from '@server/db/named-statements';
import type { Database } from '@server/db/schema';
import type { PriorityReason, SlaConditionState } from '@shared/routing';
import type { TicketPriority } from '@shared/tickets';
import { type Kysely, sql } from 'kysely';

export interface TicketFacts {
  id: string;
  number: string;
  channel: string;
  subject: string;
  description: string;
  type: string | null;
  subtype: string | null;
  priority: TicketPriority;
  priorityReason: PriorityReason | null;
  teamId: string | null;
  assigneeId: string | null;
  firstOwnerId: string | null;
  tags: string[];
  orderNumbers: string[];
  customFields: Record<string, unknown>;
  conversationId: string | null;
  customerId: string | null;
  customerName: string;
  customerTier: string;
  customerTags: string[];
  collaborationDepartmentIds: string[];
  needsCollaboration: boolean;
  version: number;
}

export async function loadTicketFacts(
  tx: Kysely<Database>,
  workspaceId: string,
  ticketIds: readonly string[],
): Promise<Map<string, TicketFacts>> {
  if (ticketIds.length === 0) return new Map();
  const rows = await tx
    .selectFrom('tickets as t')
    .leftJoin('customers as c', (join) =>
      join.onRef('c.id', '=', 't.customer_id').onRef('c.workspace_id', '=', 't.workspace_id'),
    )
    .select([
      't.id',
      't.number',
      't.channel',
      't.subject',
      't.description',
      't.type',
      't.subtype',
      't.priority',
      't.priority_reason',
      't.team_id',
      't.assignee_id',
      't.first_owner_id',
      't.tags',
      't.order_numbers',
      't.custom_fields',
      't.conversation_id',
      't.customer_id',
      't.collaboration_department_ids',
      't.needs_collaboration',
      't.version',
      'c.name as customer_name',
      'c.nickname as customer_nickname',
      'c.tier as customer_tier',
      'c.tags as customer_tags',
    ])
    .where('t.workspace_id', '=', workspaceId)
    // An array rather than an IN list: one statement text whatever the batch's size, prepared once on PostgreSQL.
    .where('t.id', '=', sql<string>`ANY(${[...ticketIds]}::uuid[])`)
    .modifyEnd(PREPARED)
    .execute();
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        number: row.number,
        channel: row.channel,
        subject: row.subject,
        description: row.description,
        type: row.type,
        subtype: row.subtype,
        priority: row.priority,
        priorityReason: row.priority_reason,
        teamId: row.team_id,
        assigneeId: row.assignee_id,
        firstOwnerId: row.first_owner_id,
        tags: row.tags,
        orderNumbers: row.order_numbers,
        customFields: row.custom_fields,
        conversationId: row.conversation_id,
        customerId: row.customer_id,
        customerName: row.customer_name || row.customer_nickname || '',
        customerTier: row.customer_tier ?? 'normal',
        customerTags: row.customer_tags ?? [],
        collaborationDepartmentIds: row.collaboration_department_ids,
        needsCollaboration: row.needs_collaboration,
        version: row.version,
      },
    ]),
  );
}

/**
 * Customer messages per ticket within the last `minutes` (the one just written included), counted up to `atMost`:
 * the signal only asks whether a customer wrote that many times, and a busy thread must not make every new message
 * read its whole last five minutes.
 */
export async function countRecentCustomerMessages(
  tx: Kysely<Database>,
  workspaceId: string,
  ticketIds: readonly string[],
  options: { minutes: number; atMost: number },
): Promise<Map<string, number>> {
  if (ticketIds.length === 0) return new Map();
  const rows = await sql<{ ticket_id: string; n: number }>`
    SELECT t.id AS ticket_id, recent.n
    FROM unnest(${[...ticketIds]}::uuid[]) AS t(id)
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS n FROM (
        SELECT 1 FROM ticket_messages m
        WHERE m.workspace_id = ${workspaceId} AND m.ticket_id = t.id
          AND m.created_at > now() - make_interval(mins => ${options.minutes})
          AND m.direction = 'inbound'
        ORDER BY m.created_at DESC
        LIMIT ${options.atMost}
      ) AS newest
    ) AS recent`.execute(tx);
  return new Map(rows.rows.map((row) => [row.ticket_id, row.n]));
}

/** The worst state of each ticket's live SLA clocks: breached, else breaching soon (warning), else on track. */
export async function loadSlaStates(
  tx: Kysely<Database>,
  workspaceId: string,
  ticketIds: readonly string[],
): Promise<Map<string, SlaConditionState>> {
  if (ticketIds.length === 0) return new Map();
  const rows = await tx
    .selectFrom('ticket_sla_clocks')
    .select([
      'ticket_id',
      sql<boolean>`bool_or(state = 'breached')`.as('breached'),
      sql<boolean>`bool_or(state = 'warning')`.as('warning'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', 'in', [...ticketIds])
    .groupBy('ticket_id')
    .execute();
  return new Map(
    rows.map((row) => [
      row.ticket_id,
      row.breached ? 'breached' : row.warning ? 'breaching_soon' : 'on_track',
    ]),
  );
}
