import { hashToken } from '@server/auth/secrets';
import { login } from '@server/test/client';
import { buildTestApp, testDb } from '@server/test/context';
import { buildDepartment, buildTeam, buildUser } from '@server/test/factories';
import { describe, expect, it } from 'vitest';

describe('workspaces are sealed from each other', () => {
  it('an admin of workspace A gets 404 for every resource id of workspace B', async () => {
    const app = await buildTestApp();
    const a = await buildTeam();
    const b = await buildTeam();
    const bUser = await buildUser(b.workspace, { role: 'agent' });
    const bDepartment = await buildDepartment(b.workspace);
    const bToken = await testDb()
      .insertInto('api_tokens')
      .values({
        workspace_id: b.workspace.id,
        user_id: b.admin.id,
        name: 'b',
        token_hash: hashToken(`b-${bUser.id}`),
        token_prefix: 'kefu_b',
        scopes: ['users:read'],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const client = await login(app, a.admin);

    const calls: [string, string, unknown?][] = [
      ['GET', `/api/v1/users/${bUser.id}`],
      ['PATCH', `/api/v1/users/${bUser.id}`, { name: 'hijacked' }],
      ['POST', `/api/v1/users/${bUser.id}/deactivate`],
      ['POST', `/api/v1/users/${bUser.id}/reactivate`],
      ['POST', `/api/v1/users/${bUser.id}/reset-password`, { password: 'taken over passphrase' }],
      ['PATCH', `/api/v1/departments/${bDepartment.id}`, { name: 'hijacked' }],
      ['DELETE', `/api/v1/departments/${bDepartment.id}`],
      ['DELETE', `/api/v1/api-tokens/${bToken.id}`],
    ];
    for (const [method, url, body] of calls) {
      const response = await client.request(method as 'GET', url, body);
      expect({ method, url, status: response.statusCode }).toEqual({ method, url, status: 404 });
    }

    // Nothing in B changed, and B's lists never show A's rows.
    const untouched = await testDb()
      .selectFrom('users')
      .select(['name', 'deactivated_at'])
      .where('id', '=', bUser.id)
      .executeTakeFirstOrThrow();
    expect(untouched).toEqual({ name: bUser.name, deactivated_at: null });
    const listed = (await client.get('/api/v1/users')).json().items.map((u: { id: string }) => u.id);
    expect(listed).not.toContain(bUser.id);
    expect(listed).toContain(a.agent.id);
    const departments = (await client.get('/api/v1/departments')).json().items;
    expect(departments.map((d: { id: string }) => d.id)).not.toContain(bDepartment.id);
  });

  it('a user cannot be moved into a department of another workspace', async () => {
    const app = await buildTestApp();
    const a = await buildTeam();
    const foreign = await buildDepartment((await buildTeam()).workspace);
    const response = await (await login(app, a.admin)).patch(`/api/v1/users/${a.agent.id}`, {
      departmentId: foreign.id,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors[0].path).toBe('body/departmentId');
  });
});
