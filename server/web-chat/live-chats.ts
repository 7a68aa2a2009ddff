/** The live chats an agent's app lists: waiting ones and active ones, with the visitor's context. */
import type { Database } from '@server/db/schema';
import type { VisitedPage } from '@server/db/web-chat-tables';
import type { LiveChat } from '@shared/web-chat';
import { type Kysely, sql } from 'kysely';

export async function listLiveChats(
  db: Kysely<Database>,
  workspaceId: string,
  options: { ticketId?: string; includeEnded?: boolean } = {},
): Promise<LiveChat[]> {
  let query = db
    .selectFrom('web_chat_sessions as s')
    .innerJoin('tickets as t', (join) =>
      join.onRef('t.id', '=', 's.ticket_id').onRef('t.workspace_id', '=', 's.workspace_id'),
    )
    .leftJoin('users as a', (join) =>
      join.onRef('a.id', '=', 't.assignee_id').onRef('a.workspace_id', '=', 't.workspace_id'),
    )
    .leftJoin('users as p', (join) =>
      join.onRef('p.id', '=', 's.picked_up_by').onRef('p.workspace_id', '=', 's.workspace_id'),
    )
    .leftJoin('customers as c', (join) =>
      join.onRef('c.id', '=', 't.customer_id').onRef('c.workspace_id', '=', 't.workspace_id'),
    )
    .leftJoin('web_chat_visitors as v', (join) =>
      join.onRef('v.id', '=', 's.visitor_id').onRef('v.workspace_id', '=', 's.workspace_id'),
    )
    .leftJoin('satisfaction_ratings as r', (join) =>
      join.onRef('r.ticket_id', '=', 's.ticket_id').onRef('r.workspace_id', '=', 's.workspace_id'),
    )
    .select([
      's.ticket_id',
      's.state',
      's.created_at',
      's.agent_read_at',
      's.visitor_read_at',
      't.number',
      't.assignee_id',
      'a.name as assignee_name',
      'a.employee_no as assignee_no',
      's.picked_up_by',
      'p.name as picker_name',
      'p.employee_no as picker_no',
      'c.id as customer_id',
      'c.number as customer_number',
      'c.name as customer_name',
      'v.id as visitor_id',
      'v.identified',
      'v.locale',
      'v.user_agent',
      'v.current_page',
      'v.pages_seen',
      'r.score',
      'r.scale',
      'r.comment',
    ])
    .select((eb) => [
      eb
        .selectFrom('ticket_messages as m')
        .select(
          sql<string>`json_build_object('text', m.body, 'direction', m.direction, 'at', m.created_at)`.as(
            'last',
          ),
        )
        .whereRef('m.workspace_id', '=', 's.workspace_id')
        .whereRef('m.ticket_id', '=', 's.ticket_id')
        .where('m.direction', 'in', ['inbound', 'outbound'])
        .orderBy('m.created_at', 'desc')
        .limit(1)
        .as('last_message'),
      eb
        .selectFrom('ticket_messages as m')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('m.workspace_id', '=', 's.workspace_id')
        .whereRef('m.ticket_id', '=', 's.ticket_id')
        .where('m.direction', '=', 'inbound')
        .where((w) =>
          w.or([w('s.agent_read_at', 'is', null), w('m.created_at', '>', w.ref('s.agent_read_at'))]),
        )
        .as('unread'),
    ])
    .where('s.workspace_id', '=', workspaceId);
  if (options.ticketId) query = query.where('s.ticket_id', '=', options.ticketId);
  else if (!options.includeEnded) query = query.where('s.state', '<>', 'ended');
  const rows = await query.orderBy('s.created_at').limit(500).execute();
  return rows.map((row) => {
    const last = row.last_message as unknown as {
      text: string;
      direction: 'inbound' | 'outbound';
      at: string;
    } | null;
    return {
      ticketId: row.ticket_id,
      ticketNumber: row.number,
      state: row.state,
      assignee: row.assignee_id
        ? { id: row.assignee_id, name: row.assignee_name ?? '', employeeNo: row.assignee_no ?? '' }
        : null,
      pickedUpBy: row.picked_up_by
        ? { id: row.picked_up_by, name: row.picker_name ?? '', employeeNo: row.picker_no ?? '' }
        : null,
      customer: row.customer_id
        ? { id: row.customer_id, number: row.customer_number ?? '', name: row.customer_name ?? '' }
        : null,
      visitor: row.visitor_id
        ? {
            id: row.visitor_id,
            identified: row.identified ?? false,
            locale: row.locale ?? '',
            userAgent: row.user_agent ?? '',
            currentPage: (row.current_page as VisitedPage | null) ?? null,
            pagesSeen: (row.pages_seen as VisitedPage[] | null) ?? [],
          }
        : null,
      waitingSince: row.created_at.toISOString(),
      lastMessage: last
        ? { text: last.text, direction: last.direction, at: new Date(last.at).toISOString() }
        : null,
      unread: Number(row.unread ?? 0),
      visitorReadAt: row.visitor_read_at?.toISOString() ?? null,
      rating:
        row.score === null || !row.scale
          ? null
          : { score: row.score, scale: row.scale, comment: row.comment ?? '' },
    };
  });
}
