import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Principal } from '@server/auth/principal';
import { createKysely } from '@server/db/database';
import { migrateToLatest } from '@server/db/migrate';
import { Keyring } from '@server/privacy/keyring';
import { loadMasterKeys } from '@server/privacy/master-key';
import { PersonalDataVault } from '@server/privacy/vault';
import { queryTokens } from '@server/search/segmenter';
import { listTickets } from '@server/tickets/list-tickets';
import { listTicketsQuery } from '@server/tickets/schema';
import { sql } from 'kysely';
import pg from 'pg';
import { seedTicketsAtScale } from './tickets-seed';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 1_000_000);
const MESSAGES_PER_TICKET = 3;
const RUNS = 40;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function time(run: () => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50).toFixed(1), p95: percentile(samples, 95).toFixed(1) };
}

/**
 * Inbox and search at scale on PostgreSQL: 1,000,000 tickets and 3,000,000 messages in one workspace (plus a second
 * workspace, so that tenancy filters do real work), timed through the same service the API calls.
 */
export async function measureTicketsAtScale(): Promise<string[]> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch {
    return [`skipped: no PostgreSQL at ${adminUrl} (set BENCH_DATABASE_URL)`];
  }
  await admin.query('DROP DATABASE IF EXISTS kefu_bench WITH (FORCE)');
  await admin.query('CREATE DATABASE kefu_bench');
  const url = new URL(adminUrl);
  url.pathname = '/kefu_bench';
  const db = createKysely({ connectionString: url.toString() }, { max: 4 });
  try {
    await migrateToLatest(db);
    const workspaces = await db
      .insertInto('workspaces')
      .values([
        { name: '大型客服中心', slug: 'big', settings: '{}' },
        { name: '另一个品牌', slug: 'other', settings: '{}' },
      ])
      .returning('id')
      .execute();
    const [big, other] = workspaces.map((w) => w.id) as [string, string];
    const departments = await db
      .insertInto('departments')
      .values(
        ['客服部', '售后技术部', '运营部', '客诉组', '客户成功部'].map((name) => ({
          workspace_id: big,
          name,
        })),
      )
      .returning('id')
      .execute();
    const agents = await db
      .insertInto('users')
      .values(
        Array.from({ length: 60 }, (_, i) => ({
          workspace_id: big,
          email: `agent${i}@bench.test`,
          name: `客服${i}`,
          employee_no: `KF${i}`,
          role: 'agent' as const,
          department_id: departments[i % 5]?.id ?? null,
          password_hash: 'x',
        })),
      )
      .returning('id')
      .execute();
    const otherAgent = await db
      .insertInto('users')
      .values({
        workspace_id: other,
        email: 'other@bench.test',
        name: 'x',
        role: 'agent',
        password_hash: 'x',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const otherTeam = await db
      .insertInto('departments')
      .values({ workspace_id: other, name: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();

    const seedStarted = performance.now();
    await seedTicketsAtScale(db, {
      workspaceId: big,
      tickets: TICKETS,
      messagesPerTicket: MESSAGES_PER_TICKET,
      agentIds: agents.map((a) => a.id),
      teamIds: departments.map((d) => d.id),
      offset: 0,
    });
    await seedTicketsAtScale(db, {
      workspaceId: other,
      tickets: Math.round(TICKETS / 10),
      messagesPerTicket: 1,
      agentIds: [otherAgent.id],
      teamIds: [otherTeam.id],
      offset: TICKETS,
    });
    // One ticket mentions a rare word (the search path that reads all matches from the index).
    await sql`UPDATE tickets SET search_tokens = search_tokens || ' ' || ${queryTokens('保价险理赔').join(' ')}
      WHERE id = (SELECT id FROM tickets WHERE workspace_id = ${big} ORDER BY created_at LIMIT 1 OFFSET 1000)`.execute(
      db,
    );
    await sql`ANALYZE`.execute(db);
    const seedSeconds = ((performance.now() - seedStarted) / 1000).toFixed(0);
    const counts = await sql<{
      tickets: number;
      messages: number;
    }>`SELECT (SELECT count(*) FROM tickets)::int AS tickets, (SELECT count(*) FROM ticket_messages)::int AS messages`.execute(
      db,
    );

    const agentId = agents[1]?.id as string;
    const actor: Principal = { via: 'session', userId: agentId, workspaceId: big, role: 'agent' };
    const vault = new PersonalDataVault(
      db,
      new Keyring(db, loadMasterKeys({ masterKey: randomBytes(32).toString('hex'), dataDir: os.tmpdir() })),
    );
    const list = (query: Record<string, string>) =>
      listTickets(db, { actor, query: listTicketsQuery.parse(query), vault });
    const secondPage = (await list({ view: 'all_open' })).nextCursor ?? '';
    const cases: [string, Record<string, string>][] = [
      ['inbox: all open, newest activity', { view: 'all_open' }],
      ['inbox: all open, page 2 (cursor)', { view: 'all_open', cursor: secondPage }],
      ['inbox: mine', { view: 'mine' }],
      ['inbox: my team', { view: 'my_team' }],
      ['inbox: unassigned', { view: 'unassigned' }],
      ['inbox: all open by priority', { view: 'all_open', sort: 'priority' }],
      [
        'inbox: urgent + pending customer, WeChat',
        { view: 'all', status: 'pending_customer', priority: 'urgent', channel: 'wechat' },
      ],
      ['search: 退货 (common word)', { view: 'all', q: '退货' }],
      ['search: 闪退', { view: 'all', q: '闪退' }],
      ['search: 物流 更新 (two words)', { view: 'all', q: '物流 更新' }],
      ['search: order number', { view: 'all', q: String(3700000000000000000 + 300_000) }],
      ['search: ticket number', { view: 'all', q: (await list({ view: 'all' })).items[5]?.number ?? '' }],
      ['search: damaged (English)', { view: 'all', q: 'damaged' }],
      ['search: 保价险理赔 (rare: one ticket)', { view: 'all', q: '保价险理赔' }],
      ['search: 退货 within open tickets', { view: 'all_open', q: '退货' }],
    ];
    const lines = [
      `seeded ${counts.rows[0]?.tickets.toLocaleString('en')} tickets and ${counts.rows[0]?.messages.toLocaleString('en')} messages on PostgreSQL in ${seedSeconds} s`,
    ];
    for (const [label, query] of cases) {
      await list(query);
      const { p50, p95 } = await time(() => list(query));
      lines.push(`  ${label.padEnd(44)} p50 ${p50.padStart(6)} ms   p95 ${p95.padStart(6)} ms`);
    }
    // What an erasure adds after its commit (server/pipl/erase-customer.ts): rebuilding the tickets' text indexes.
    for (const index of ['tickets_search_idx', 'tickets_order_numbers_idx']) {
      const started = performance.now();
      await sql.raw(`REINDEX INDEX CONCURRENTLY ${index}`).execute(db);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      lines.push(`  erasure purge: REINDEX CONCURRENTLY ${index.padEnd(26)} ${seconds.padStart(6)} s`);
    }
    return lines;
  } finally {
    await db.destroy();
    if (!process.env.BENCH_KEEP) await admin.query('DROP DATABASE IF EXISTS kefu_bench WITH (FORCE)');
    await admin.end();
  }
}
