/**
 * Duplicates across channels (seed 000 step 2): a new request from the same customer as an open ticket of the last
 * `duplicateWindowMinutes`, in similar words, joins that ticket at once; one naming the same order as another
 * customer's ticket, or in less similar words, is suggested for a merge. Runs inside the transaction that created
 * the tickets, after their first messages.
 */
import type { Database } from '@server/db/schema';
import type { SlaTracker } from '@server/sla/tracker';
import { recordTicketEvent } from '@server/tickets/events';
import { mergeTicketsInTransaction } from '@server/tickets/merge-tickets';
import type { RoutingSettings } from '@shared/routing';
import { type Kysely, sql } from 'kysely';
import { contentTokens, type DuplicateCandidate, decideDuplicate } from './similarity';

export interface NewTicketFacts {
  ticketId: string;
  customerId: string | null;
  orderNumbers: string[];
  tokens: string[];
  createdAt: Date;
}

/** Open tickets compared per call at most (the newest): a customer with more open tickets is not a usual case. */
const MAX_CANDIDATES = 500;

/**
 * Each new ticket compared with the workspace's open tickets of the same customer or naming the same order within
 * the window, and with the earlier new tickets of the batch (a chat and an e-mail committed in one group): at or
 * above mergeScore, and for the same customer, it is merged into the oldest such ticket (in this transaction; the
 * ticket's replies then go to the new ticket's conversation, where the customer writes now); otherwise from
 * suggestScore on a merge_suggestions row is written. Returns merged new-ticket id → target ticket id (a target
 * may be a new ticket of the batch).
 */
export async function linkDuplicates(
  tx: Kysely<Database>,
  options: { workspaceId: string; tickets: NewTicketFacts[]; settings: RoutingSettings; sla: SlaTracker },
): Promise<Map<string, string>> {
  const { workspaceId, settings } = options;
  const merged = new Map<string, string>();
  const comparable = options.tickets.filter((ticket) => ticket.customerId || ticket.orderNumbers.length > 0);
  if (comparable.length === 0) return merged;
  const windowMs = settings.duplicateWindowMinutes * 60_000;
  // Oldest first, then the batch's tickets as they come: the merge goes into the first of equals.
  const pool: DuplicateCandidate[] = await loadCandidates(tx, {
    workspaceId,
    customerIds: [...new Set(comparable.flatMap((ticket) => (ticket.customerId ? [ticket.customerId] : [])))],
    orderNumbers: [...new Set(comparable.flatMap((ticket) => ticket.orderNumbers))],
    since: new Date(Math.min(...comparable.map((ticket) => ticket.createdAt.getTime())) - windowMs),
    excludedIds: options.tickets.map((ticket) => ticket.ticketId),
  });

  const suggested: { ticketId: string; candidateId: string; score: number; reasons: string[] }[] = [];
  for (const ticket of comparable) {
    const since = ticket.createdAt.getTime() - windowMs;
    const words = contentTokens(ticket.tokens);
    const decision = decideDuplicate({
      ticket: { customerId: ticket.customerId, orderNumbers: ticket.orderNumbers, words },
      candidates: pool.filter(
        (candidate) =>
          candidate.createdAt.getTime() >= since &&
          ((ticket.customerId !== null && candidate.customerId === ticket.customerId) ||
            candidate.orderNumbers.some((order) => ticket.orderNumbers.includes(order))),
      ),
      mergeScore: settings.duplicateMergeScore,
      suggestScore: settings.duplicateSuggestScore,
    });
    if (decision.action === 'merge') {
      // The realtime events are the caller's to publish (it announces the merge with the rest of the routing).
      await mergeTicketsInTransaction(tx, {
        workspaceId,
        actorUserId: null,
        targetTicketId: decision.candidateId,
        sourceTicketIds: [ticket.ticketId],
        sla: options.sla,
        reason: { kind: 'duplicate', ...decision.evidence },
        replyInSourceConversation: true,
      });
      merged.set(ticket.ticketId, decision.candidateId);
      // The target now holds this request's words and orders too, for the batch's later tickets.
      const index = pool.findIndex((candidate) => candidate.id === decision.candidateId);
      const target = pool[index];
      if (target) {
        pool[index] = {
          ...target,
          orderNumbers: [...new Set([...target.orderNumbers, ...ticket.orderNumbers])],
          words: new Set([...target.words, ...words]),
        };
      }
      continue;
    }
    for (const suggestion of decision.suggestions)
      suggested.push({
        ticketId: ticket.ticketId,
        candidateId: suggestion.candidateId,
        ...suggestion.evidence,
      });
    pool.push({
      id: ticket.ticketId,
      customerId: ticket.customerId,
      orderNumbers: ticket.orderNumbers,
      words,
      createdAt: ticket.createdAt,
    });
  }
  await writeSuggestions(tx, workspaceId, suggested);
  return merged;
}

/**
 * One query for the whole batch: the customers' open tickets and those naming the orders (GIN), the newest
 * MAX_CANDIDATES, oldest first.
 */
async function loadCandidates(
  tx: Kysely<Database>,
  options: {
    workspaceId: string;
    customerIds: string[];
    orderNumbers: string[];
    since: Date;
    excludedIds: string[];
  },
): Promise<DuplicateCandidate[]> {
  const rows = await tx
    .selectFrom('tickets')
    .select(['id', 'customer_id', 'order_numbers', 'search_tokens', 'created_at'])
    .where('workspace_id', '=', options.workspaceId)
    .where('merged_into_id', 'is', null)
    .where('status', 'not in', ['resolved', 'closed'])
    .where('created_at', '>=', options.since)
    .where(sql<boolean>`NOT (id = ANY(${options.excludedIds}::uuid[]))`)
    .where((eb) =>
      eb.or([
        ...(options.customerIds.length > 0
          ? [sql<boolean>`customer_id = ANY(${options.customerIds}::uuid[])`]
          : []),
        ...(options.orderNumbers.length > 0
          ? [sql<boolean>`order_numbers && ${options.orderNumbers}::text[]`]
          : []),
      ]),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(MAX_CANDIDATES)
    .execute();
  return rows.reverse().map((row) => ({
    id: row.id,
    customerId: row.customer_id,
    orderNumbers: row.order_numbers,
    words: contentTokens(row.search_tokens.split(' ')),
    createdAt: row.created_at,
  }));
}

/** The suggestions, and a timeline entry on each new ticket naming the tickets it may repeat. */
async function writeSuggestions(
  tx: Kysely<Database>,
  workspaceId: string,
  suggested: { ticketId: string; candidateId: string; score: number; reasons: string[] }[],
): Promise<void> {
  if (suggested.length === 0) return;
  const candidates = await tx
    .selectFrom('tickets')
    .select(['id', 'number'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...new Set(suggested.map((suggestion) => suggestion.candidateId))])
    .execute();
  const numbers = new Map(candidates.map((candidate) => [candidate.id, candidate.number]));
  await tx
    .insertInto('merge_suggestions')
    .values(
      suggested.map((suggestion) => ({
        workspace_id: workspaceId,
        ticket_id: suggestion.ticketId,
        candidate_id: suggestion.candidateId,
        score: suggestion.score,
        reasons: suggestion.reasons,
      })),
    )
    .onConflict((conflict) => conflict.columns(['workspace_id', 'ticket_id', 'candidate_id']).doNothing())
    .execute();
  const byTicket = new Map<string, typeof suggested>();
  for (const suggestion of suggested)
    byTicket.set(suggestion.ticketId, [...(byTicket.get(suggestion.ticketId) ?? []), suggestion]);
  for (const [ticketId, mine] of byTicket) {
    await recordTicketEvent(tx, {
      workspaceId,
      ticketId,
      actorUserId: null,
      kind: 'merge_suggested',
      data: {
        candidates: mine.map((suggestion) => ({
          ticketId: suggestion.candidateId,
          number: numbers.get(suggestion.candidateId) ?? null,
          score: suggestion.score,
        })),
      },
    });
  }
}
