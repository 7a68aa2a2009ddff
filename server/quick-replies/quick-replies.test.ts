import { login } from '@server/test/client';
import { buildTestApp, testDb } from '@server/test/context';
import { buildTeam } from '@server/test/factories';
import { describe, expect, it } from 'vitest';
import { seedQuickReplies } from './seed';

const titles = (body: { items: { title: string }[] }) => body.items.map((item) => item.title);

describe('quick replies', () => {
  it('lets a supervisor keep the list in order and every agent read it', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const supervisor = await login(app, team.supervisor);
    const agent = await login(app, team.agent);

    const hello = await supervisor.post('/api/v1/quick-replies', {
      title: '问候',
      body: '您好，请问有什么可以帮您？',
      shortcut: 'hi',
    });
    expect(hello.statusCode).toBe(201);
    const order = await supervisor.post('/api/v1/quick-replies', {
      title: '查询订单',
      body: '请提供订单号，我帮您查询。',
      shortcut: '',
    });
    expect(order.json()).toMatchObject({ shortcut: null });

    expect(titles((await agent.get('/api/v1/quick-replies')).json())).toEqual(['问候', '查询订单']);

    const reordered = await supervisor.put('/api/v1/quick-replies/order', {
      ids: [order.json().id, hello.json().id],
    });
    expect(reordered.statusCode).toBe(200);
    expect(titles((await agent.get('/api/v1/quick-replies')).json())).toEqual(['查询订单', '问候']);

    const edited = await supervisor.patch(`/api/v1/quick-replies/${hello.json().id}`, { body: '您好！' });
    expect(edited.json()).toMatchObject({ title: '问候', body: '您好！', shortcut: 'hi' });

    expect((await supervisor.delete(`/api/v1/quick-replies/${order.json().id}`)).statusCode).toBe(204);
    const left = (await agent.get('/api/v1/quick-replies')).json();
    expect(left.items).toMatchObject([{ title: '问候', body: '您好！', shortcut: 'hi' }]);

    const audit = await testDb()
      .selectFrom('audit_events')
      .select('action')
      .where('workspace_id', '=', team.workspace.id)
      .where('target_type', '=', 'quick_reply')
      .orderBy('created_at')
      .execute();
    expect(audit.map((event) => event.action)).toEqual([
      'quick_reply.created',
      'quick_reply.created',
      'quick_reply.reordered',
      'quick_reply.updated',
      'quick_reply.deleted',
    ]);
  });

  it('does not let an agent change the list', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const agent = await login(app, team.agent);
    const response = await agent.post('/api/v1/quick-replies', { title: '问候', body: '您好' });
    expect(response.statusCode).toBe(403);
  });

  it('explains bad fields and a shortcut already in use', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const admin = await login(app, team.admin);

    const invalid = await admin.post('/api/v1/quick-replies', {
      title: '长'.repeat(61),
      body: '',
      shortcut: 'Not valid!',
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.headers['content-type']).toContain('application/problem+json');
    expect(
      invalid
        .json()
        .errors.map((error: { path: string }) => error.path)
        .sort(),
    ).toEqual(['body/body', 'body/shortcut', 'body/title']);

    await admin.post('/api/v1/quick-replies', { title: '问候', body: '您好', shortcut: 'hi' });
    const other = await admin.post('/api/v1/quick-replies', { title: '再见', body: '再见', shortcut: 'bye' });
    const taken = await admin.patch(`/api/v1/quick-replies/${other.json().id}`, { shortcut: 'HI' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({
      code: 'quick_reply_shortcut_taken',
      errors: [{ path: 'body/shortcut' }],
    });

    const incomplete = await admin.put('/api/v1/quick-replies/order', { ids: [other.json().id] });
    expect(incomplete.statusCode).toBe(422);
  });

  it('keeps each workspace to its own replies', async () => {
    const app = await buildTestApp();
    const mine = await buildTeam();
    const theirs = await buildTeam();
    const theirAdmin = await login(app, theirs.admin);
    const secret = await theirAdmin.post('/api/v1/quick-replies', { title: '内部话术', body: '仅限本店' });

    const me = await login(app, mine.admin);
    expect((await me.get('/api/v1/quick-replies')).json().items).toEqual([]);
    expect((await me.patch(`/api/v1/quick-replies/${secret.json().id}`, { title: '改' })).statusCode).toBe(
      404,
    );
    expect((await me.delete(`/api/v1/quick-replies/${secret.json().id}`)).statusCode).toBe(404);
  });

  it('seeds the demo replies once', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    await seedQuickReplies(testDb(), team.workspace.id);
    await seedQuickReplies(testDb(), team.workspace.id);
    const items = (await (await login(app, team.agent)).get('/api/v1/quick-replies')).json().items;
    expect(items).toHaveLength(6);
    expect(items[0]).toMatchObject({ body: '您好，请问有什么可以帮您？', shortcut: 'hi' });
  });
});
