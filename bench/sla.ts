/**
 * `npm run bench -- sla`: the SLA scheduler with 1,000,000 open tickets on PostgreSQL. 10,000 of their clocks fall
 * due at the same instant; the scheduler (as main.ts runs it: a sweep every 250 ms, batches of 500, two lanes) fires each breach
 * and its escalation. Figures: breach → escalation committed lag (p50/p99/max), the cost of a sweep with nothing
 * due, and the cost per fired item in a busy sweep.
 */
import { hashPassword } from '@server/auth/passwords';
import { createKysely } from '@server/db/database';
import { migrateToLatest } from '@server/db/migrate';
import { createServiceLevels } from '@server/sla/assemble';
import type { Clock } from '@server/sla/clock';
import { seedTicketsWithClocks } from '@server/test/sla-seed';
import { sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';

const OPEN_TICKETS = Number(process.env.BENCH_SLA_TICKETS ?? 1_000_000);
const SIMULTANEOUS = Number(process.env.BENCH_SLA_DUE ?? 10_000);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

export async function measureSlaScheduler(): Promise<string[]> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS kefu_bench_sla WITH (FORCE)');
  await admin.query('CREATE DATABASE kefu_bench_sla');
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = '/kefu_bench_sla';
  const db = createKysely({ connectionString: url.toString() });
  try {
    await migrateToLatest(db);
    const workspace = await db
      .insertInto('workspaces')
      .values({ name: 'SLA bench', slug: 'sla-bench', settings: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const agent = await db
      .insertInto('users')
      .values({
        workspace_id: workspace.id,
        email: 'agent@bench.example',
        name: '坐席',
        role: 'agent',
        password_hash: await hashPassword('bench passphrase 2026'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('users')
      .values({
        workspace_id: workspace.id,
        email: 'lead@bench.example',
        name: '主管',
        role: 'supervisor',
        password_hash: await hashPassword('bench passphrase 2026'),
      })
      .execute();
    const seedStarted = performance.now();
    // Burst: SIMULTANEOUS clocks due at one instant (an outage). Steady: the same number spread over 100 s later.
    const burstAt = new Date(Date.now() + 3_600_000);
    const steadyAt = new Date(burstAt.getTime() + 120_000);
    await seedTicketsWithClocks(db, {
      workspaceId: workspace.id,
      assigneeId: agent.id,
      total: OPEN_TICKETS,
      due: [
        { count: SIMULTANEOUS, at: burstAt },
        { count: SIMULTANEOUS, at: steadyAt, spreadSeconds: 100 },
      ],
      escalations: [
        { afterMinutes: 0, actions: [{ kind: 'notify_assignee' }, { kind: 'notify_supervisor' }] },
      ],
    });
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    // The scheduler's clock runs ahead by `offset`: set to just before each phase's instant.
    let offset = 0;
    const clock: Clock = { now: () => new Date(Date.now() + offset) };
    const serviceLevels = createServiceLevels({
      db,
      log: pino({ level: 'warn' }),
      clock,
      scheduler: {
        batchSize: Number(process.env.BENCH_SLA_BATCH ?? 500),
        lanes: Number(process.env.BENCH_SLA_LANES ?? 2),
      },
    });
    const { scheduler } = serviceLevels.deps;

    const idle: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      await scheduler.sweepBatch(500);
      idle.push(performance.now() - started);
    }

    const batches: { now: number; committedAt: number; fired: number; ms: number }[] = [];
    const original = scheduler.sweepBatch.bind(scheduler);
    scheduler.sweepBatch = async (size: number) => {
      const started = performance.now();
      const result = await original(size);
      batches.push({
        now: result.now.getTime(),
        committedAt: Date.now() + offset,
        fired: result.fired,
        ms: performance.now() - started,
      });
      return result;
    };
    const runPhase = async (at: Date, expected: number, seconds: number) => {
      offset = at.getTime() - Date.now() - 100;
      scheduler.start();
      const deadline = Date.now() + seconds * 1000 + 120_000;
      for (;;) {
        const done = await sql<{ n: number }>`
          SELECT count(*)::int AS n FROM sla_firings WHERE level = 1`.execute(db);
        if ((done.rows[0]?.n ?? 0) >= expected || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      await scheduler.stop();
    };
    const lagsSince = async (from: Date, to: Date) => {
      const committedAtByNow = new Map(batches.map((batch) => [batch.now, batch.committedAt]));
      const firings = await sql<{ fired_at: Date; due_at: Date }>`
        SELECT f.fired_at, c.due_at FROM sla_firings f
        JOIN ticket_sla_clocks c ON c.ticket_id = f.ticket_id AND c.metric = f.metric
        WHERE f.level = 1 AND c.due_at >= ${from} AND c.due_at <= ${to}`.execute(db);
      return firings.rows
        .map((row) => (committedAtByNow.get(row.fired_at.getTime()) ?? Number.NaN) - row.due_at.getTime())
        .sort((a, b) => a - b);
    };
    const trace = () => {
      if (process.env.BENCH_SLA_TRACE)
        for (const batch of batches.filter((b) => b.fired > 0))
          process.stdout.write(`  batch fired=${batch.fired} ms=${batch.ms.toFixed(0)}\n`);
    };

    await runPhase(burstAt, SIMULTANEOUS, 0);
    trace();
    const busy = batches.filter((batch) => batch.fired > 0);
    const perItem =
      busy.reduce((sum, batch) => sum + batch.ms, 0) / busy.reduce((sum, batch) => sum + batch.fired / 2, 0);
    const burst = await lagsSince(burstAt, burstAt);
    await runPhase(steadyAt, SIMULTANEOUS * 2, 100);
    const steady = await lagsSince(steadyAt, new Date(steadyAt.getTime() + 100_000));
    const notifications = await sql<{ n: number }>`SELECT count(*)::int AS n FROM notifications`.execute(db);
    const sortedIdle = idle.sort((a, b) => a - b);
    const lagLine = (lags: number[]) =>
      `${Math.round(percentile(lags, 0.5))} / ${Math.round(percentile(lags, 0.99))} / ${Math.round(lags.at(-1) ?? 0)} ms`;
    return [
      `  open tickets with clocks                            ${OPEN_TICKETS.toLocaleString('en')} (seeded in ${seedSeconds.toFixed(0)} s)`,
      `  sweep with nothing due, median / max                ${percentile(sortedIdle, 0.5).toFixed(1)} / ${(sortedIdle.at(-1) ?? 0).toFixed(1)} ms`,
      `  steady: ${(SIMULTANEOUS / 100).toFixed(0)} breaches/s for 100 s → escalation committed, p50 / p99 / max   ${lagLine(steady)}`,
      `  burst: ${SIMULTANEOUS.toLocaleString('en')} due at one instant → escalation, p50 / p99 / max   ${lagLine(burst)}`,
      `  busy sweep cost per fired clock (breach + level 1)  ${perItem.toFixed(2)} ms (batches of 500, 2 lanes)`,
      `  escalations fired / notification rows (digests)     ${(burst.length + steady.length).toLocaleString('en')} / ${notifications.rows[0]?.n.toLocaleString('en')}`,
    ];
  } finally {
    await db.destroy();
  }
}
