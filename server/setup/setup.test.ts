import os from 'node:os';
import { isDatabaseEmpty, loadDemoWorkspace } from '@server/demo/seed';
import { anonymous, login } from '@server/test/client';
import { buildTestApp, testVault } from '@server/test/context';
import { type IsolatedDatabase, openIsolatedDatabase } from '@server/test/databases';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { prepareFirstRun } from './service';

let isolated: IsolatedDatabase | undefined;
afterEach(async () => {
  await isolated?.close();
  isolated = undefined;
});

async function freshDatabase() {
  isolated = await openIsolatedDatabase(inject('database'), inject('templateDir'));
  return isolated.db;
}

describe('first run', () => {
  it('issues a one-time setup link that creates the first admin, once', async () => {
    const db = await freshDatabase();
    const outcome = await prepareFirstRun(db, {});
    if (outcome.kind !== 'setup_link') throw new Error(`expected a setup link, got ${outcome.kind}`);
    const app = await buildTestApp({ db });

    expect((await anonymous(app).get(`/api/v1/setup/${outcome.token}`)).json()).toEqual({
      workspaceName: 'Kefu',
    });
    const body = {
      token: outcome.token,
      workspaceName: '星河电器客服中心',
      name: '周敏',
      email: 'owner@xinghe.example',
      password: 'the first admin passphrase',
    };
    expect((await anonymous(app).post('/api/v1/setup', body)).statusCode).toBe(204);
    expect(
      (await anonymous(app).post('/api/v1/setup', { ...body, email: 'second@xinghe.example' })).statusCode,
    ).toBe(404);

    const me = (await (await login(app, body)).get('/api/v1/me')).json();
    expect(me.user.role).toBe('admin');
    expect(me.workspace.name).toBe('星河电器客服中心');
    expect(await prepareFirstRun(db, {})).toEqual({ kind: 'ready' });
  });

  it('starts the desk from the seed preset chosen at setup', async () => {
    const db = await freshDatabase();
    const outcome = await prepareFirstRun(db, {});
    if (outcome.kind !== 'setup_link') throw new Error(`expected a setup link, got ${outcome.kind}`);
    const app = await buildTestApp({ db });
    const body = {
      token: outcome.token,
      name: '周敏',
      email: 'owner@preset.example',
      password: 'the first admin passphrase',
    };
    const unknown = await anonymous(app).post('/api/v1/setup', { ...body, presetId: 'no-such-sop' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe('body/presetId');
    expect(
      (await anonymous(app).post('/api/v1/setup', { ...body, presetId: 'online-service' })).statusCode,
    ).toBe(204);
    const owner = await login(app, body);
    expect((await owner.get('/api/v1/sla/presets')).json().currentPresetId).toBe('online-service');
    const [policy] = (await owner.get('/api/v1/sla/policies')).json().items;
    expect(policy.name).toBe('在线客服标准');
    expect((await owner.get('/api/v1/ticket-config')).json().presetId).toBe('online-service');
  });

  it('a newer setup link replaces the older one', async () => {
    const db = await freshDatabase();
    const first = await prepareFirstRun(db, {});
    const second = await prepareFirstRun(db, {});
    const app = await buildTestApp({ db });
    if (first.kind !== 'setup_link' || second.kind !== 'setup_link') throw new Error('expected setup links');
    expect((await anonymous(app).get(`/api/v1/setup/${first.token}`)).statusCode).toBe(404);
    expect((await anonymous(app).get(`/api/v1/setup/${second.token}`)).statusCode).toBe(200);
  });

  it('creates the admin from KEFU_ADMIN_EMAIL / KEFU_ADMIN_PASSWORD, refusing a weak password', async () => {
    const db = await freshDatabase();
    await expect(
      prepareFirstRun(db, { adminEmail: 'ops@example.test', adminPassword: 'password' }),
    ).rejects.toThrow(/password policy/);
    expect(
      await prepareFirstRun(db, { adminEmail: 'ops@example.test', adminPassword: 'a strong env passphrase' }),
    ).toEqual({ kind: 'admin_created', email: 'ops@example.test' });
    const app = await buildTestApp({ db });
    expect(
      (await login(app, { email: 'ops@example.test', password: 'a strong env passphrase' })).sessionToken,
    ).toBeTruthy();
  });

  it('loads the demo workspace with one person per seed role, who can log in', async () => {
    const db = await freshDatabase();
    expect(await isDatabaseEmpty(db)).toBe(true);
    const demo = await loadDemoWorkspace(db, { dataDir: os.tmpdir(), vault: testVault(db) });
    expect(demo.emails.map((e) => e.role).sort()).toEqual([
      'admin',
      'agent',
      'agent',
      'engineer',
      'operations',
      'success_manager',
      'supervisor',
    ]);
    const app = await buildTestApp({ db });
    const agent = await login(app, { email: 'agent@demo.kefu.local', password: demo.password });
    const me = (await agent.get('/api/v1/me')).json();
    expect(me.user).toMatchObject({ name: '李娜', employeeNo: 'KF2001', department: { name: '客服部' } });
    expect(me.workspace.isDemo).toBe(true);

    const inbox = (await agent.get('/api/v1/tickets?view=all')).json().items;
    expect(inbox.length).toBeGreaterThanOrEqual(8);
    expect(new Set(inbox.map((t: { status: string }) => t.status))).toEqual(
      new Set(['open', 'pending_internal', 'new', 'resolved', 'closed']),
    );
    const returns = (await agent.get(`/api/v1/tickets?view=all&q=${encodeURIComponent('退货')}`)).json()
      .items;
    expect(returns[0].subject).toContain('退货');
    expect(
      (await agent.get('/api/v1/tickets?view=mine')).json().items.map((t: { subject: string }) => t.subject),
    ).toEqual(['申请退货：连衣裙尺码偏小']);
  });
});
