import { anonymous, login } from '@server/test/client';
import { buildTestApp } from '@server/test/context';
import { buildDepartment, buildTeam, buildUser } from '@server/test/factories';
import { describe, expect, it } from 'vitest';

describe('managing users', () => {
  it('an admin creates an agent with 工号 and department; the agent must change the initial password', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const department = await buildDepartment(team.workspace, { name: '客服部' });
    const admin = await login(app, team.admin);

    const created = await admin.post('/api/v1/users', {
      email: 'Lina@Shop.example',
      name: '李娜',
      employeeNo: 'KF2001',
      role: 'agent',
      departmentId: department.id,
      password: 'welcome to the desk 1',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      email: 'lina@shop.example',
      employeeNo: 'KF2001',
      department: { name: '客服部' },
      mustChangePassword: true,
      active: true,
    });

    const agent = await login(app, { email: 'lina@shop.example', password: 'welcome to the desk 1' });
    expect((await agent.get('/api/v1/me')).json().passwordChangeDue).toBe(true);
    expect((await admin.get('/api/v1/departments')).json().items).toEqual([
      expect.objectContaining({ name: '客服部', memberCount: 1 }),
    ]);
  });

  it('refuses a taken e-mail or 工号 with 409 and a weak initial password with 422', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    await buildUser(team.workspace, { employeeNo: 'KF9' });
    const admin = await login(app, team.admin);
    const base = { name: '张伟', role: 'agent', password: 'a perfectly fine passphrase' };

    const email = await admin.post('/api/v1/users', { ...base, email: team.agent.email.toUpperCase() });
    expect([email.statusCode, email.json().code]).toEqual([409, 'email_taken']);
    const employeeNo = await admin.post('/api/v1/users', {
      ...base,
      email: 'zw@example.test',
      employeeNo: 'KF9',
    });
    expect([employeeNo.statusCode, employeeNo.json().code]).toEqual([409, 'employee_no_taken']);
    const weak = await admin.post('/api/v1/users', { ...base, email: 'zw@example.test', password: '12345' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().errors[0]).toMatchObject({ path: 'body/password', code: 'password_too_short' });
  });

  it('deactivating a user ends their sessions and blocks login; reactivating restores login', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const admin = await login(app, team.admin);
    const agent = await login(app, team.agent);

    expect((await admin.post(`/api/v1/users/${team.agent.id}/deactivate`)).json().active).toBe(false);
    expect((await agent.get('/api/v1/me')).statusCode).toBe(401);
    expect(
      (
        await anonymous(app).post('/api/v1/auth/login', {
          email: team.agent.email,
          password: team.agent.password,
        })
      ).statusCode,
    ).toBe(401);
    expect((await admin.get('/api/v1/users')).json().items.map((u: { id: string }) => u.id)).not.toContain(
      team.agent.id,
    );

    await admin.post(`/api/v1/users/${team.agent.id}/reactivate`);
    expect(
      (
        await anonymous(app).post('/api/v1/auth/login', {
          email: team.agent.email,
          password: team.agent.password,
        })
      ).statusCode,
    ).toBe(200);
  });

  it('never leaves a workspace without an active admin', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const admin = await login(app, team.admin);
    const demote = await admin.patch(`/api/v1/users/${team.admin.id}`, { role: 'agent' });
    expect([demote.statusCode, demote.json().code]).toEqual([409, 'last_admin']);
    const deactivate = await admin.post(`/api/v1/users/${team.admin.id}/deactivate`);
    expect(deactivate.statusCode).toBe(409);

    await admin.patch(`/api/v1/users/${team.supervisor.id}`, { role: 'admin' });
    expect((await admin.patch(`/api/v1/users/${team.admin.id}`, { role: 'supervisor' })).statusCode).toBe(
      200,
    );
  });

  it('an admin password reset unlocks the account and forces a change', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const admin = await login(app, team.admin);
    for (let i = 0; i < 5; i++)
      await anonymous(app).post('/api/v1/auth/login', { email: team.agent.email, password: `wrong-${i}` });
    expect((await admin.get(`/api/v1/users/${team.agent.id}`)).json().lockedUntil).not.toBeNull();

    expect(
      (
        await admin.post(`/api/v1/users/${team.agent.id}/reset-password`, {
          password: 'temporary passphrase 7',
        })
      ).statusCode,
    ).toBe(204);
    const agent = await login(app, { email: team.agent.email, password: 'temporary passphrase 7' });
    expect((await agent.get('/api/v1/me')).json().user).toMatchObject({
      lockedUntil: null,
      mustChangePassword: true,
    });
  });

  it('filters the user list by text, role and department', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const technical = await buildDepartment(team.workspace, { name: '售后技术部' });
    await buildUser(team.workspace, {
      role: 'engineer',
      name: '陈杰',
      employeeNo: 'JS3001',
      departmentId: technical.id,
    });
    const admin = await login(app, team.admin);
    const names = async (query: string) =>
      (await admin.get(`/api/v1/users?${query}`)).json().items.map((u: { name: string }) => u.name);

    expect(await names('q=JS30')).toEqual(['陈杰']);
    expect(await names(`departmentId=${technical.id}`)).toEqual(['陈杰']);
    expect((await names('role=engineer')).length).toBe(2);
  });
});
