import { randomBytes } from 'node:crypto';
import { hashPassword } from '@server/auth/passwords';
import type { Database, DepartmentRow, UserRow, WorkspaceRow, WorkspaceSettings } from '@server/db/schema';
import { createStandaloneTracker } from '@server/sla/assemble';
import type { Role } from '@shared/roles';
import type { Kysely } from 'kysely';
import { testDb, testVault } from './context';

export const DEFAULT_TEST_PASSWORD = 'correct horse battery staple';
const hashes = new Map<string, Promise<string>>();
// argon2 is deliberately slow; one hash per distinct password per file keeps factories quick.
const hashOnce = (password: string) => {
  let hashed = hashes.get(password);
  if (!hashed) {
    hashed = hashPassword(password);
    hashes.set(password, hashed);
  }
  return hashed;
};

const unique = () => randomBytes(5).toString('hex');

export async function buildWorkspace(
  overrides: { name?: string; timeZone?: string; settings?: WorkspaceSettings } = {},
  db: Kysely<Database> = testDb(),
): Promise<WorkspaceRow> {
  const suffix = unique();
  return db
    .insertInto('workspaces')
    .values({
      name: overrides.name ?? `Workspace ${suffix}`,
      slug: `ws-${suffix}`,
      ...(overrides.timeZone ? { time_zone: overrides.timeZone } : {}),
      settings: JSON.stringify(overrides.settings ?? {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildDepartment(
  workspace: WorkspaceRow,
  overrides: { name?: string } = {},
  db: Kysely<Database> = testDb(),
): Promise<DepartmentRow> {
  return db
    .insertInto('departments')
    .values({ workspace_id: workspace.id, name: overrides.name ?? `Team ${unique()}` })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface TestUser extends UserRow {
  password: string;
}

export async function buildUser(
  workspace: WorkspaceRow,
  overrides: {
    role?: Role;
    password?: string;
    email?: string;
    name?: string;
    employeeNo?: string;
    departmentId?: string;
  } = {},
  db: Kysely<Database> = testDb(),
): Promise<TestUser> {
  const password = overrides.password ?? DEFAULT_TEST_PASSWORD;
  const row = await db
    .insertInto('users')
    .values({
      workspace_id: workspace.id,
      email: overrides.email ?? `user-${unique()}@example.test`,
      name: overrides.name ?? `User ${unique()}`,
      employee_no: overrides.employeeNo ?? null,
      role: overrides.role ?? 'agent',
      department_id: overrides.departmentId ?? null,
      password_hash: await hashOnce(password),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...row, password };
}

/** A workspace with one user of each role, the usual starting point of an API test. */
export async function buildTeam(db: Kysely<Database> = testDb()) {
  const workspace = await buildWorkspace({}, db);
  const member = (role: Role) => buildUser(workspace, { role }, db);
  const [admin, supervisor, agent, engineer, operations, successManager] = await Promise.all([
    member('admin'),
    member('supervisor'),
    member('agent'),
    member('engineer'),
    member('operations'),
    member('success_manager'),
  ]);
  return { workspace, admin, supervisor, agent, engineer, operations, successManager };
}

export function principalFor(user: UserRow) {
  return { via: 'session' as const, userId: user.id, workspaceId: user.workspace_id, role: user.role };
}

export async function buildCustomer(
  workspace: WorkspaceRow,
  overrides: { name?: string; phone?: string; identities?: { channel: string; externalId: string }[] } = {},
  db: Kysely<Database> = testDb(),
) {
  const { createCustomer } = await import('@server/customers/service');
  return createCustomer(db, {
    workspaceId: workspace.id,
    fields: {
      name: overrides.name ?? `客户 ${unique()}`,
      nickname: '',
      phone: overrides.phone ?? null,
      company: '',
      tags: [],
      attributes: {},
      notes: '',
    },
    identities: overrides.identities ?? [],
    vault: testVault(db),
  });
}

export async function buildTicket(
  creator: UserRow,
  overrides: Partial<import('@server/tickets/create-ticket').NewTicket> = {},
  db: Kysely<Database> = testDb(),
) {
  const { createTicket } = await import('@server/tickets/create-ticket');
  return createTicket(db, {
    actor: principalFor(creator),
    ticket: {
      subject: `咨询 ${unique()}`,
      description: '',
      channel: 'web_chat',
      priority: 'normal',
      tags: [],
      customFields: {},
      needsCollaboration: false,
      collaborationDepartmentIds: [],
      ...overrides,
    },
    vault: testVault(db),
    sla: createStandaloneTracker(),
  });
}
