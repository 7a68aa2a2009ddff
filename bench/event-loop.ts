import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openDatabase } from '@server/db/database';
import { sql } from 'kysely';

const REPORT_ROWS = 200_000;

export interface EventLoopFigures {
  rows: number;
  seedMs: number;
  reportQueryMs: number;
  idleLagP99Ms: number;
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
}

/**
 * The embedded engine runs in a worker thread so that a heavy report does not freeze HTTP and timers on the main
 * thread. This runs a weekly-review style GROUP BY over 200k rows again and again and samples the main thread's
 * event-loop delay meanwhile.
 */
export async function measureEventLoopLag(): Promise<EventLoopFigures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-lag-'));
  const database = await openDatabase({ dataDir });
  const { db } = database;
  try {
    const seedStarted = performance.now();
    await sql`CREATE TABLE bench_contacts (
      id bigint PRIMARY KEY, workspace_id int NOT NULL, channel text NOT NULL, status text NOT NULL,
      satisfaction int, created_at timestamptz NOT NULL)`.execute(db);
    await sql`INSERT INTO bench_contacts
      SELECT g, g % 3, (ARRAY['wechat','taobao','email','web','phone','jd'])[1 + g % 6],
             (ARRAY['open','resolved','closed'])[1 + g % 3], CASE WHEN g % 4 = 0 THEN NULL ELSE 1 + g % 5 END,
             now() - make_interval(mins => g % 40000)
      FROM generate_series(1, ${REPORT_ROWS}) g`.execute(db);
    const seedMs = performance.now() - seedStarted;

    const idle = monitorEventLoopDelay({ resolution: 5 });
    idle.enable();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    idle.disable();

    const histogram = monitorEventLoopDelay({ resolution: 5 });
    histogram.enable();
    const queryTimes: number[] = [];
    const until = performance.now() + 5000;
    while (performance.now() < until) {
      const started = performance.now();
      await sql`SELECT workspace_id, channel, date_trunc('day', created_at) AS day, count(*),
                       avg(satisfaction), count(*) FILTER (WHERE status <> 'closed') AS unclosed
                FROM bench_contacts GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`.execute(db);
      queryTimes.push(performance.now() - started);
    }
    histogram.disable();
    queryTimes.sort((a, b) => a - b);
    const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;
    return {
      rows: REPORT_ROWS,
      seedMs: Math.round(seedMs),
      reportQueryMs: Math.round(queryTimes[Math.floor(queryTimes.length / 2)] ?? 0),
      idleLagP99Ms: ms(idle.percentile(99)),
      lagP50Ms: ms(histogram.percentile(50)),
      lagP99Ms: ms(histogram.percentile(99)),
      lagMaxMs: ms(histogram.max),
    };
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
