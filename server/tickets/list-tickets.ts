import type { Principal } from '@server/auth/principal';
import type { Database } from '@server/db/schema';
import { HttpProblem } from '@server/http/problem';
import type { PersonalDataVault } from '@server/privacy/vault';
import type { Snippet } from '@server/search/snippet';
import { type Kysely, sql } from 'kysely';
import { presentTickets, ticketsWithRefs } from './repo';
import type { ListTicketsQuery, TicketJson } from './schema';
import { searchTickets } from './search-tickets';
import { listBySlaDue, type SlaCursor } from './sla-list';

type Cursor =
  | { kind: 'keyset'; rank: number; at: string; id: string }
  | { kind: 'offset'; offset: number }
  | SlaCursor;

const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');
function decodeCursor(value: string | undefined): Cursor | undefined {
  if (!value) return undefined;
  try {
    return JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Cursor;
  } catch {
    throw new HttpProblem(400, 'invalid_cursor', 'The cursor is not one this API returned', [
      { path: 'querystring/cursor', message: 'Invalid cursor' },
    ]);
  }
}

/**
 * The inbox and ticket search: saved views, filters, sorting and cursor pagination; with `q`, matches on ticket
 * text, message text and customer names (jieba tokens), exact ticket and order numbers, and phone digits, ranked.
 */
export async function listTickets(
  db: Kysely<Database>,
  options: { actor: Principal; query: ListTicketsQuery; vault: PersonalDataVault },
): Promise<{ items: (TicketJson & { snippet: Snippet | null })[]; nextCursor: string | null }> {
  const { actor, query } = options;
  const { workspaceId } = actor;
  let select = ticketsWithRefs(db, workspaceId).where('tickets.merged_into_id', 'is', null);

  if (query.view === 'mine') select = select.where('tickets.assignee_id', '=', actor.userId);
  if (query.view === 'my_team') {
    const me = await db
      .selectFrom('users')
      .select('department_id')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', actor.userId)
      .executeTakeFirst();
    select = me?.department_id
      ? select.where('tickets.team_id', '=', me.department_id)
      : select.where(sql<boolean>`false`);
  }
  if (query.view === 'unassigned') select = select.where('tickets.assignee_id', 'is', null);
  if (query.view !== 'all' && !query.status) select = select.where('tickets.status', '!=', 'closed');
  if (query.status?.length) select = select.where('tickets.status', 'in', query.status);
  if (query.priority?.length) select = select.where('tickets.priority', 'in', query.priority);
  if (query.assigneeId) select = select.where('tickets.assignee_id', '=', query.assigneeId);
  if (query.teamId) select = select.where('tickets.team_id', '=', query.teamId);
  if (query.type) select = select.where('tickets.type', '=', query.type);
  if (query.channel) select = select.where('tickets.channel', '=', query.channel);
  if (query.tag) select = select.where(sql<boolean>`tickets.tags @> ARRAY[${query.tag}]::text[]`);
  if (query.customerId) select = select.where('tickets.customer_id', '=', query.customerId);
  if (query.createdFrom) select = select.where('tickets.created_at', '>=', new Date(query.createdFrom));
  if (query.createdTo) select = select.where('tickets.created_at', '<', new Date(query.createdTo));

  if (query.sla === 'breached') {
    select = select.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('ticket_sla_clocks as c')
          .select('c.metric')
          .whereRef('c.ticket_id', '=', 'tickets.id')
          .where('c.workspace_id', '=', workspaceId)
          .where('c.met_at', 'is', null)
          .where('c.breached_at', 'is not', null),
      ),
    );
  }
  if (query.sla === 'breaching_soon') {
    select = select.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('ticket_sla_clocks as c')
          .select('c.metric')
          .whereRef('c.ticket_id', '=', 'tickets.id')
          .where('c.workspace_id', '=', workspaceId)
          .where('c.met_at', 'is', null)
          .where('c.paused_at', 'is', null)
          .where('c.breached_at', 'is', null)
          .where((eb) =>
            eb.or([
              eb('c.warned_at', 'is not', null),
              eb('c.due_at', '<=', sql<Date>`now() + interval '1 hour'`),
            ]),
          ),
      ),
    );
  }

  const cursor = decodeCursor(query.cursor);
  if (query.sort === 'sla_due' && !query.q) {
    const found = await listBySlaDue(db, {
      workspaceId,
      filtered: select,
      after: cursor?.kind === 'sla' ? cursor : undefined,
      limit: query.limit,
    });
    const items = (await presentTickets(db, workspaceId, found.rows)).map((ticket) => ({
      ...ticket,
      snippet: null,
    }));
    return { items, nextCursor: found.next ? encodeCursor(found.next) : null };
  }
  if (query.q) {
    const offset = cursor?.kind === 'offset' ? cursor.offset : 0;
    const found = await searchTickets(db, {
      workspaceId,
      filtered: select,
      q: query.q,
      vault: options.vault,
      offset,
      limit: query.limit,
    });
    return {
      items: found.items,
      nextCursor: found.hasMore ? encodeCursor({ kind: 'offset', offset: offset + query.limit }) : null,
    };
  }

  // Keyset pagination: (rank, time, id) of the last row; rank is 0 except when sorting by priority.
  const timeColumn = query.sort === 'created' ? 'tickets.created_at' : 'tickets.last_activity_at';
  if (cursor?.kind === 'keyset') {
    const at = new Date(cursor.at);
    select = select.where((eb) => {
      const afterInTime = eb.or([
        eb(timeColumn, '<', at),
        eb.and([eb(timeColumn, '=', at), eb('tickets.id', '<', cursor.id)]),
      ]);
      return query.sort === 'priority'
        ? eb.or([
            eb('tickets.priority_rank', '>', cursor.rank),
            eb.and([eb('tickets.priority_rank', '=', cursor.rank), afterInTime]),
          ])
        : afterInTime;
    });
  }
  if (query.sort === 'priority') select = select.orderBy('tickets.priority_rank', 'asc');
  select = select.orderBy(timeColumn, 'desc').orderBy('tickets.id', 'desc');
  const rows = await select.limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor({
          kind: 'keyset',
          rank: query.sort === 'priority' ? last.priority_rank : 0,
          at: (query.sort === 'created' ? last.created_at : last.last_activity_at).toISOString(),
          id: last.id,
        })
      : null;
  const items = (await presentTickets(db, workspaceId, page)).map((ticket) => ({ ...ticket, snippet: null }));
  return { items, nextCursor };
}
