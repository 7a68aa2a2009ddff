import { randomBytes } from 'node:crypto';
import { hashToken } from '@server/auth/secrets';
import type { WorkspaceRow } from '@server/db/schema';
import { login } from '@server/test/client';
import { buildTestApp, testDb } from '@server/test/context';
import { buildCustomer, buildDepartment, buildTeam, buildTicket, buildUser } from '@server/test/factories';
import { ALL_PERMISSIONS, can, type Permission, type Resource } from '@shared/permissions';
import { ROLES } from '@shared/roles';
import { describe, expect, it } from 'vitest';

interface Call {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

const unique = () => randomBytes(4).toString('hex');

async function freshApiToken(workspace: WorkspaceRow, ownerId: string) {
  return testDb()
    .insertInto('api_tokens')
    .values({
      workspace_id: workspace.id,
      user_id: ownerId,
      name: 'ci',
      token_hash: hashToken(unique()),
      token_prefix: 'kefu_x',
      scopes: ['users:read'],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** One request per entry of the permission table; the record type makes a new entry without a route fail to compile. */
const CALLS: Record<Permission, (team: Awaited<ReturnType<typeof buildTeam>>) => Promise<Call>> = {
  'workspace:read': async () => ({ method: 'GET', url: '/api/v1/workspace' }),
  'workspace:update': async () => ({
    method: 'PATCH',
    url: '/api/v1/workspace',
    body: { name: `门店 ${unique()}` },
  }),
  'users:read': async ({ agent }) => ({ method: 'GET', url: `/api/v1/users/${agent.id}` }),
  'users:create': async () => ({
    method: 'POST',
    url: '/api/v1/users',
    body: {
      email: `new-${unique()}@example.test`,
      name: '新同事',
      role: 'agent',
      password: 'first day at the desk',
    },
  }),
  'users:update': async ({ agent }) => ({
    method: 'PATCH',
    url: `/api/v1/users/${agent.id}`,
    body: { name: `李娜 ${unique()}` },
  }),
  'users:deactivate': async ({ workspace }) => ({
    method: 'POST',
    url: `/api/v1/users/${(await buildUser(workspace)).id}/deactivate`,
  }),
  'users:reset_password': async ({ workspace }) => ({
    method: 'POST',
    url: `/api/v1/users/${(await buildUser(workspace)).id}/reset-password`,
    body: { password: 'temporary passphrase 1' },
  }),
  'departments:read': async () => ({ method: 'GET', url: '/api/v1/departments' }),
  'departments:create': async () => ({
    method: 'POST',
    url: '/api/v1/departments',
    body: { name: `售后 ${unique()}` },
  }),
  'departments:update': async ({ workspace }) => ({
    method: 'PATCH',
    url: `/api/v1/departments/${(await buildDepartment(workspace)).id}`,
    body: { description: '负责退换货' },
  }),
  'departments:delete': async ({ workspace }) => ({
    method: 'DELETE',
    url: `/api/v1/departments/${(await buildDepartment(workspace)).id}`,
  }),
  'api_tokens:read': async () => ({ method: 'GET', url: '/api/v1/api-tokens' }),
  'api_tokens:create': async () => ({
    method: 'POST',
    url: '/api/v1/api-tokens',
    body: { name: 'ERP sync', scopes: ['users:read'] },
  }),
  'api_tokens:revoke': async ({ workspace, admin }) => ({
    method: 'DELETE',
    url: `/api/v1/api-tokens/${(await freshApiToken(workspace, admin.id)).id}`,
  }),
  'audit_log:read': async () => ({ method: 'GET', url: '/api/v1/audit-events' }),
  'tickets:read': async ({ admin }) => ({
    method: 'GET',
    url: `/api/v1/tickets/${(await buildTicket(admin)).id}`,
  }),
  'tickets:create': async () => ({
    method: 'POST',
    url: '/api/v1/tickets',
    body: { subject: '物流三天没更新', channel: 'taobao' },
  }),
  'tickets:update': async ({ admin }) => ({
    method: 'PATCH',
    url: `/api/v1/tickets/${(await buildTicket(admin)).id}`,
    body: { version: 1, priority: 'important' },
  }),
  'tickets:reply': async ({ admin }) => ({
    method: 'POST',
    url: `/api/v1/tickets/${(await buildTicket(admin)).id}/messages`,
    body: { direction: 'note', body: '已联系仓库' },
  }),
  'tickets:assign': async ({ admin, agent }) => ({
    method: 'PATCH',
    url: `/api/v1/tickets/${(await buildTicket(admin)).id}`,
    body: { version: 1, assigneeId: agent.id },
  }),
  'tickets:merge': async ({ admin }) => ({
    method: 'POST',
    url: `/api/v1/tickets/${(await buildTicket(admin)).id}/merge`,
    body: { sourceTicketIds: [(await buildTicket(admin)).id] },
  }),
  'tickets:reopen_closed': async ({ admin, workspace }) => {
    const ticket = await buildTicket(admin);
    await testDb()
      .updateTable('tickets')
      .set({ status: 'closed' })
      .where('id', '=', ticket.id)
      .where('workspace_id', '=', workspace.id)
      .execute();
    return { method: 'PATCH', url: `/api/v1/tickets/${ticket.id}`, body: { version: 1, status: 'open' } };
  },
  'customers:read': async ({ workspace }) => ({
    method: 'GET',
    url: `/api/v1/customers/${(await buildCustomer(workspace)).id}`,
  }),
  'customers:create': async () => ({
    method: 'POST',
    url: '/api/v1/customers',
    body: { name: '王女士', phone: '13812345678' },
  }),
  'customers:update': async ({ workspace }) => ({
    method: 'PATCH',
    url: `/api/v1/customers/${(await buildCustomer(workspace)).id}`,
    body: { tags: ['高价值'] },
  }),
  'customers:import': async () => ({
    method: 'POST',
    url: '/api/v1/customer-imports',
    body: '姓名,手机\n赵敏,13700001111\n',
    headers: { 'content-type': 'text/csv' },
  }),
  'pii:reveal': async ({ agent }) => {
    const ticket = await buildTicket(agent, {
      subject: `改地址 ${unique()}`,
      description: '手机 13812345678',
    });
    const span = await testDb()
      .selectFrom('pii_spans')
      .select('id')
      .where('workspace_id', '=', ticket.workspace_id)
      .where('ticket_id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    return { method: 'POST', url: `/api/v1/personal-data/${span.id}/reveal`, body: { reason: '核实收货人' } };
  },
  'customers:merge': async ({ workspace }) => ({
    method: 'POST',
    url: `/api/v1/customers/${(await buildCustomer(workspace)).id}/merge`,
    body: { sourceCustomerId: (await buildCustomer(workspace)).id },
  }),
  'channels:read': async () => ({ method: 'GET', url: '/api/v1/channel-accounts' }),
  'notifications:read': async () => ({ method: 'GET', url: '/api/v1/notifications' }),
  'routing:read': async () => ({ method: 'GET', url: '/api/v1/routing/rules' }),
  'routing:manage': async () => ({
    method: 'PATCH',
    url: '/api/v1/routing/settings',
    body: { repeatMessages: 4 },
  }),
  'incidents:read': async () => ({ method: 'GET', url: '/api/v1/incidents' }),
  'incidents:manage': async () => ({
    method: 'POST',
    url: '/api/v1/incidents',
    body: { title: `App 无法登录 ${unique()}`, keywords: ['无法登录'] },
  }),
  'quick_replies:read': async () => ({ method: 'GET', url: '/api/v1/quick-replies' }),
  'quick_replies:manage': async () => ({
    method: 'POST',
    url: '/api/v1/quick-replies',
    body: { title: `问候 ${unique()}`, body: '您好，请问有什么可以帮您？' },
  }),
  'service_levels:read': async () => ({ method: 'GET', url: '/api/v1/calendars' }),
  'service_levels:manage': async () => ({
    method: 'POST',
    url: '/api/v1/calendars',
    body: { name: `客服排班 ${unique()}` },
  }),
  'channels:manage': async () => ({
    method: 'POST',
    url: '/api/v1/channel-accounts',
    body: { platform: 'taobao', name: `千牛 ${unique()}` },
  }),
  'pii:export': async ({ workspace }) => ({
    method: 'POST',
    url: `/api/v1/customers/${(await buildCustomer(workspace)).id}/exports`,
  }),
  'pii:erase': async ({ workspace }) => {
    const customer = await buildCustomer(workspace);
    return {
      method: 'POST',
      url: `/api/v1/customers/${customer.id}/erasure`,
      body: { confirmNumber: customer.number },
    };
  },
  'pii:retention': async ({ workspace }) => {
    await testDb()
      .updateTable('workspaces')
      .set({ settings: JSON.stringify({ privacy: { retentionMonths: 24 } }) })
      .where('id', '=', workspace.id)
      .execute();
    return { method: 'POST', url: '/api/v1/privacy/retention/dry-run' };
  },
};

describe('the permission table decides every route', () => {
  it('has a route call for every entry', () => {
    expect(Object.keys(CALLS).sort()).toEqual([...ALL_PERMISSIONS].sort());
  });

  it.each(ROLES)('%s gets exactly what the table allows, and 403 for the rest', async (role) => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const actor = role === 'admin' ? team.admin : await buildUser(team.workspace, { role });
    const client = await login(app, actor);

    const outcomes: Record<string, number> = {};
    const expected: Record<string, number | 'success'> = {};
    for (const permission of ALL_PERMISSIONS) {
      const call = await CALLS[permission](team);
      const response = await client.request(call.method, call.url, call.body, call.headers);
      const [resource, action] = permission.split(':') as [Resource, never];
      const allowed = can(role, resource, action);
      outcomes[permission] =
        response.statusCode >= 200 && response.statusCode < 300 ? 200 : response.statusCode;
      expected[permission] = allowed ? 200 : 403;
    }
    expect(outcomes).toEqual(expected);
  });
});
