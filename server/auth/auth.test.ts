import { SESSION_COOKIE } from '@server/auth/sessions';
import { anonymous, login } from '@server/test/client';
import { buildTestApp, testDb } from '@server/test/context';
import { buildUser, buildWorkspace } from '@server/test/factories';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';

async function setLastSeen(sessionToken: string, minutesAgo: number) {
  const { hashToken } = await import('./secrets');
  await testDb()
    .updateTable('sessions')
    .set({ last_seen_at: sql<Date>`now() - make_interval(mins => ${minutesAgo})` })
    .where('token_hash', '=', hashToken(sessionToken))
    .execute();
}

describe('logging in', () => {
  it('sets an httpOnly session cookie and answers with the user, workspace and permissions', async () => {
    const app = await buildTestApp();
    const workspace = await buildWorkspace({ name: '华南旗舰店' });
    const user = await buildUser(workspace, { role: 'supervisor', employeeNo: 'KF1001', name: '王芳' });

    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email.toUpperCase(), password: user.password },
    });

    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const body = response.json();
    expect(body.user).toMatchObject({ name: '王芳', employeeNo: 'KF1001', role: 'supervisor' });
    expect(body.workspace.name).toBe('华南旗舰店');
    expect(body.permissions).toContain('audit_log:read');
    expect(body.permissions).not.toContain('users:create');
    expect(body.user).not.toHaveProperty('passwordHash');
  });

  it('refuses a wrong password or unknown e-mail with the same 401', async () => {
    const app = await buildTestApp();
    const user = await buildUser(await buildWorkspace());
    const wrong = await anonymous(app).post('/api/v1/auth/login', {
      email: user.email,
      password: 'not the password',
    });
    const unknown = await anonymous(app).post('/api/v1/auth/login', {
      email: 'nobody@example.test',
      password: 'whatever123',
    });
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().code).toBe('invalid_credentials');
    }
  });

  it('locks the account after repeated failures, even against the right password, until the lock expires', async () => {
    const app = await buildTestApp();
    const workspace = await buildWorkspace({ settings: { lockoutThreshold: 3, lockoutMinutes: 10 } });
    const user = await buildUser(workspace);
    const attempt = (password: string) =>
      anonymous(app).post('/api/v1/auth/login', { email: user.email, password });

    expect((await attempt('wrong-1')).statusCode).toBe(401);
    expect((await attempt('wrong-2')).statusCode).toBe(401);
    const third = await attempt('wrong-3');
    expect(third.statusCode).toBe(429);
    expect(third.json().code).toBe('account_locked');
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(500);

    const rightButLocked = await attempt(user.password);
    expect(rightButLocked.statusCode).toBe(429);

    await testDb()
      .updateTable('users')
      .set({ locked_until: sql<Date>`now() - interval '1 second'` })
      .where('id', '=', user.id)
      .execute();
    expect((await attempt(user.password)).statusCode).toBe(200);
    const audit = await testDb()
      .selectFrom('audit_events')
      .select('action')
      .where('workspace_id', '=', workspace.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['auth.login_failed', 'auth.account_locked', 'auth.login']),
    );
  });

  it('throttles login attempts from one address', async () => {
    const app = await buildTestApp({ loginAttemptsPerMinute: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (
          await anonymous(app).post('/api/v1/auth/login', {
            email: `x${i}@example.test`,
            password: 'nope-nope',
          })
        ).statusCode,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});

describe('sessions', () => {
  it('ends a session left idle longer than the workspace idle timeout (seed 002)', async () => {
    const app = await buildTestApp();
    const workspace = await buildWorkspace({ settings: { sessionIdleMinutes: 30 } });
    const client = await login(app, await buildUser(workspace));

    await setLastSeen(client.session(), 29);
    expect((await client.get('/api/v1/me')).statusCode).toBe(200);

    await setLastSeen(client.session(), 31);
    const expired = await client.get('/api/v1/me');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('session_expired');
    // The session is gone for good, not just this once.
    await setLastSeen(client.session(), 0);
    expect((await client.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('ends a session at its absolute lifetime however active it is', async () => {
    const app = await buildTestApp();
    const client = await login(app, await buildUser(await buildWorkspace()));
    const { hashToken } = await import('./secrets');
    await testDb()
      .updateTable('sessions')
      .set({ expires_at: sql<Date>`now() - interval '1 second'` })
      .where('token_hash', '=', hashToken(client.session()))
      .execute();
    expect((await client.get('/api/v1/me')).json().code).toBe('session_expired');
  });

  it('logs out: the cookie no longer works', async () => {
    const app = await buildTestApp();
    const client = await login(app, await buildUser(await buildWorkspace()));
    const logout = await client.post('/api/v1/auth/logout');
    expect(logout.statusCode).toBe(204);
    expect((await client.get('/api/v1/me')).statusCode).toBe(401);
  });
});

describe('CSRF protection on cookie-authenticated writes', () => {
  it('rejects a write without the CSRF header or with a wrong one, and accepts the right one', async () => {
    const app = await buildTestApp();
    const client = await login(app, await buildUser(await buildWorkspace()));

    const missing = await client.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      cookies: { [SESSION_COOKIE]: client.session() },
      payload: { name: 'Mallory' },
    });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().code).toBe('csrf_failed');

    const wrong = await client.patch('/api/v1/me', { name: 'Mallory' }, { 'x-csrf-token': 'forged' });
    expect(wrong.statusCode).toBe(403);

    const right = await client.patch('/api/v1/me', { name: '李娜' });
    expect(right.statusCode).toBe(200);
    expect(right.json().user.name).toBe('李娜');
  });
});

describe('passwords', () => {
  it('refuses a weak new password with field-level reasons', async () => {
    const app = await buildTestApp();
    const user = await buildUser(await buildWorkspace());
    const client = await login(app, user);
    const response = await client.post('/api/v1/me/password', {
      currentPassword: user.password,
      newPassword: 'woaini1314',
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([
      expect.objectContaining({ path: 'body/newPassword', code: 'password_too_common' }),
    ]);
  });

  it('refuses a wrong current password', async () => {
    const app = await buildTestApp();
    const client = await login(app, await buildUser(await buildWorkspace()));
    const response = await client.post('/api/v1/me/password', {
      currentPassword: 'not-mine-at-all',
      newPassword: 'a much better passphrase',
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('wrong_current_password');
  });

  it('changes the password, keeps this session and ends the others', async () => {
    const app = await buildTestApp();
    const user = await buildUser(await buildWorkspace());
    const here = await login(app, user);
    const elsewhere = await login(app, user);

    const response = await here.post('/api/v1/me/password', {
      currentPassword: user.password,
      newPassword: '新密码 lantern-harbor-42',
    });
    expect(response.statusCode).toBe(204);
    expect((await here.get('/api/v1/me')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/v1/me')).statusCode).toBe(401);
    const relogin = await anonymous(app).post('/api/v1/auth/login', {
      email: user.email,
      password: '新密码 lantern-harbor-42',
    });
    expect(relogin.statusCode).toBe(200);
  });

  it('reminds the user to change a password older than the rotation period (seed 002)', async () => {
    const app = await buildTestApp();
    const user = await buildUser(await buildWorkspace({ settings: { passwordRotationDays: 90 } }));
    const client = await login(app, user);
    expect((await client.get('/api/v1/me')).json().passwordChangeDue).toBe(false);
    await testDb()
      .updateTable('users')
      .set({ password_changed_at: sql<Date>`now() - interval '91 days'` })
      .where('id', '=', user.id)
      .execute();
    expect((await client.get('/api/v1/me')).json().passwordChangeDue).toBe(true);
  });
});
