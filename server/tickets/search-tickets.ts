import { phoneKind } from '@server/customers/personal-fields';
import type { Database } from '@server/db/schema';
import type { PersonalDataVault } from '@server/privacy/vault';
import { allTokensQuery, queryTokens } from '@server/search/segmenter';
import { buildSnippet, type Snippet } from '@server/search/snippet';
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { presentTickets, type ticketsWithRefs } from './repo';
import type { TicketJson } from './schema';

/** Text search ranks within the most recent matches: enough for a desk, and bounded work for very common words. */
export const SEARCH_WINDOW = 200;

const ORDER_NUMBER_QUERY = /^(\d{6}-\d{15}|[A-Za-z]{0,4}\d{6,20})$/;
const TICKET_NUMBER_QUERY = /^20\d{9,10}$/;

type FilteredTickets =
  ReturnType<typeof ticketsWithRefs> extends SelectQueryBuilder<infer DB, infer TB, infer O>
    ? SelectQueryBuilder<DB, TB, O>
    : never;

const PROBE_LIMIT = 2000;

/** Up to PROBE_LIMIT + 1 tickets holding every word, read through the GIN index and nothing else. */
async function probeTextMatches(
  db: Kysely<Database>,
  workspaceId: string,
  tsquery: string,
): Promise<string[]> {
  return db.transaction().execute(async (tx) => {
    await sql`SET LOCAL enable_seqscan = off`.execute(tx);
    await sql`SET LOCAL enable_indexscan = off`.execute(tx);
    const rows = await sql<{ id: string }>`SELECT id FROM tickets
      WHERE workspace_id = ${workspaceId} AND merged_into_id IS NULL AND search_vector @@ ${tsquery}::tsquery
      LIMIT ${PROBE_LIMIT + 1}`.execute(tx);
    return rows.rows.map((row) => row.id);
  });
}

/** Tickets found by an identifier rather than by words: ticket or order number, phone digits, the customer. */
async function identifierMatches(
  db: Kysely<Database>,
  workspaceId: string,
  q: string,
  tsquery: string | null,
  vault: PersonalDataVault,
) {
  const digits = q.replace(/[\s-]/g, '');
  const parts = [];
  if (TICKET_NUMBER_QUERY.test(q))
    parts.push(sql`SELECT id FROM tickets WHERE workspace_id = ${workspaceId} AND number = ${q}`);
  if (ORDER_NUMBER_QUERY.test(q)) {
    parts.push(
      sql`SELECT id FROM tickets WHERE workspace_id = ${workspaceId} AND order_numbers @> ARRAY[${q.toUpperCase()}]::text[]`,
    );
  }
  const customerConditions = [];
  if (/^\d{4}$/.test(q)) customerConditions.push(sql`phone_last4 = ${q}`);
  else if (/^\+?\d{7,15}$/.test(digits)) {
    // Only masks are stored: a whole number is matched through its keyed hash.
    const hash = await vault.lookupHash(workspaceId, phoneKind(digits), digits);
    customerConditions.push(sql`phone_hash = ${hash}`);
  }
  if (tsquery) customerConditions.push(sql`search_vector @@ ${tsquery}::tsquery`);
  // Customers first (a small table), then their tickets through the customer index: joined in one statement the
  // planner may walk every ticket by recency looking for customers that do not exist.
  const customerIds = customerConditions.length
    ? (
        await sql<{ id: string }>`SELECT id FROM customers WHERE workspace_id = ${workspaceId}
            AND (${sql.join(customerConditions, sql` OR `)}) LIMIT ${SEARCH_WINDOW}`.execute(db)
      ).rows.map((row) => row.id)
    : [];
  if (customerIds.length) {
    parts.push(sql`(SELECT id FROM tickets WHERE workspace_id = ${workspaceId} AND customer_id = ANY(${customerIds}::uuid[])
      ORDER BY created_at DESC LIMIT ${SEARCH_WINDOW})`);
  }
  if (parts.length === 0) return [];
  const rows = await sql<{ id: string }>`${sql.join(parts, sql` UNION `)}`.execute(db);
  return rows.rows.map((row) => row.id);
}

/**
 * Search: the filtered inbox narrowed to tickets whose document (subject, description, product model and every
 * message, as jieba tokens) holds all the words, or that an identifier points to. Rare words rank all their matches;
 * common ones the most recent SEARCH_WINDOW. Exact numbers come first, then relevance (ts_rank), then recency.
 */
export async function searchTickets(
  db: Kysely<Database>,
  options: {
    workspaceId: string;
    filtered: FilteredTickets;
    q: string;
    offset: number;
    limit: number;
    vault: PersonalDataVault;
  },
): Promise<{ items: (TicketJson & { snippet: Snippet | null })[]; hasMore: boolean }> {
  const { workspaceId, q } = options;
  const terms = queryTokens(q);
  const tsquery = terms.length ? allTokensQuery(terms) : null;
  const identified = await identifierMatches(db, workspaceId, q, tsquery, options.vault);
  // A rare word is best read from the GIN index (all its matches), a common one by walking tickets newest first
  // until the window fills. The planner cannot tell them apart for words its statistics do not list, so probe the
  // index first: up to PROBE_LIMIT matches means "rare", and they are all candidates.
  const probed = tsquery ? await probeTextMatches(db, workspaceId, tsquery) : [];
  const common = probed.length > PROBE_LIMIT;
  const candidateIds = common ? identified : [...new Set([...probed, ...identified])];
  const textWindow =
    tsquery && common
      ? options.filtered
          .clearSelect()
          .select('tickets.id')
          .where(sql<boolean>`tickets.search_vector @@ ${tsquery}::tsquery`)
          .orderBy('tickets.last_activity_at', 'desc')
          .limit(SEARCH_WINDOW)
      : null;
  if (!textWindow && candidateIds.length === 0) return { items: [], hasMore: false };
  const rank = tsquery ? sql<number>`ts_rank(tickets.search_vector, ${tsquery}::tsquery)` : sql<number>`0`;
  const rows = await options.filtered
    .where((eb) =>
      eb.or([
        ...(textWindow ? [eb('tickets.id', 'in', textWindow)] : []),
        ...(candidateIds.length ? [sql<boolean>`tickets.id = ANY(${candidateIds}::uuid[])`] : []),
      ]),
    )
    .orderBy(sql`tickets.number = ${q} OR tickets.order_numbers @> ARRAY[${q.toUpperCase()}]::text[]`, 'desc')
    .orderBy(rank, 'desc')
    .orderBy('tickets.last_activity_at', 'desc')
    .orderBy('tickets.id', 'desc')
    .offset(options.offset)
    .limit(options.limit + 1)
    .execute();
  const page = rows.slice(0, options.limit);
  return {
    items: await withSnippets(db, workspaceId, await presentTickets(db, workspaceId, page), terms),
    hasMore: rows.length > options.limit,
  };
}

/** Where the words occur: subject, description, or the first message that holds one of them. */
async function withSnippets(
  db: Kysely<Database>,
  workspaceId: string,
  tickets: TicketJson[],
  terms: string[],
) {
  const fromTicket = (ticket: TicketJson) =>
    buildSnippet('subject', ticket.subject, terms) ?? buildSnippet('description', ticket.description, terms);
  const needMessages = tickets.filter((ticket) => !fromTicket(ticket)).map((ticket) => ticket.id);
  const messages =
    terms.length && needMessages.length
      ? await db
          .selectFrom('ticket_messages')
          .select(['ticket_id', 'body'])
          .where('workspace_id', '=', workspaceId)
          .where('ticket_id', 'in', needMessages)
          .orderBy('created_at')
          .execute()
      : [];
  return tickets.map((ticket) => {
    let snippet = fromTicket(ticket);
    for (const message of messages) {
      if (snippet) break;
      if (message.ticket_id === ticket.id) snippet = buildSnippet('message', message.body, terms);
    }
    return { ...ticket, snippet: snippet ?? null };
  });
}
