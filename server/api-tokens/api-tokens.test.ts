import { login, withBearer } from '@server/test/client';
import { buildTestApp, testDb } from '@server/test/context';
import { buildTeam } from '@server/test/factories';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';

describe('API tokens for integrations', () => {
  it('works as a bearer token within its scopes, needs no CSRF header, and is shown only once', async () => {
    const app = await buildTestApp();
    const { admin } = await buildTeam();
    const client = await login(app, admin);
    const created = await client.post('/api/v1/api-tokens', {
      name: 'ERP 同步',
      scopes: ['users:read', 'departments:create'],
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^kefu_/);

    const integration = withBearer(app, token);
    expect((await integration.get('/api/v1/users')).statusCode).toBe(200);
    expect((await integration.post('/api/v1/departments', { name: '渠道对接组' })).statusCode).toBe(201);
    const outOfScope = await integration.post('/api/v1/users', {
      email: 'x@example.test',
      name: 'x',
      role: 'agent',
      password: 'long enough passphrase',
    });
    expect(outOfScope.statusCode).toBe(403);
    expect(outOfScope.json().code).toBe('scope_missing');

    const listed = (await client.get('/api/v1/api-tokens')).json().items;
    expect(listed).toEqual([expect.objectContaining({ id, name: 'ERP 同步', prefix: token.slice(0, 11) })]);
    expect(JSON.stringify(listed)).not.toContain(token);
    const stored = await testDb()
      .selectFrom('api_tokens')
      .select('token_hash')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
  });

  it('stops working the moment it is revoked', async () => {
    const app = await buildTestApp();
    const client = await login(app, (await buildTeam()).admin);
    const { token, id } = (
      await client.post('/api/v1/api-tokens', { name: 'revoke me', scopes: ['users:read'] })
    ).json();
    expect((await withBearer(app, token).get('/api/v1/users')).statusCode).toBe(200);

    const revoked = await client.delete(`/api/v1/api-tokens/${id}`);
    expect(revoked.json().revokedAt).not.toBeNull();
    const after = await withBearer(app, token).get('/api/v1/users');
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('invalid_token');
  });

  it('stops working after its expiry, and when its owner is deactivated', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const client = await login(app, team.admin);
    const { token, id } = (
      await client.post('/api/v1/api-tokens', {
        name: 'short',
        scopes: ['users:read'],
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      })
    ).json();
    await testDb()
      .updateTable('api_tokens')
      .set({ expires_at: sql<Date>`now() - interval '1 second'` })
      .where('id', '=', id)
      .execute();
    expect((await withBearer(app, token).get('/api/v1/users')).statusCode).toBe(401);

    const second = (
      await client.post('/api/v1/api-tokens', { name: 'owner leaves', scopes: ['users:read'] })
    ).json();
    await testDb()
      .updateTable('users')
      .set({ deactivated_at: sql<Date>`now()` })
      .where('id', '=', team.admin.id)
      .execute();
    expect((await withBearer(app, second.token).get('/api/v1/users')).statusCode).toBe(401);
  });

  it('rejects an unknown token and a malformed Authorization header', async () => {
    const app = await buildTestApp();
    expect((await withBearer(app, 'kefu_not-a-real-token').get('/api/v1/me')).statusCode).toBe(401);
    const basic = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: 'Basic abc' },
    });
    expect(basic.json().code).toBe('invalid_authorization');
  });

  it('refuses scopes that are not in the permission table', async () => {
    const app = await buildTestApp();
    const client = await login(app, (await buildTeam()).admin);
    const response = await client.post('/api/v1/api-tokens', {
      name: 'bad',
      scopes: ['tickets:delete_everything'],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('body/scopes/0');
  });
});
