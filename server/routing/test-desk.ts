/** A seed-001 desk for routing tests: its taxonomy, four teams with one online person each, the type → team map. */
import { createApiChannel } from '@server/test/channels';
import { login } from '@server/test/client';
import { buildTestApp, testDb } from '@server/test/context';
import { buildDepartment, buildTeam, buildUser } from '@server/test/factories';
import { presetConfig } from '@server/tickets/ticket-config';
import { expect } from 'vitest';

/** Seed 001's desk: its taxonomy, four teams with one online person each, and the type → team mapping. */
export async function seed001Desk(options: { callbackUrl?: string } = {}) {
  const app = await buildTestApp({
    outbox: { pollMs: 30, backoff: { baseMs: 20, maxMs: 200, maxAttempts: 4 } },
  });
  const team = await buildTeam();
  const { workspace } = team;
  await testDb()
    .updateTable('workspaces')
    .set({ ticket_config: JSON.stringify(presetConfig('response-process')) })
    .where('id', '=', workspace.id)
    .execute();
  const teams = {
    front: await buildDepartment(workspace, { name: '一线客服组' }),
    supervisors: await buildDepartment(workspace, { name: '客服主管组' }),
    technical: await buildDepartment(workspace, { name: '技术支持组' }),
    operations: await buildDepartment(workspace, { name: '运营组' }),
  };
  const people = {
    front: await buildUser(workspace, {
      role: 'agent',
      name: '王小丽',
      employeeNo: 'KF0123',
      departmentId: teams.front.id,
    }),
    supervisors: await buildUser(workspace, {
      role: 'supervisor',
      name: '陈主管',
      departmentId: teams.supervisors.id,
    }),
    technical: await buildUser(workspace, {
      role: 'engineer',
      name: '李工',
      departmentId: teams.technical.id,
    }),
    operations: await buildUser(workspace, {
      role: 'operations',
      name: '赵运营',
      departmentId: teams.operations.id,
    }),
  };
  await testDb()
    .updateTable('users')
    .set({ presence: 'online' })
    .where(
      'id',
      'in',
      Object.values(people).map((person) => person.id),
    )
    .execute();
  const admin = await login(app, team.admin);
  const mapping = await admin.patch('/api/v1/routing/settings', {
    typeTeams: {
      consult: teams.front.id,
      complaint: teams.supervisors.id,
      suggestion: teams.supervisors.id,
      fault: teams.technical.id,
      change: teams.operations.id,
    },
    // What nobody could classify goes to the frontline for triage.
    defaultTeamId: teams.front.id,
  });
  expect(mapping.statusCode).toBe(200);
  const channel = await createApiChannel(admin, { callbackUrl: options.callbackUrl ?? null });
  return { app, team, teams, people, admin, channel, agent: await login(app, team.agent) };
}
