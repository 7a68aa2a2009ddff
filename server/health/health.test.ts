import { buildTestApp, testEngine } from '@server/test/context';
import { describe, expect, it } from 'vitest';

describe('health and API description', () => {
  it('answers /healthz and /readyz with the engine in use', async () => {
    const app = await buildTestApp();
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await app.inject('/readyz')).json()).toEqual({ status: 'ready', engine: testEngine() });
  });

  it('publishes OpenAPI 3 with every /api/v1 route and a docs page', async () => {
    const app = await buildTestApp();
    const document = (await app.inject('/api/openapi.json')).json();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/me',
        '/api/v1/users/{id}',
        '/api/v1/api-tokens',
        '/api/v1/departments',
      ]),
    );
    expect(
      document.paths['/api/v1/users'].post.requestBody.content['application/json'].schema.required,
    ).toEqual(expect.arrayContaining(['email', 'name', 'role', 'password']));
    const docs = await app.inject('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('sends security headers', async () => {
    const app = await buildTestApp();
    const response = await app.inject('/healthz');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    // Plain-HTTP installs on a LAN must not be told to upgrade to an HTTPS port that does not exist.
    expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });
});
