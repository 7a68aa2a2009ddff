import type { Database } from '@server/db/schema';
import type { TicketSlaClockRow } from '@server/db/sla-tables';
import { publishRealtime } from '@server/realtime/publish';
import { DEFAULT_WARN_AT_SHARE, type EscalationAction } from '@shared/sla';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { type Firing, fireDue } from './clock-machine';
import { type FiredItem, runEscalationActions } from './escalation-actions';
import { escalationLevelsFor, escalationOffsets } from './policy-match';
import { clockFromRow, customerTierColumn, FACT_COLUMNS, type FactRow, factsOf, saveClocks } from './repo';
import type { SlaTracker } from './tracker';

// A sweep with nothing due costs one index probe (a few ms with a million open clocks, docs/performance.md), so
// sweeping four times a second keeps breach → escalation lag well under the 2 s target.
const DEFAULT_INTERVAL_MS = 250;
const DEFAULT_LANES = 2;

/** The level a firing is recorded under in sla_firings: warning −1, breach 0, escalation levels 1–4. */
const levelOf = (firing: Firing) =>
  firing.kind === 'warning' ? -1 : firing.kind === 'breach' ? 0 : firing.level;

export interface SweepResult {
  claimed: number;
  fired: number;
  workspaces: Set<string>;
  /** The instant the batch fired at. */
  now: Date;
}

type ClaimedRow = TicketSlaClockRow & FactRow & { number: string; subject: string };

/**
 * Fires what is due: claims clocks whose `next_fire_at` has passed (`FOR UPDATE ... SKIP LOCKED`, so several app
 * processes share the work and never take the same row), with their tickets, fires their warnings, breaches and
 * escalation levels, and moves each clock on to its next instant — one transaction per batch. `sla_firings`
 * refuses a second firing of the same (clock, cycle, level), so an escalation fires exactly once across processes.
 */
export class SlaScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      tracker: SlaTracker;
      log: FastifyBaseLogger;
      batchSize?: number;
      intervalMs?: number;
      /** Batches swept at once: PostgreSQL runs them on separate cores, SKIP LOCKED keeps them disjoint. */
      lanes?: number;
      /** Called after a commit that fired something: poke the realtime hub for these workspaces. */
      onFired?: (workspaceIds: Set<string>) => void;
    },
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Sweep now (a clock was moved, a test advanced time); a sweep already running goes round once more. */
  wake(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.sweepUntilIdle().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        void this.wake();
      }
    });
    return this.running;
  }

  private schedule(delay: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.wake().finally(() => this.schedule(this.deps.intervalMs ?? DEFAULT_INTERVAL_MS));
    }, delay);
    this.timer.unref();
  }

  private async sweepUntilIdle(): Promise<void> {
    try {
      await this.sweep();
    } catch (error) {
      this.deps.log.error({ err: error }, 'SLA sweep failed; retrying on the next tick');
    }
  }

  /**
   * Claims and fires batches, a few lanes at once, until fewer than a batch are due. A round that fired something
   * may have made more due (a raised priority tightens the other clocks of its ticket): one more round then.
   */
  async sweep(): Promise<{ claimed: number; fired: number }> {
    const total = { claimed: 0, fired: 0 };
    for (let round = 0; round < 5; round++) {
      const { claimed, fired } = await this.sweepRound();
      total.claimed += claimed;
      total.fired += fired;
      if (fired === 0) break;
    }
    return total;
  }

  private async sweepRound(): Promise<{ claimed: number; fired: number }> {
    const batchSize = this.deps.batchSize ?? 500;
    const lanes = await Promise.all(
      Array.from({ length: this.deps.lanes ?? DEFAULT_LANES }, async () => {
        let claimed = 0;
        let fired = 0;
        for (;;) {
          const result = await this.sweepBatch(batchSize);
          claimed += result.claimed;
          fired += result.fired;
          if (result.workspaces.size > 0) this.deps.onFired?.(result.workspaces);
          if (result.claimed < batchSize) return { claimed, fired };
        }
      }),
    );
    return {
      claimed: lanes.reduce((sum, lane) => sum + lane.claimed, 0),
      fired: lanes.reduce((sum, lane) => sum + lane.fired, 0),
    };
  }

  async sweepBatch(batchSize: number): Promise<SweepResult> {
    return this.deps.db.transaction().execute((tx) => this.claimAndFire(tx, batchSize));
  }

  private async claimAndFire(tx: Kysely<Database>, batchSize: number): Promise<SweepResult> {
    const { tracker } = this.deps;
    const now = tracker.now();
    const rows = await tx
      .selectFrom('ticket_sla_clocks as c')
      .innerJoin('tickets as t', (join) =>
        join.onRef('t.id', '=', 'c.ticket_id').onRef('t.workspace_id', '=', 'c.workspace_id'),
      )
      .selectAll('c')
      .select(['t.number', 't.subject', ...FACT_COLUMNS, customerTierColumn])
      .where('c.next_fire_at', '<=', now)
      .orderBy('c.next_fire_at')
      .limit(batchSize)
      .forUpdate(['c', 't'])
      .skipLocked()
      .execute();
    const workspaces = new Set<string>();
    let fired = 0;
    const byWorkspace = new Map<string, typeof rows>();
    for (const row of rows) {
      const list = byWorkspace.get(row.workspace_id);
      if (list) list.push(row);
      else byWorkspace.set(row.workspace_id, [row]);
    }
    for (const [workspaceId, workspaceRows] of byWorkspace) {
      const count = await this.fireWorkspace(tx, workspaceId, workspaceRows, now);
      fired += count;
      if (count > 0) workspaces.add(workspaceId);
    }
    return { claimed: rows.length, fired, workspaces, now };
  }

  private async fireWorkspace(
    tx: Kysely<Database>,
    workspaceId: string,
    rows: readonly ClaimedRow[],
    now: Date,
  ): Promise<number> {
    const { tracker } = this.deps;
    const policies = await tracker.deps.policies.get(tx, workspaceId);
    // The claim read the tickets with their clocks (and locked both): no second read.
    const facts = new Map(rows.map((row) => [row.ticket_id, factsOf(row, workspaceId)]));
    const saved: { ticketId: string; upserts: ReturnType<typeof clockFromRow>[]; removed: [] }[] = [];
    const candidates: (FiredItem & { cycle: number })[] = [];
    for (const row of rows) {
      const ticketFacts = facts.get(row.ticket_id);
      if (!ticketFacts) continue;
      const policy = policies.find((candidate) => candidate.id === row.policy_id) ?? null;
      const resolved = await tracker.deps.calendars.get(tx, workspaceId, row.calendar_id);
      if (!resolved) continue;
      const clock = clockFromRow(row);
      const { clock: next, firings } = fireDue(clock, now, {
        calendar: resolved.calendar,
        warnAtShare: policy?.warnAtShare ?? DEFAULT_WARN_AT_SHARE,
        escalationOffsets: policy ? escalationOffsets(policy, clock.metric) : [],
      });
      saved.push({ ticketId: row.ticket_id, upserts: [next], removed: [] });
      const levels = policy ? escalationLevelsFor(policy, clock.metric) : [];
      for (const firing of firings) {
        let actions: readonly EscalationAction[] = [];
        if (firing.kind === 'warning') actions = policy?.warningActions ?? [];
        if (firing.kind === 'escalation') actions = levels[firing.level - 1]?.actions ?? [];
        candidates.push({
          facts: { ...ticketFacts, number: row.number, subject: row.subject },
          metric: clock.metric,
          kind: firing.kind,
          level: levelOf(firing),
          dueAt: next.dueAt,
          actions,
          cycle: clock.cycle,
        });
      }
    }
    await saveClocks(tx, workspaceId, saved);
    if (candidates.length === 0) return 0;
    // Exactly once: only warnings and escalation levels this transaction could record run their actions (the
    // clock row lock already keeps a second sweep off; this holds even if it did not). A breach has no actions.
    const guarded = candidates.filter((item) => item.kind !== 'breach');
    const recorded =
      guarded.length === 0
        ? []
        : await tx
            .insertInto('sla_firings')
            .values(
              guarded.map((item) => ({
                workspace_id: workspaceId,
                ticket_id: item.facts.id,
                metric: item.metric,
                cycle: item.cycle,
                level: item.level,
                fired_at: now,
              })),
            )
            .onConflict((conflict) => conflict.columns(['ticket_id', 'metric', 'cycle', 'level']).doNothing())
            .returning(['ticket_id', 'metric', 'cycle', 'level'])
            .execute();
    const fresh = new Set(recorded.map((row) => `${row.ticket_id}/${row.metric}/${row.cycle}/${row.level}`));
    const items = candidates.filter(
      (item) =>
        item.kind === 'breach' || fresh.has(`${item.facts.id}/${item.metric}/${item.cycle}/${item.level}`),
    );
    if (items.length === 0) return 0;
    const { slaEvents, realtime } = await runEscalationActions(tx, workspaceId, items, now);
    if (slaEvents.size > 0) {
      await tracker.track(
        tx,
        workspaceId,
        [...slaEvents].map(([ticketId, events]) => ({ ticketId, events })),
        { ticketsLocked: true },
      );
    }
    await publishRealtime(tx, workspaceId, realtime);
    return items.length;
  }
}
