import { createStandaloneTracker } from '@server/sla/assemble';
import { login, uploadFile } from '@server/test/client';
import { buildTestApp, testDb, testVault } from '@server/test/context';
import { type IsolatedDatabase, openIsolatedDatabase } from '@server/test/databases';
import { buildTeam, buildTicket, buildUser, buildWorkspace, principalFor } from '@server/test/factories';
import { addTicketMessage } from '@server/tickets/add-message';
import { sql } from 'kysely';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { runRetention } from './retention';
import { startRetentionScheduler } from './retention-scheduler';
import { indexFilesHolding, PNG, uniquePerson } from './test-support';

const MONTH_MS = 30 * 24 * 60 * 60_000;

async function backdate(table: 'ticket_messages' | 'tickets', id: string, months: number) {
  const at = new Date(Date.now() - months * MONTH_MS);
  const column = table === 'tickets' ? 'received_at' : 'created_at';
  await sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = ${at} WHERE id = ${id}`.execute(testDb());
}

const setRetention = (workspaceId: string, months: number | null) =>
  testDb()
    .updateTable('workspaces')
    .set({ settings: JSON.stringify({ privacy: { retentionMonths: months } }) })
    .where('id', '=', workspaceId)
    .execute();

let isolated: IsolatedDatabase | undefined;
afterEach(async () => {
  await isolated?.close();
  isolated = undefined;
});

describe('retention', () => {
  it('anonymises exactly what the dry run counted, and leaves recent messages alone', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const admin = await login(app, team.admin);
    const agent = await login(app, team.agent);
    const person = uniquePerson();
    await setRetention(team.workspace.id, 6);

    const old = (
      await agent.post('/api/v1/tickets', {
        subject: '旧工单 退款进度',
        description: `去年的问题，电话 ${person.phone}`,
        channel: 'phone',
      })
    ).json();
    const file = (await uploadFile(agent, old.id, '旧照片.png', PNG)).json();
    const oldMessages = [];
    for (const body of [`快递丢在蜂巢柜了，身份证 ${person.idCard}`, `第二条旧消息 琥珀色 ${person.tag}`]) {
      const message = await agent.post(`/api/v1/tickets/${old.id}/messages`, {
        direction: 'inbound',
        body,
        attachmentIds: oldMessages.length === 0 ? [file.id] : [],
      });
      oldMessages.push(message.json().id as string);
    }
    const recent = await agent.post(`/api/v1/tickets/${old.id}/messages`, {
      direction: 'inbound',
      body: '今天又来问 翡翠绿',
    });
    const fresh = (
      await agent.post('/api/v1/tickets', {
        subject: '新工单',
        description: '刚收到的描述',
        channel: 'web_chat',
      })
    ).json();
    for (const id of oldMessages) await backdate('ticket_messages', id, 8);
    await backdate('tickets', old.id, 8);

    expect((await indexFilesHolding([person.tag])).map((found) => found.index)).toContain(
      'tickets_search_idx',
    );

    const dryRun = await admin.post('/api/v1/privacy/retention/dry-run');
    expect(dryRun.statusCode).toBe(200);
    expect(dryRun.json()).toMatchObject({
      retentionMonths: 6,
      messages: 2,
      ticketDescriptions: 1,
      attachments: 1,
    });
    const cutoff = new Date(dryRun.json().cutoff);
    // Six calendar months: 181 to 184 days.
    const daysBack = (Date.now() - cutoff.getTime()) / (24 * 60 * 60_000);
    expect(daysBack).toBeGreaterThan(180.9);
    expect(daysBack).toBeLessThan(184.1);

    const tooRecent = await admin.post('/api/v1/privacy/retention/run', { cutoff: new Date().toISOString() });
    expect([tooRecent.statusCode, tooRecent.json().code]).toEqual([422, 'cutoff_too_recent']);
    expect(tooRecent.json().errors).toEqual([expect.objectContaining({ path: '/cutoff' })]);

    const run = await admin.post('/api/v1/privacy/retention/run', { cutoff: dryRun.json().cutoff });
    // The anonymised words are gone from the search index's pages too, not only from its rows.
    expect(await indexFilesHolding([person.tag])).toEqual([]);
    expect(run.statusCode).toBe(200);
    expect(run.json()).toEqual(dryRun.json());

    const thread = (await admin.get(`/api/v1/tickets/${old.id}`)).json();
    expect(thread.description).toBe('');
    expect(thread.messages.map((m: { body: string }) => m.body)).toEqual([
      '[已按保留期限匿名化]',
      '[已按保留期限匿名化]',
      '今天又来问 翡翠绿',
    ]);
    expect(thread.attachments).toEqual([]);
    expect((await admin.get(`/api/v1/attachments/${file.id}`)).statusCode).toBe(404);
    const rows = await testDb()
      .selectFrom('ticket_messages')
      .select(['id', 'anonymized_at'])
      .where('workspace_id', '=', team.workspace.id)
      .execute();
    expect(
      rows
        .filter((row) => row.anonymized_at)
        .map((row) => row.id)
        .sort(),
    ).toEqual([...oldMessages].sort());
    expect(rows.find((row) => row.id === recent.json().id)?.anonymized_at).toBeNull();
    const spans = await testDb()
      .selectFrom('pii_spans')
      .select(['ciphertext'])
      .where('workspace_id', '=', team.workspace.id)
      .execute();
    const originals = await Promise.all(
      spans.map((row) => testVault().decrypt(team.workspace.id, row.ciphertext)),
    );
    expect(originals.filter((text) => text === person.phone || text === person.idCard)).toEqual([]);
    expect((await admin.get(`/api/v1/tickets/${fresh.id}`)).json().description).toBe('刚收到的描述');

    const found = async (q: string) =>
      (await admin.get(`/api/v1/tickets?view=all&q=${encodeURIComponent(q)}`))
        .json()
        .items.map((t: { id: string }) => t.id);
    expect(await found('蜂巢柜')).toEqual([]);
    expect(await found('琥珀色')).toEqual([]);
    expect(await found('翡翠绿')).toEqual([old.id]);
    expect(await found('退款进度')).toEqual([old.id]);

    expect((await admin.post('/api/v1/privacy/retention/dry-run')).json()).toMatchObject({
      messages: 0,
      ticketDescriptions: 0,
      attachments: 0,
    });
    const audit = (await admin.get('/api/v1/audit-events')).json().items;
    expect(audit.find((event: { action: string }) => event.action === 'pii.retention_run')).toMatchObject({
      actor: { id: team.admin.id },
      detail: { messages: 2, ticketDescriptions: 1, attachments: 1 },
    });

    await setRetention(team.workspace.id, null);
    const off = await admin.post('/api/v1/privacy/retention/dry-run');
    expect([off.statusCode, off.json().code]).toEqual([422, 'retention_off']);
  });

  it('works through a long history in small batches', async () => {
    const team = await buildTeam();
    const ticket = await buildTicket(team.agent);
    for (let index = 0; index < 5; index++) {
      const message = await addTicketMessage(testDb(), {
        actor: principalFor(team.agent),
        ticketId: ticket.id,
        direction: 'inbound',
        body: `旧消息 ${index}`,
        vault: testVault(),
        sla: createStandaloneTracker(),
      });
      await backdate('ticket_messages', message.id, 13);
    }
    const counts = await runRetention(testDb(), {
      workspaceId: team.workspace.id,
      cutoff: new Date(Date.now() - 12 * MONTH_MS),
      attachmentsRoot: '/nonexistent/attachments',
      batchSize: 2,
    });
    expect(counts).toEqual({ messages: 5, ticketDescriptions: 0, attachments: 0 });
    const left = await testDb()
      .selectFrom('ticket_messages')
      .select('id')
      .where('workspace_id', '=', team.workspace.id)
      .where('anonymized_at', 'is', null)
      .execute();
    expect(left).toEqual([]);
  });

  it('runs daily on its own for workspaces with a retention period, as nobody', async () => {
    isolated = await openIsolatedDatabase(inject('database'), inject('templateDir'));
    const { db } = isolated;
    const withRetention = await buildWorkspace({ settings: { privacy: { retentionMonths: 3 } } }, db);
    const without = await buildWorkspace({}, db);
    const messages = [];
    for (const workspace of [withRetention, without]) {
      const agent = await buildUser(workspace, {}, db);
      const ticket = await buildTicket(agent, {}, db);
      const message = await addTicketMessage(db, {
        actor: principalFor(agent),
        ticketId: ticket.id,
        direction: 'inbound',
        body: '半年前的消息',
        vault: testVault(db),
        sla: createStandaloneTracker(),
      });
      await db
        .updateTable('ticket_messages')
        .set({ created_at: new Date(Date.now() - 6 * MONTH_MS) })
        .where('id', '=', message.id)
        .execute();
      messages.push(message.id);
    }
    const logged: unknown[] = [];
    const scheduler = startRetentionScheduler({
      db,
      storage: { attachmentsRoot: '/nonexistent/attachments', exportsDir: '/nonexistent/exports' },
      log: {
        info: (entry: unknown) => logged.push(entry),
        warn: (entry: unknown) => logged.push(entry),
        error: (entry: unknown) => logged.push(entry),
      },
      firstRunAfterMs: 0,
    });
    for (let attempt = 0; attempt < 100 && logged.length === 0; attempt++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    await scheduler.stop();

    expect(logged).toEqual([
      expect.objectContaining({ workspaceId: withRetention.id, messages: 1, ticketDescriptions: 0 }),
    ]);
    const bodies = await db
      .selectFrom('ticket_messages')
      .select(['id', 'body'])
      .where('id', 'in', messages)
      .execute();
    expect(Object.fromEntries(bodies.map((row) => [row.id, row.body]))).toEqual({
      [messages[0] as string]: '[已按保留期限匿名化]',
      [messages[1] as string]: '半年前的消息',
    });
    const audit = await db
      .selectFrom('audit_events')
      .select(['actor_user_id', 'detail'])
      .where('workspace_id', '=', withRetention.id)
      .where('action', '=', 'pii.retention_run')
      .execute();
    expect(audit).toEqual([{ actor_user_id: null, detail: expect.objectContaining({ messages: 1 }) }]);
  });
});
