import { login } from '@server/test/kefu-http';
import { type RunningKefu, startKefuProcess } from '@server/test/kefu-process';
import { PROCESS_ADMIN, processDatabase } from '@server/test/process-database';
import { seedTicketsWithClocks } from '@server/test/sla-seed';
import { sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';

const engine = inject('database').engine;
// Two app processes share one PostgreSQL database; the embedded engine is one process by design.
const processCount = engine === 'postgres' ? 2 : 1;
const breaches = engine === 'postgres' ? 10_000 : 1_000;

describe(`${breaches} simultaneous breaches on ${processCount} app process(es) (${engine})`, () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('fires each escalation exactly once', async () => {
    const database = await processDatabase(inject('database'), inject('templateDir'));
    cleanups.push(database.cleanup);
    // First start creates the workspace and its admin; then the tickets are written while no process runs.
    await (await startKefuProcess(database.env)).stop();
    await database.inspect(async (db) => {
      const admin = await db
        .selectFrom('users')
        .select(['id', 'workspace_id'])
        .where('email', '=', PROCESS_ADMIN.email)
        .executeTakeFirstOrThrow();
      await seedTicketsWithClocks(db, {
        workspaceId: admin.workspace_id,
        assigneeId: admin.id,
        total: breaches + 500,
        due: [{ count: breaches, at: new Date(Date.now() - 60_000) }],
        escalations: [
          { afterMinutes: 0, actions: [{ kind: 'notify_assignee' }, { kind: 'add_tag', tag: '已升级' }] },
        ],
      });
    });

    const processes: RunningKefu[] = await Promise.all(
      Array.from({ length: processCount }, () => startKefuProcess(database.env)),
    );
    for (const kefu of processes) cleanups.push(() => kefu.stop());
    const owner = await login((processes[0] as RunningKefu).baseUrl, PROCESS_ADMIN);
    const deadline = Date.now() + 120_000;
    // What the owner's bell shows: single notifications, and digests that each count their tickets.
    const notifiedTickets = async () => {
      const { items } = (await (await owner.get('/api/v1/notifications?limit=200')).json()) as {
        items: { ticketId: string | null; data: { count?: number } }[];
      };
      return items.reduce((sum, item) => sum + (item.ticketId === null ? (item.data.count ?? 0) : 1), 0);
    };
    let notified = 0;
    while (Date.now() < deadline) {
      notified = await notifiedTickets();
      if (notified >= breaches) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(notified).toBe(breaches);
    // A little longer: a double firing would land now.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (const kefu of processes) await kefu.stop();

    await database.inspect(async (db) => {
      const counts = await sql<{ kind: string; tickets: number; rows: number }>`
        SELECT kind, count(DISTINCT ticket_id)::int AS tickets, count(*)::int AS rows
        FROM ticket_events WHERE kind IN ('sla_breached', 'sla_escalated', 'field_changed') GROUP BY kind
        ORDER BY kind`.execute(db);
      // A breach and the level it triggers at once are one timeline entry naming the level.
      expect(counts.rows).toEqual([
        { kind: 'field_changed', tickets: breaches, rows: breaches },
        { kind: 'sla_breached', tickets: breaches, rows: breaches },
      ]);
      const levels = await sql<{ level: number; n: number; tickets: number }>`
        SELECT level, count(*)::int AS n, count(DISTINCT ticket_id)::int AS tickets FROM sla_firings
        GROUP BY level`.execute(db);
      expect(levels.rows).toEqual([{ level: 1, n: breaches, tickets: breaches }]);
      // Hundreds at once reach the owner as digests; every ticket is counted in exactly one.
      const notified = await sql<{ tickets: number }>`
        SELECT COALESCE(sum(CASE WHEN ticket_id IS NULL THEN (data->>'count')::int ELSE 1 END), 0)::int AS tickets
        FROM notifications`.execute(db);
      expect(notified.rows[0]?.tickets).toBe(breaches);
      const tagged = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM tickets WHERE tags = ARRAY['已升级']::text[]`.execute(db);
      expect(tagged.rows[0]?.n).toBe(breaches);
      const notYet = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM ticket_sla_clocks WHERE breached_at IS NULL`.execute(db);
      expect(notYet.rows[0]?.n).toBe(500);
    });
  }, 240_000);
});
