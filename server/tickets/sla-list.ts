import type { Database } from '@server/db/schema';
import type { Kysely } from 'kysely';
import type { ticketsWithRefs } from './repo';

export type SlaCursor = { kind: 'sla'; at: string; id: string };

type FilteredTickets = ReturnType<typeof ticketsWithRefs>;
type TicketRowWithRefs = Awaited<ReturnType<FilteredTickets['execute']>>[number];

const SCAN = 200;
const MAX_ROUNDS = 25;

/**
 * The inbox sorted by the nearest running deadline (breached ones first: their due instant is past). Driven by the
 * clocks' (workspace, due) index rather than by computing every open ticket's minimum — with a million open
 * tickets that took seconds. A ticket is listed at its earliest live deadline; tickets with no running deadline
 * are not in this view. Pages continue after the (due, ticket) of the last one shown.
 */
export async function listBySlaDue(
  db: Kysely<Database>,
  options: { workspaceId: string; filtered: FilteredTickets; after: SlaCursor | undefined; limit: number },
): Promise<{ rows: TicketRowWithRefs[]; next: SlaCursor | null }> {
  const { workspaceId, limit } = options;
  const page: { row: TicketRowWithRefs; due: Date }[] = [];
  const seen = new Set<string>();
  let scanFrom = options.after ? { at: new Date(options.after.at), id: options.after.id } : null;
  for (let round = 0; round < MAX_ROUNDS && page.length <= limit; round++) {
    let scan = db
      .selectFrom('ticket_sla_clocks')
      .select(['ticket_id', 'due_at'])
      .where('workspace_id', '=', workspaceId)
      .where('met_at', 'is', null)
      .where('paused_at', 'is', null)
      .where('due_at', 'is not', null);
    if (scanFrom) {
      const from = scanFrom;
      scan = scan.where((eb) =>
        eb.or([
          eb('due_at', '>', from.at),
          eb.and([eb('due_at', '=', from.at), eb('ticket_id', '>', from.id)]),
        ]),
      );
    }
    const clocks = await scan.orderBy('due_at').orderBy('ticket_id').limit(SCAN).execute();
    const last = clocks.at(-1);
    if (!last?.due_at) break;
    scanFrom = { at: last.due_at, id: last.ticket_id };
    const firstDue = new Map<string, Date>();
    for (const clock of clocks)
      if (clock.due_at && !seen.has(clock.ticket_id) && !firstDue.has(clock.ticket_id))
        firstDue.set(clock.ticket_id, clock.due_at);
    if (firstDue.size > 0) {
      const ids = [...firstDue.keys()];
      const [rows, earliest] = await Promise.all([
        options.filtered.where('tickets.id', 'in', ids).execute(),
        db
          .selectFrom('ticket_sla_clocks')
          .select((eb) => ['ticket_id', eb.fn.min('due_at').as('due')])
          .where('workspace_id', '=', workspaceId)
          .where('ticket_id', 'in', ids)
          .where('met_at', 'is', null)
          .where('paused_at', 'is', null)
          .groupBy('ticket_id')
          .execute(),
      ]);
      const byId = new Map(rows.map((row) => [row.id, row]));
      const earliestOf = new Map(earliest.map((row) => [row.ticket_id, new Date(row.due as Date).getTime()]));
      for (const [id, due] of firstDue) {
        seen.add(id);
        const row = byId.get(id);
        // Met here at a later deadline of a ticket already listed (at its earliest) on an earlier page: skip.
        if (row && earliestOf.get(id) === due.getTime()) page.push({ row, due });
      }
    }
    if (clocks.length < SCAN) break;
  }
  const shown = page.slice(0, limit);
  const end = shown.at(-1);
  return {
    rows: shown.map((entry) => entry.row),
    next: page.length > limit && end ? { kind: 'sla', at: end.due.toISOString(), id: end.row.id } : null,
  };
}
