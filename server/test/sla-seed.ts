import { ensureDefaultCalendar } from '@server/calendars/service';
import type { Database } from '@server/db/schema';
import type { EscalationLevel } from '@shared/sla';
import { type Kysely, sql } from 'kysely';

/**
 * Open tickets with a first-response clock each, written in bulk with generate_series (the API would take minutes
 * for a million): the `due` groups fall due at their instants, the rest a year later. For the exactly-once test and the
 * scheduler bench; the rows are what createTicket and the tracker would write.
 */
export async function seedTicketsWithClocks(
  db: Kysely<Database>,
  options: {
    workspaceId: string;
    assigneeId: string;
    total: number;
    /** Groups of tickets that fall due: `count` of them from `at`, spread evenly over `spreadSeconds`. */
    due: { count: number; at: Date; spreadSeconds?: number }[];
    escalations: EscalationLevel[];
    batch?: number;
  },
): Promise<{ policyId: string }> {
  const calendar = await ensureDefaultCalendar(db, options.workspaceId);
  const policy = await db
    .insertInto('sla_policies')
    .values({
      workspace_id: options.workspaceId,
      name: `负载 ${Date.now()}`,
      position: 1,
      match: '{}',
      targets: JSON.stringify([{ metric: 'first_response', amount: 1, unit: 'hours', time: 'calendar' }]),
      warning_actions: '[]',
      escalations: JSON.stringify(options.escalations),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const batch = options.batch ?? 50_000;
  const target = JSON.stringify({ amount: 1, unit: 'hours', time: 'calendar' });
  // Ticket g's due instant: the group it falls in (by running count), else a year after the first group.
  const groups = JSON.stringify(
    options.due.reduce<{ first: number; last: number; at: string; spread: number }[]>((list, group) => {
      const first = (list.at(-1)?.last ?? 0) + 1;
      list.push({
        first,
        last: first + group.count - 1,
        at: group.at.toISOString(),
        spread: group.spreadSeconds ?? 0,
      });
      return list;
    }, []),
  );
  const farAway = new Date((options.due[0]?.at.getTime() ?? Date.now()) + 365 * 86_400_000).toISOString();
  for (let from = 1; from <= options.total; from += batch) {
    const to = Math.min(options.total, from + batch - 1);
    // Warned already, so only the breach (and its escalation) fires.
    await sql`
      WITH created AS (
        INSERT INTO tickets (workspace_id, number, subject, channel, priority, status, assignee_id,
                             received_at, last_activity_at, custom_fields)
        SELECT ${options.workspaceId}, 'L' || lpad(g::text, 9, '0'), '负载工单 ' || g, 'web_chat', 'normal', 'open',
               ${options.assigneeId}::uuid, now(), now(), '{}'
        FROM generate_series(${from}::int, ${to}::int) AS g
        RETURNING id, number
      )
      INSERT INTO ticket_sla_clocks (workspace_id, ticket_id, metric, policy_id, calendar_id, target, state,
                                     started_at, warn_at, due_at, warned_at, next_fire_at)
      SELECT ${options.workspaceId}, c.id, 'first_response', ${policy.id}::uuid, ${calendar.id}::uuid,
             ${target}::jsonb, 'warning', d.due - interval '1 hour', d.due - interval '12 minutes', d.due,
             d.due - interval '12 minutes', d.due
      FROM created c
      CROSS JOIN LATERAL (
        SELECT COALESCE(
          (SELECT g.at + (substr(c.number, 2)::int - g.first) * g.spread / GREATEST(g.last - g.first + 1, 1)
                         * interval '1 second'
           FROM jsonb_to_recordset(${groups}::jsonb) AS g(first int, last int, at timestamptz, spread float8)
           WHERE substr(c.number, 2)::int BETWEEN g.first AND g.last),
          ${farAway}::timestamptz) AS due
      ) d`.execute(db);
  }
  await sql`ANALYZE tickets`.execute(db);
  await sql`ANALYZE ticket_sla_clocks`.execute(db);
  return { policyId: policy.id };
}
