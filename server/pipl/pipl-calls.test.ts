import { randomUUID } from 'node:crypto';
import { login, type TestClient } from '@server/test/client';
import { buildTestApp, testDb } from '@server/test/context';
import { buildTeam } from '@server/test/factories';
import { strFromU8, unzipSync } from 'fflate';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { finishedJob, uniquePerson } from './test-support';

const MONTH_MS = 30 * 24 * 60 * 60_000;

const logCall = async (agent: TestClient, overrides: Record<string, unknown>) => {
  const response = await agent.post('/api/v1/calls', {
    externalId: `cti-${randomUUID()}`,
    direction: 'inbound',
    callee: '400-800-1234',
    startedAt: '2026-12-01T02:00:00Z',
    answeredAfterSeconds: 7,
    durationSeconds: 95,
    ...overrides,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
};

/** This workspace's call records and call timeline entries, as JSON text. */
async function callTraces(workspaceId: string) {
  const rows = await sql<{ row: string }>`
    SELECT row_to_json(c)::text AS row FROM call_records c WHERE c.workspace_id = ${workspaceId}
    UNION ALL
    SELECT row_to_json(e)::text FROM ticket_events e WHERE e.workspace_id = ${workspaceId} AND e.kind = 'call_logged'`.execute(
    testDb(),
  );
  return rows.rows.map((row) => row.row).join('\n');
}

describe('phone calls under PIPL', () => {
  it('exports a customer’s calls masked, and erases their number, notes and recordings but not the counts', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const admin = await login(app, team.admin);
    const agent = await login(app, team.agent);
    const person = uniquePerson();
    const bystander = uniquePerson();
    const recording = `https://pbx.example.test/recordings/${person.tag}.mp3`;
    const first = await logCall(agent, {
      caller: person.phone,
      recordingUrl: recording,
      notes: `${person.name}来电，身份证 ${person.idCard}`,
    });
    await logCall(agent, {
      caller: `+86 ${person.phone}`,
      answeredAfterSeconds: null,
      durationSeconds: 0,
      startedAt: '2026-12-01T03:00:00Z',
    });
    await logCall(agent, { caller: bystander.phone, notes: `${bystander.name}咨询` });
    const metricsBefore = (await agent.get('/api/v1/calls/metrics?from=2026-12-01')).json();

    const started = (await admin.post(`/api/v1/customers/${first.customerId}/exports`)).json();
    const job = await finishedJob(admin, started.id);
    const archive = unzipSync(new Uint8Array((await admin.get(job.downloadUrl)).rawPayload));
    const calls = JSON.parse(strFromU8(archive['calls.json'] as Uint8Array));
    expect(calls).toEqual([
      expect.objectContaining({
        ticketNumber: first.ticketNumber,
        direction: 'inbound',
        answeredAfterSeconds: 7,
        durationSeconds: 95,
        recordingUrl: recording,
        notes: `${person.name}来电，身份证 ${person.idCard.slice(0, 6)}${'*'.repeat(8)}${person.idCard.slice(-4)}`,
      }),
      expect.objectContaining({ answeredAfterSeconds: null, notes: '' }),
    ]);
    for (const entry of calls) {
      expect(entry.customerNumber).toMatch(/^139\*+\d{4}$/);
      expect(entry.customerNumber).not.toBe(person.phone);
    }
    expect(strFromU8(archive['README.txt'] as Uint8Array)).toContain('calls.json');

    const traces = await callTraces(team.workspace.id);
    expect(traces).toContain(person.tag);
    const erased = await admin.post(`/api/v1/customers/${first.customerId}/erasure`, {
      confirmNumber: (await admin.get(`/api/v1/customers/${first.customerId}`)).json().number,
    });
    expect(erased.statusCode, erased.body).toBe(200);
    expect(erased.json()).toMatchObject({ calls: 2 });

    const after = await callTraces(team.workspace.id);
    for (const needle of [person.tag, person.name, person.phone, person.idCard, calls[0].customerNumber])
      expect(after, needle).not.toContain(needle);
    // The bystander's call is untouched, and the phone service level counts what it counted.
    expect(after).toContain(`${bystander.name}咨询`);
    expect((await agent.get('/api/v1/calls/metrics?from=2026-12-01')).json()).toEqual(metricsBefore);
    const remaining = await testDb()
      .selectFrom('call_records')
      .select(['customer_number_masked', 'notes', 'recording_url', 'duration_seconds'])
      .where('workspace_id', '=', team.workspace.id)
      .where('customer_id', '=', first.customerId)
      .orderBy('started_at')
      .execute();
    expect(remaining).toEqual([
      { customer_number_masked: '[已删除]', notes: '[已删除]', recording_url: null, duration_seconds: 95 },
      { customer_number_masked: '[已删除]', notes: '', recording_url: null, duration_seconds: 0 },
    ]);
    // Their number no longer finds anyone: a new call from it is a new customer.
    const caller = (await agent.get(`/api/v1/calls/caller?phone=${person.phone}`)).json();
    expect(caller.customer).toBeNull();
  });

  it('anonymises a call’s notes with the message they were logged as when the retention period ends', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const admin = await login(app, team.admin);
    const agent = await login(app, team.agent);
    await testDb()
      .updateTable('workspaces')
      .set({ settings: JSON.stringify({ privacy: { retentionMonths: 6 } }) })
      .where('id', '=', team.workspace.id)
      .execute();
    const person = uniquePerson();
    const old = await logCall(agent, { caller: person.phone, notes: `旧来电 ${person.tag}` });
    const recent = await logCall(agent, { caller: person.phone, notes: '今天的来电' });
    const notesOf = async (callId: string) =>
      (
        await testDb()
          .selectFrom('call_records')
          .select(['notes', 'message_id'])
          .where('workspace_id', '=', team.workspace.id)
          .where('id', '=', callId)
          .executeTakeFirstOrThrow()
      ).notes;
    const { message_id: oldMessage } = await testDb()
      .selectFrom('call_records')
      .select('message_id')
      .where('id', '=', old.callId)
      .executeTakeFirstOrThrow();
    await testDb()
      .updateTable('ticket_messages')
      .set({ created_at: new Date(Date.now() - 8 * MONTH_MS) })
      .where('id', '=', oldMessage as string)
      .execute();

    const dryRun = (await admin.post('/api/v1/privacy/retention/dry-run')).json();
    expect(dryRun.messages).toBe(1);
    expect((await admin.post('/api/v1/privacy/retention/run', { cutoff: dryRun.cutoff })).statusCode).toBe(
      200,
    );
    expect(await notesOf(old.callId)).toBe('[已按保留期限匿名化]');
    expect(await notesOf(recent.callId)).toBe('今天的来电');
  });
});
