import type { Database } from '@server/db/schema';
import type { SlaPolicyRow, TicketSlaClockRow } from '@server/db/sla-tables';
import type { SlaMetric } from '@shared/sla';
import { type Kysely, sql } from 'kysely';
import type { SlaClock } from './clock-machine';
import type { SlaPolicy, TicketFacts } from './policy-match';

export function clockFromRow(row: TicketSlaClockRow): SlaClock {
  return {
    metric: row.metric,
    policyId: row.policy_id,
    calendarId: row.calendar_id,
    target: row.target,
    state: row.state,
    cycle: row.cycle,
    startedAt: row.started_at,
    pausedAt: row.paused_at,
    pausedSeconds: row.paused_seconds,
    warnAt: row.warn_at,
    dueAt: row.due_at,
    warnedAt: row.warned_at,
    breachedAt: row.breached_at,
    metAt: row.met_at,
    escalationLevel: row.escalation_level,
    nextFireAt: row.next_fire_at,
  };
}

export function policyFromRow(row: SlaPolicyRow): SlaPolicy {
  return {
    id: row.id,
    position: row.position,
    name: row.name,
    enabled: row.enabled,
    calendarId: row.calendar_id,
    match: row.match,
    targets: row.targets,
    pauseStatuses: row.pause_statuses,
    warnAtShare: row.warn_at_share,
    warningActions: row.warning_actions,
    escalations: row.escalations,
  };
}

/** The clocks of some tickets, locked for the caller's transaction (the scheduler skips locked ones). */
export async function loadClocks(
  tx: Kysely<Database>,
  workspaceId: string,
  ticketIds: readonly string[],
): Promise<Map<string, Map<SlaMetric, SlaClock>>> {
  const byTicket = new Map<string, Map<SlaMetric, SlaClock>>(ticketIds.map((id) => [id, new Map()]));
  if (ticketIds.length === 0) return byTicket;
  const rows = await tx
    .selectFrom('ticket_sla_clocks')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', 'in', ticketIds)
    .orderBy('ticket_id')
    .orderBy('metric')
    .forUpdate()
    .execute();
  for (const row of rows) byTicket.get(row.ticket_id)?.set(row.metric, clockFromRow(row));
  return byTicket;
}

/** The ticket columns the facts come from, selected beside a clock (scheduler) or alone (tracker). */
export const FACT_COLUMNS = [
  't.id as ticket_id',
  't.priority',
  't.type',
  't.subtype',
  't.channel',
  't.tags',
  't.status',
  't.assignee_id',
  't.team_id',
  't.needs_collaboration',
  't.received_at',
  't.created_at as ticket_created_at',
  't.first_response_at',
] as const;

/** A customer's tier (`attributes.tier`), as a correlated subquery on the ticket's customer. */
export const customerTierColumn = sql<string | null>`(SELECT cu.attributes->>'tier' FROM customers cu
  WHERE cu.id = t.customer_id AND cu.workspace_id = t.workspace_id)`.as('customer_tier');

export interface FactRow {
  ticket_id: string;
  priority: TicketFacts['priority'];
  type: string | null;
  subtype: string | null;
  channel: string;
  tags: string[];
  status: TicketFacts['status'];
  assignee_id: string | null;
  team_id: string | null;
  needs_collaboration: boolean;
  received_at: Date;
  ticket_created_at: Date;
  first_response_at: Date | null;
  customer_tier: string | null;
}

export function factsOf(row: FactRow, workspaceId: string): TicketFacts {
  return {
    id: row.ticket_id,
    workspaceId,
    priority: row.priority,
    type: row.type,
    subtype: row.subtype,
    channel: row.channel,
    tags: row.tags,
    customerTier: row.customer_tier,
    status: row.status,
    assigneeId: row.assignee_id,
    teamId: row.team_id,
    needsCollaboration: row.needs_collaboration,
    receivedAt: row.received_at,
    createdAt: row.ticket_created_at,
    firstResponseAt: row.first_response_at,
  };
}

export async function loadTicketFacts(
  db: Kysely<Database>,
  workspaceId: string,
  ticketIds: readonly string[],
): Promise<Map<string, TicketFacts>> {
  if (ticketIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('tickets as t')
    .select([...FACT_COLUMNS, customerTierColumn])
    .where('t.workspace_id', '=', workspaceId)
    .where('t.id', 'in', ticketIds)
    .execute();
  return new Map(rows.map((row) => [row.ticket_id, factsOf(row, workspaceId)]));
}

const asRow = (workspaceId: string, ticketId: string, clock: SlaClock) => ({
  workspace_id: workspaceId,
  ticket_id: ticketId,
  metric: clock.metric,
  policy_id: clock.policyId,
  calendar_id: clock.calendarId,
  target: JSON.stringify(clock.target),
  state: clock.state,
  cycle: clock.cycle,
  started_at: clock.startedAt,
  paused_at: clock.pausedAt,
  paused_seconds: clock.pausedSeconds,
  warn_at: clock.warnAt,
  due_at: clock.dueAt,
  warned_at: clock.warnedAt,
  breached_at: clock.breachedAt,
  met_at: clock.metAt,
  escalation_level: clock.escalationLevel,
  next_fire_at: clock.nextFireAt,
  updated_at: sql<Date>`now()`,
});

export async function saveClocks(
  tx: Kysely<Database>,
  workspaceId: string,
  changes: { ticketId: string; upserts: readonly SlaClock[]; removed: readonly SlaMetric[] }[],
): Promise<void> {
  const rows = changes.flatMap((change) =>
    change.upserts.map((clock) => asRow(workspaceId, change.ticketId, clock)),
  );
  if (rows.length > 0) {
    await tx
      .insertInto('ticket_sla_clocks')
      .values(rows)
      .onConflict((conflict) =>
        conflict.columns(['ticket_id', 'metric']).doUpdateSet((eb) => ({
          policy_id: eb.ref('excluded.policy_id'),
          calendar_id: eb.ref('excluded.calendar_id'),
          target: eb.ref('excluded.target'),
          state: eb.ref('excluded.state'),
          cycle: eb.ref('excluded.cycle'),
          started_at: eb.ref('excluded.started_at'),
          paused_at: eb.ref('excluded.paused_at'),
          paused_seconds: eb.ref('excluded.paused_seconds'),
          warn_at: eb.ref('excluded.warn_at'),
          due_at: eb.ref('excluded.due_at'),
          warned_at: eb.ref('excluded.warned_at'),
          breached_at: eb.ref('excluded.breached_at'),
          met_at: eb.ref('excluded.met_at'),
          escalation_level: eb.ref('excluded.escalation_level'),
          next_fire_at: eb.ref('excluded.next_fire_at'),
          updated_at: sql`now()`,
        })),
      )
      .execute();
  }
  for (const change of changes) {
    if (change.removed.length === 0) continue;
    await tx
      .deleteFrom('ticket_sla_clocks')
      .where('workspace_id', '=', workspaceId)
      .where('ticket_id', '=', change.ticketId)
      .where('metric', 'in', [...change.removed])
      .execute();
  }
}

/** Enabled and disabled policies of a workspace in their order, cached briefly (each process edits its own copy). */
export class SlaPolicyCache {
  private readonly entries = new Map<string, { policies: SlaPolicy[]; loadedAt: number }>();

  constructor(private readonly ttlMs = 5_000) {}

  async get(db: Kysely<Database>, workspaceId: string): Promise<SlaPolicy[]> {
    const cached = this.entries.get(workspaceId);
    if (cached && performance.now() - cached.loadedAt < this.ttlMs) return cached.policies;
    const rows = await db
      .selectFrom('sla_policies')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('position')
      .execute();
    const policies = rows.map(policyFromRow);
    this.entries.set(workspaceId, { policies, loadedAt: performance.now() });
    return policies;
  }

  invalidate(workspaceId: string): void {
    this.entries.delete(workspaceId);
  }
}
