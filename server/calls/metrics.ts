/**
 * Phone service level (seed 003: answered within 15 s), read from the call records: of the inbound calls that
 * started on the given days of the workspace's calendar, how many were answered, how many within the threshold,
 * and how long callers rang on average. Missed calls count against the rate: a caller nobody answered waited too.
 */
import type { Database } from '@server/db/schema';
import { type Kysely, sql } from 'kysely';
import type { CallMetrics } from './schema';

const RATE_DECIMALS = 4;

const ratio = (part: number, whole: number) =>
  whole === 0 ? null : Number((part / whole).toFixed(RATE_DECIMALS));

/** Today's date on the workspace's calendar (YYYY-MM-DD). */
export function calendarToday(timeZone: string, now = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(now);
}

export async function callMetrics(
  db: Kysely<Database>,
  options: { workspaceId: string; from?: string; to?: string; thresholdSeconds: number },
): Promise<CallMetrics> {
  const { workspaceId, thresholdSeconds } = options;
  const workspace = await db
    .selectFrom('workspaces')
    .select('time_zone')
    .where('id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  const timeZone = workspace.time_zone;
  const from = options.from ?? calendarToday(timeZone);
  const to = options.to ?? from;
  const row = await db
    .selectFrom('call_records')
    .select([
      sql<number>`count(*)::int`.as('calls'),
      sql<number>`(count(*) FILTER (WHERE direction = 'inbound'))::int`.as('inbound'),
      sql<number>`(count(*) FILTER (WHERE direction = 'outbound'))::int`.as('outbound'),
      sql<number>`(count(*) FILTER (WHERE direction = 'inbound' AND answered_after_seconds IS NOT NULL))::int`.as(
        'answered',
      ),
      sql<number>`(count(*) FILTER (WHERE direction = 'inbound' AND answered_after_seconds <= ${thresholdSeconds}))::int`.as(
        'within',
      ),
      sql<string | null>`avg(answered_after_seconds) FILTER (WHERE direction = 'inbound')`.as('average'),
    ])
    .where('workspace_id', '=', workspaceId)
    // Midnight to midnight where the team works, whatever zone the server runs in.
    .where('started_at', '>=', sql<Date>`(${from}::date)::timestamp AT TIME ZONE ${timeZone}`)
    .where('started_at', '<', sql<Date>`(${to}::date + 1)::timestamp AT TIME ZONE ${timeZone}`)
    .executeTakeFirstOrThrow();
  return {
    from,
    to,
    timeZone,
    calls: row.calls,
    inbound: row.inbound,
    outbound: row.outbound,
    answered: row.answered,
    missed: row.inbound - row.answered,
    answeredWithinThreshold: row.within,
    thresholdSeconds,
    answerRate: ratio(row.answered, row.inbound),
    withinThresholdRate: ratio(row.within, row.inbound),
    averageAnswerSeconds: row.average === null ? null : Number(Number(row.average).toFixed(1)),
  };
}
