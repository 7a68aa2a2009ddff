import type { TestClient } from '@server/test/client';
import { login } from '@server/test/client';
import { buildTestApp, testDb } from '@server/test/context';
import { buildTeam } from '@server/test/factories';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';

async function importAndWait(client: TestClient, csv: string) {
  const started = await client.post('/api/v1/customer-imports', csv, {
    'content-type': 'text/csv; charset=utf-8',
  });
  expect(started.statusCode).toBe(202);
  for (;;) {
    const job = (await client.get(`/api/v1/customer-imports/${started.json().id}`)).json();
    if (job.status !== 'running') return { started: started.json(), job };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('importing customers from CSV', () => {
  it('imports good rows, reports bad ones by line and field, and updates instead of duplicating on re-import', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const supervisor = await login(app, team.supervisor);
    const csv = [
      '\ufeff姓名,手机,邮箱,标签,渠道,渠道ID',
      '王丽,13812345678,wang@example.test,高价值|老客,wechat,o_wang',
      '李强,12,not-mail,,,',
      '"张伟, 先生",13900001111,,新客,,',
      ',,,,,',
      '赵敏,,,,taobao,',
    ].join('\r\n');
    const { started, job } = await importAndWait(supervisor, csv);
    expect(started).toMatchObject({ status: 'running', total: 4 });
    expect(job).toMatchObject({
      status: 'completed',
      total: 4,
      processed: 4,
      created: 2,
      updated: 0,
      failed: 2,
    });
    expect(job.errors).toEqual([
      { row: 3, field: 'email', code: 'invalid_email', message: 'Not an e-mail address' },
      { row: 3, field: 'phone', code: 'invalid_phone', message: 'Not a phone number' },
      {
        row: 6,
        field: 'external_id',
        code: 'channel_without_id',
        message: 'Channel and channel id go together',
      },
    ]);

    const again = await importAndWait(
      supervisor,
      '姓名,手机,公司,渠道,渠道ID\n,13900001111,星河电器,jd,jd_zhang\n',
    );
    expect(again.job).toMatchObject({ created: 0, updated: 1, failed: 0 });
    const zhang = (await supervisor.get('/api/v1/customers?q=13900001111')).json().items;
    expect(zhang).toEqual([
      expect.objectContaining({ name: '张伟, 先生', company: '星河电器', tags: ['新客'] }),
    ]);
    expect(zhang[0].identities).toEqual([expect.objectContaining({ channel: 'jd', externalId: 'jd_zhang' })]);
  });

  it('refuses a file without a known column, and agents may not import', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const response = await (await login(app, team.supervisor)).post(
      '/api/v1/customer-imports',
      'foo,bar\n1,2\n',
      { 'content-type': 'text/csv' },
    );
    expect([response.statusCode, response.json().code]).toEqual([422, 'no_known_columns']);
    const agent = await (await login(app, team.agent)).post('/api/v1/customer-imports', '姓名\n王丽\n', {
      'content-type': 'text/csv',
    });
    expect(agent.statusCode).toBe(403);
  });

  it('shows an import cut off by a restart as failed, with the reason, instead of running forever', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const job = await testDb()
      .insertInto('customer_imports')
      .values({
        workspace_id: team.workspace.id,
        created_by: team.supervisor.id,
        total: 500,
        errors: '[]',
        updated_at: sql<Date>`now() - interval '3 minutes'`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const seen = (await (await login(app, team.supervisor)).get(`/api/v1/customer-imports/${job.id}`)).json();
    expect(seen.status).toBe('failed');
    expect(seen.errors).toEqual([expect.objectContaining({ code: 'interrupted' })]);
  });
});
