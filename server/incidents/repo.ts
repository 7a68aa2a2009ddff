import type { Database } from '@server/db/schema';
import { type TicketSummaryRow, ticketSummaries } from '@server/tickets/repo';
import type { Kysely } from 'kysely';
import type { KnownIncident } from './cluster';

/** Incidents with the names of who opened and resolved them and their ticket counts, one query. */
function incidentsWithCounts(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('incidents as i')
    .leftJoin('incident_tickets as it', (join) =>
      join.onRef('it.incident_id', '=', 'i.id').onRef('it.workspace_id', '=', 'i.workspace_id'),
    )
    .leftJoin('users as opener', (join) =>
      join.onRef('opener.id', '=', 'i.opened_by').onRef('opener.workspace_id', '=', 'i.workspace_id'),
    )
    .leftJoin('users as resolver', (join) =>
      join.onRef('resolver.id', '=', 'i.resolved_by').onRef('resolver.workspace_id', '=', 'i.workspace_id'),
    )
    .selectAll('i')
    .select((eb) => [
      'opener.name as opened_by_name',
      'resolver.name as resolved_by_name',
      eb.fn.count<string>('it.ticket_id').as('ticket_count'),
      eb.fn.count<string>('it.holding_message_id').as('holding_sent_count'),
      eb.fn.count<string>('it.resolution_message_id').as('resolution_sent_count'),
    ])
    .where('i.workspace_id', '=', workspaceId)
    .groupBy(['i.id', 'opener.name', 'resolver.name']);
}

export type IncidentWithCounts = Awaited<
  ReturnType<ReturnType<typeof incidentsWithCounts>['executeTakeFirstOrThrow']>
>;

export async function listIncidentRows(
  db: Kysely<Database>,
  options: { workspaceId: string; status?: 'open' | 'resolved'; limit: number },
): Promise<IncidentWithCounts[]> {
  let query = incidentsWithCounts(db, options.workspaceId);
  if (options.status) query = query.where('i.status', '=', options.status);
  return (
    query
      // Open ones first (the emergency at hand), then the newest.
      .orderBy((eb) => eb.case().when('i.status', '=', 'open').then(0).else(1).end())
      .orderBy('i.opened_at', 'desc')
      .limit(options.limit)
      .execute()
  );
}

export async function loadIncidentRow(
  db: Kysely<Database>,
  options: { workspaceId: string; incidentId: string },
): Promise<IncidentWithCounts | undefined> {
  return incidentsWithCounts(db, options.workspaceId)
    .where('i.id', '=', options.incidentId)
    .executeTakeFirst();
}

export type IncidentTicketRow = TicketSummaryRow & {
  linked_at: Date;
  holding_message_id: string | null;
  resolution_message_id: string | null;
};

export async function loadIncidentTicketRows(
  db: Kysely<Database>,
  options: { workspaceId: string; incidentId: string },
): Promise<IncidentTicketRow[]> {
  return ticketSummaries(db, options.workspaceId)
    .innerJoin('incident_tickets as it', (join) =>
      join.onRef('it.ticket_id', '=', 't.id').onRef('it.workspace_id', '=', 't.workspace_id'),
    )
    .select(['it.linked_at', 'it.holding_message_id', 'it.resolution_message_id'])
    .where('it.workspace_id', '=', options.workspaceId)
    .where('it.incident_id', '=', options.incidentId)
    .orderBy('it.linked_at')
    .orderBy('t.number')
    .execute();
}

/**
 * The workspace's tickets that are in no incident and not merged away (a merged ticket's words are its target's
 * now): those a new incident may gather.
 */
export function ticketsInNoIncident(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('tickets as t')
    .where('t.workspace_id', '=', workspaceId)
    .where('t.merged_into_id', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('incident_tickets as it')
            .select('it.ticket_id')
            .whereRef('it.workspace_id', '=', 't.workspace_id')
            .whereRef('it.ticket_id', '=', 't.id'),
        ),
      ),
    );
}

/** The workspace's open incidents with the words that make a ticket part of each, the oldest first. */
export async function loadOpenIncidents(
  tx: Kysely<Database>,
  workspaceId: string,
): Promise<(KnownIncident & { title: string })[]> {
  const rows = await tx
    .selectFrom('incidents')
    .select(['id', 'title', 'signature'])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'open')
    .orderBy('opened_at')
    .execute();
  return rows.map((row) => ({ id: row.id, title: row.title, signature: new Set(row.signature) }));
}
