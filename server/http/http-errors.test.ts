import { JSON_BODY_LIMIT_BYTES } from '@server/app';
import { login } from '@server/test/client';
import { buildTestApp } from '@server/test/context';
import { buildTeam } from '@server/test/factories';
import { describe, expect, it } from 'vitest';

const problemJson = expect.stringContaining('application/problem+json');

describe('bad input gets a clear problem+json answer', () => {
  it('malformed JSON is a 400 that says so', async () => {
    const app = await buildTestApp();
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "a@b.c", ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toEqual(problemJson);
    expect(response.json()).toMatchObject({
      status: 400,
      code: 'malformed_json',
      instance: '/api/v1/auth/login',
    });
  });

  it('wrong types are a 400 listing every bad field', async () => {
    const app = await buildTestApp();
    const client = await login(app, (await buildTeam()).admin);
    const response = await client.post('/api/v1/users', {
      email: 'not-an-email',
      name: 42,
      role: 'ceo',
      password: 'long enough passphrase',
    });
    expect(response.statusCode).toBe(400);
    const paths = response
      .json()
      .errors.map((e: { path: string }) => e.path)
      .sort();
    expect(paths).toEqual(['body/email', 'body/name', 'body/role']);
    for (const error of response.json().errors) expect(error.message).toEqual(expect.any(String));
  });

  it('an oversize body is a 413 and nothing is created', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const client = await login(app, team.admin);
    const huge = 'x'.repeat(JSON_BODY_LIMIT_BYTES + 10);
    const response = await client.post('/api/v1/departments', { name: 'big', description: huge });
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('body_too_large');
    expect((await client.get('/api/v1/departments')).json().items).toEqual([]);
  });

  it('a malformed id is a 400, an unknown id a 404, an unknown route a 404 — all problem+json', async () => {
    const app = await buildTestApp();
    const client = await login(app, (await buildTeam()).admin);
    const badId = await client.get('/api/v1/users/123');
    expect(badId.statusCode).toBe(400);
    expect(badId.json().errors[0].path).toBe('params/id');
    const unknownId = await client.get('/api/v1/users/00000000-0000-4000-8000-000000000000');
    expect(unknownId.statusCode).toBe(404);
    const unknownRoute = await client.get('/api/v1/no-such-thing');
    expect(unknownRoute.statusCode).toBe(404);
    expect(unknownRoute.headers['content-type']).toEqual(problemJson);
  });

  it('a body of another media type is a 415', async () => {
    const app = await buildTestApp();
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=a&password=b',
    });
    expect(response.statusCode).toBe(415);
  });

  it('echoes the caller request id so that a support ticket can quote it', async () => {
    const app = await buildTestApp();
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { 'x-request-id': 'trace-abc-123' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().requestId).toBe('trace-abc-123');
  });
});
