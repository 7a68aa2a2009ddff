import type { Database, TicketRow } from '@server/db/schema';
import { notFound } from '@server/http/problem';
import { spansByOwner } from '@server/privacy/repo';
import { slaOfTickets } from '@server/sla/service';
import type { TicketStatus } from '@shared/tickets';
import type { Kysely } from 'kysely';
import type { TicketJson } from './schema';

export type TicketWithRefs = TicketRow & {
  customer_number: string | null;
  customer_name: string | null;
  customer_nickname: string | null;
  assignee_name: string | null;
  assignee_employee_no: string | null;
  team_name: string | null;
  merged_into_number: string | null;
};

/** Tickets with the names of the people, team and customer they point to, one query. */
export function ticketsWithRefs(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('tickets')
    .leftJoin('customers', (join) =>
      join
        .onRef('customers.id', '=', 'tickets.customer_id')
        .onRef('customers.workspace_id', '=', 'tickets.workspace_id'),
    )
    .leftJoin('users as assignee', (join) =>
      join
        .onRef('assignee.id', '=', 'tickets.assignee_id')
        .onRef('assignee.workspace_id', '=', 'tickets.workspace_id'),
    )
    .leftJoin('departments as team', (join) =>
      join.onRef('team.id', '=', 'tickets.team_id').onRef('team.workspace_id', '=', 'tickets.workspace_id'),
    )
    .leftJoin('tickets as merged', (join) =>
      join
        .onRef('merged.id', '=', 'tickets.merged_into_id')
        .onRef('merged.workspace_id', '=', 'tickets.workspace_id'),
    )
    .selectAll('tickets')
    .select([
      'customers.number as customer_number',
      'customers.name as customer_name',
      'customers.nickname as customer_nickname',
      'assignee.name as assignee_name',
      'assignee.employee_no as assignee_employee_no',
      'team.name as team_name',
      'merged.number as merged_into_number',
    ])
    .where('tickets.workspace_id', '=', workspaceId);
}

/** The columns a ticket line in a list is made of (its customer's number and name included). */
export interface TicketSummaryRow {
  id: string;
  number: string;
  subject: string;
  status: TicketStatus;
  channel: string;
  created_at: Date;
  customer_id: string | null;
  customer_number: string | null;
  customer_name: string | null;
}

/**
 * Tickets as lines of a list (an incident's tickets, suggested merges), joined with their customer: callers join
 * what the list is about and add its columns.
 */
export function ticketSummaries(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('tickets as t')
    .leftJoin('customers as c', (join) =>
      join.onRef('c.id', '=', 't.customer_id').onRef('c.workspace_id', '=', 't.workspace_id'),
    )
    .select([
      't.id',
      't.number',
      't.subject',
      't.status',
      't.channel',
      't.created_at',
      'c.id as customer_id',
      'c.number as customer_number',
      'c.name as customer_name',
    ])
    .where('t.workspace_id', '=', workspaceId);
}

/** Names of the users and departments referenced by id arrays (collaborators, collaborating departments). */
async function namesFor(db: Kysely<Database>, workspaceId: string, rows: TicketRow[]) {
  const userIds = [
    ...new Set(
      rows.flatMap((row) => [...row.collaborator_ids, ...(row.first_owner_id ? [row.first_owner_id] : [])]),
    ),
  ];
  const departmentIds = [...new Set(rows.flatMap((row) => row.collaboration_department_ids))];
  const [users, departments] = await Promise.all([
    userIds.length
      ? db
          .selectFrom('users')
          .select(['id', 'name', 'employee_no'])
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', userIds)
          .execute()
      : [],
    departmentIds.length
      ? db
          .selectFrom('departments')
          .select(['id', 'name'])
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', departmentIds)
          .execute()
      : [],
  ]);
  return {
    users: new Map(users.map((u) => [u.id, u.name])),
    employeeNumbers: new Map(users.map((u) => [u.id, u.employee_no])),
    departments: new Map(departments.map((d) => [d.id, d.name])),
  };
}

const iso = (value: Date | null) => (value ? value.toISOString() : null);

/** The incident (emergency mode) each ticket belongs to, if any, one query for the page. */
async function incidentsOf(db: Kysely<Database>, workspaceId: string, ticketIds: string[]) {
  if (ticketIds.length === 0)
    return new Map<string, { id: string; title: string; status: 'open' | 'resolved' }>();
  const rows = await db
    .selectFrom('incident_tickets as l')
    .innerJoin('incidents as i', (join) =>
      join.onRef('i.id', '=', 'l.incident_id').onRef('i.workspace_id', '=', 'l.workspace_id'),
    )
    .select(['l.ticket_id', 'i.id', 'i.title', 'i.status'])
    .where('l.workspace_id', '=', workspaceId)
    .where('l.ticket_id', 'in', ticketIds)
    .execute();
  return new Map(rows.map((row) => [row.ticket_id, { id: row.id, title: row.title, status: row.status }]));
}

export async function presentTickets(
  db: Kysely<Database>,
  workspaceId: string,
  rows: TicketWithRefs[],
): Promise<TicketJson[]> {
  const [names, spans, sla, incidents] = await Promise.all([
    namesFor(db, workspaceId, rows),
    spansByOwner(db, { workspaceId, ownerType: 'ticket', ownerIds: rows.map((row) => row.id) }),
    slaOfTickets(
      db,
      workspaceId,
      rows.map((row) => row.id),
    ),
    incidentsOf(
      db,
      workspaceId,
      rows.map((row) => row.id),
    ),
  ]);
  const refs = (ids: string[], map: Map<string, string>) =>
    ids.flatMap((id) => {
      const name = map.get(id);
      return name === undefined ? [] : [{ id, name }];
    });
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    subject: row.subject,
    description: row.description,
    personalData: spans.get(row.id) ?? [],
    channel: row.channel,
    type: row.type,
    subtype: row.subtype,
    priority: row.priority,
    priorityReason: row.priority_reason,
    typeSuggestion: row.type_suggestion,
    status: row.status,
    customer:
      row.customer_id && row.customer_number
        ? {
            id: row.customer_id,
            number: row.customer_number,
            name: row.customer_name ?? '',
            nickname: row.customer_nickname ?? '',
          }
        : null,
    assignee:
      row.assignee_id && row.assignee_name
        ? { id: row.assignee_id, name: row.assignee_name, employeeNo: row.assignee_employee_no }
        : null,
    firstOwner:
      row.first_owner_id && names.users.has(row.first_owner_id)
        ? {
            id: row.first_owner_id,
            name: names.users.get(row.first_owner_id) ?? '',
            employeeNo: names.employeeNumbers.get(row.first_owner_id) ?? null,
          }
        : null,
    team: row.team_id && row.team_name ? { id: row.team_id, name: row.team_name } : null,
    incident: incidents.get(row.id) ?? null,
    collaborators: refs(row.collaborator_ids, names.users),
    needsCollaboration: row.needs_collaboration,
    collaborationDepartments: refs(row.collaboration_department_ids, names.departments),
    tags: row.tags,
    customFields: row.custom_fields,
    orderNumbers: row.order_numbers,
    productModel: row.product_model,
    version: row.version,
    mergedInto:
      row.merged_into_id && row.merged_into_number
        ? { id: row.merged_into_id, number: row.merged_into_number }
        : null,
    receivedAt: row.received_at.toISOString(),
    lastActivityAt: row.last_activity_at.toISOString(),
    firstResponseAt: iso(row.first_response_at),
    resolvedAt: iso(row.resolved_at),
    closedAt: iso(row.closed_at),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    sla: sla.get(row.id) ?? [],
  }));
}

export async function loadTicket(db: Kysely<Database>, options: { workspaceId: string; ticketId: string }) {
  return ticketsWithRefs(db, options.workspaceId)
    .where('tickets.id', '=', options.ticketId)
    .executeTakeFirst();
}

/** The ticket row, locked until the transaction ends: every change to a ticket starts here. */
export async function lockTicket(
  tx: Kysely<Database>,
  options: { workspaceId: string; ticketId: string },
): Promise<TicketRow> {
  const ticket = await tx
    .selectFrom('tickets')
    .selectAll()
    .where('workspace_id', '=', options.workspaceId)
    .where('id', '=', options.ticketId)
    .forUpdate()
    .executeTakeFirst();
  if (!ticket) throw notFound('Ticket');
  return ticket;
}
