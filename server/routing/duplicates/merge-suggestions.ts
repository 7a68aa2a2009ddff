import type { Database } from '@server/db/schema';
import { notFound } from '@server/http/problem';
import { ticketSummaries } from '@server/tickets/repo';
import { type Kysely, sql } from 'kysely';
import { presentMergeSuggestion } from './presenter';
import type { MergeSuggestionJson } from './schema';

/**
 * The open tickets a ticket probably repeats, best first. A candidate merged or closed since is no longer offered,
 * nor is anything on a ticket that was itself merged away.
 */
export async function listMergeSuggestions(
  db: Kysely<Database>,
  options: { workspaceId: string; ticketId: string },
): Promise<MergeSuggestionJson[]> {
  const ticket = await db
    .selectFrom('tickets')
    .select('merged_into_id')
    .where('workspace_id', '=', options.workspaceId)
    .where('id', '=', options.ticketId)
    .executeTakeFirst();
  if (!ticket) throw notFound('Ticket');
  if (ticket.merged_into_id) return [];
  const rows = await ticketSummaries(db, options.workspaceId)
    .innerJoin('merge_suggestions as s', (join) =>
      join.onRef('s.candidate_id', '=', 't.id').onRef('s.workspace_id', '=', 't.workspace_id'),
    )
    .select(['s.score', 's.reasons', 's.created_at as suggested_at'])
    .where('s.workspace_id', '=', options.workspaceId)
    .where('s.ticket_id', '=', options.ticketId)
    .where('s.status', '=', 'open')
    .where('t.merged_into_id', 'is', null)
    .where('t.status', '!=', 'closed')
    .orderBy('s.score', 'desc')
    .orderBy('t.created_at')
    .execute();
  return rows.map((row) =>
    presentMergeSuggestion({
      candidate: row,
      score: row.score,
      reasons: row.reasons,
      created_at: row.suggested_at,
    }),
  );
}

/** An agent says the two tickets are different requests: the suggestion is not offered again. */
export async function dismissMergeSuggestion(
  db: Kysely<Database>,
  options: { workspaceId: string; actorUserId: string; ticketId: string; candidateId: string },
): Promise<void> {
  const dismissed = await db
    .updateTable('merge_suggestions')
    .set({ status: 'dismissed', decided_at: sql<Date>`now()`, decided_by: options.actorUserId })
    .where('workspace_id', '=', options.workspaceId)
    .where('ticket_id', '=', options.ticketId)
    .where('candidate_id', '=', options.candidateId)
    .where('status', '=', 'open')
    .returning('candidate_id')
    .executeTakeFirst();
  if (!dismissed) throw notFound('Merge suggestion');
}
