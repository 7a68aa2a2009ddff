import type { Principal } from '@server/auth/principal';
import type { CalendarCache } from '@server/calendars/repo';
import type { Database } from '@server/db/schema';
import { notFound } from '@server/http/problem';
import type { SlaPolicyBody, TicketSlaEntry } from '@shared/sla';
import type { TicketPriority } from '@shared/tickets';
import type { Kysely } from 'kysely';
import { installPreset } from './apply-preset';
import { startClock } from './clock-machine';
import type { TicketFacts } from './policy-match';
import { targetsFor } from './policy-match';
import { clockFromRow, type SlaPolicyCache } from './repo';
import type { SlaScheduler } from './scheduler';
import type { SlaTracker } from './tracker';
import type { WebhookWorker } from './webhook-worker';

const RECOMPUTE_BATCH = 500;

/** The clocks of some tickets as their JSON shows them (`ticket.sla`), by ticket id. */
export async function slaOfTickets(
  db: Kysely<Database>,
  workspaceId: string,
  ticketIds: readonly string[],
): Promise<Map<string, TicketSlaEntry[]>> {
  const byTicket = new Map<string, TicketSlaEntry[]>(ticketIds.map((id) => [id, []]));
  if (ticketIds.length === 0) return byTicket;
  const rows = await db
    .selectFrom('ticket_sla_clocks')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', 'in', ticketIds)
    .orderBy('started_at')
    .orderBy('metric')
    .execute();
  for (const row of rows) {
    const clock = clockFromRow(row);
    byTicket.get(row.ticket_id)?.push({
      metric: clock.metric,
      state: clock.state,
      dueAt: clock.dueAt?.toISOString() ?? null,
      warnAt: clock.warnAt?.toISOString() ?? null,
      startedAt: clock.startedAt.toISOString(),
      metAt: clock.metAt?.toISOString() ?? null,
      breachedAt: clock.breachedAt?.toISOString() ?? null,
      pausedAt: clock.pausedAt?.toISOString() ?? null,
      escalationLevel: clock.escalationLevel,
      target: clock.target,
    });
  }
  return byTicket;
}

/** The same arithmetic the clocks use, for a policy that may not be saved yet: "a 紧急 ticket now is due at …". */
export async function previewPolicy(
  db: Kysely<Database>,
  calendars: CalendarCache,
  options: {
    workspaceId: string;
    policy: SlaPolicyBody;
    ticket: {
      priority: TicketPriority;
      type?: string | null;
      subtype?: string | null;
      channel: string;
      customerTier?: string | null;
      tags?: string[];
    };
    from: Date;
  },
) {
  const resolved = await calendars.get(db, options.workspaceId, options.policy.calendarId);
  if (!resolved) throw notFound('Calendar');
  const facts: TicketFacts = {
    id: 'preview',
    workspaceId: options.workspaceId,
    priority: options.ticket.priority,
    type: options.ticket.type ?? null,
    subtype: options.ticket.subtype ?? null,
    channel: options.ticket.channel,
    tags: options.ticket.tags ?? [],
    customerTier: options.ticket.customerTier ?? null,
    status: 'new',
    assigneeId: null,
    teamId: null,
    needsCollaboration: false,
    receivedAt: options.from,
    createdAt: options.from,
    firstResponseAt: null,
  };
  const context = {
    calendar: resolved.calendar,
    warnAtShare: options.policy.warnAtShare,
    escalationOffsets: [],
  };
  const targets = [...targetsFor(options.policy, facts)].map(([metric, target]) => {
    // A clock started now, exactly as a ticket's would be.
    const clock = startClock(
      { metric, target, policyId: null, calendarId: resolved.id },
      options.from,
      context,
    );
    return {
      metric,
      dueAt: (clock.dueAt as Date).toISOString(),
      warnAt: (clock.warnAt as Date).toISOString(),
      target,
    };
  });
  return { from: options.from.toISOString(), targets };
}

/**
 * Service levels as the rest of the server sees them: the tracker (clocks follow ticket changes), the scheduler
 * (fires what is due), and the jobs an edited policy, calendar or preset triggers.
 */
export class ServiceLevels {
  constructor(
    readonly deps: {
      db: Kysely<Database>;
      tracker: SlaTracker;
      scheduler: SlaScheduler;
      /** Calls the webhooks escalations queued, after their transactions. */
      webhooks: WebhookWorker;
      policies: SlaPolicyCache;
      calendars: CalendarCache;
    },
  ) {}

  async policiesChanged(workspaceId: string): Promise<number> {
    this.deps.policies.invalidate(workspaceId);
    return this.recompute(workspaceId, null);
  }

  async calendarChanged(workspaceId: string, calendarId: string): Promise<number> {
    this.deps.calendars.invalidate(workspaceId);
    return this.recompute(workspaceId, calendarId);
  }

  /**
   * Re-derives the due instants of a workspace's live clocks (those on one calendar when given), a batch of
   * tickets per transaction so that intake never waits long on them; the scheduler then fires what became due.
   */
  private async recompute(workspaceId: string, calendarId: string | null): Promise<number> {
    const { db, tracker } = this.deps;
    let after = '00000000-0000-0000-0000-000000000000';
    let total = 0;
    for (;;) {
      let query = db
        .selectFrom('ticket_sla_clocks')
        .select('ticket_id')
        .distinct()
        .where('workspace_id', '=', workspaceId)
        .where('met_at', 'is', null)
        .where('ticket_id', '>', after);
      if (calendarId) query = query.where('calendar_id', '=', calendarId);
      const rows = await query.orderBy('ticket_id').limit(RECOMPUTE_BATCH).execute();
      if (rows.length === 0) break;
      const now = tracker.now();
      await db.transaction().execute((tx) =>
        tracker.track(
          tx,
          workspaceId,
          rows.map((row) => ({ ticketId: row.ticket_id, events: [{ kind: 'recompute' as const, at: now }] })),
        ),
      );
      total += rows.length;
      after = rows[rows.length - 1]?.ticket_id as string;
      if (rows.length < RECOMPUTE_BATCH) break;
    }
    if (total > 0) void this.deps.scheduler.wake();
    return total;
  }

  /** Replaces the workspace's taxonomy and SLA policies with a seed preset's, then recomputes open clocks. */
  async applyPreset(actor: Principal, presetId: string): Promise<{ presetId: string; policyIds: string[] }> {
    const policyIds = await installPreset(this.deps.db, this.deps.calendars, {
      workspaceId: actor.workspaceId,
      presetId,
      actorUserId: actor.userId,
    });
    await this.policiesChanged(actor.workspaceId);
    return { presetId, policyIds };
  }
}
