import { recordAudit } from '@server/audit/service';
import { assertAcceptablePassword, hashPassword } from '@server/auth/passwords';
import { generateSecret, hashToken } from '@server/auth/secrets';
import { isUniqueViolation } from '@server/db/errors';
import type { Database } from '@server/db/schema';
import { conflict, HttpProblem, notFound } from '@server/http/problem';
import { type Kysely, sql } from 'kysely';

const SETUP_TOKEN_HOURS = 24;
const PRIMARY_WORKSPACE_SLUG = 'main';

export type FirstRunOutcome =
  | { kind: 'ready' }
  | { kind: 'admin_created'; email: string }
  | { kind: 'setup_link'; token: string; expiresAt: Date };

async function primaryWorkspaceId(db: Kysely<Database>): Promise<string> {
  const existing = await db
    .selectFrom('workspaces')
    .select('id')
    .where('is_demo', '=', false)
    .orderBy('created_at')
    .executeTakeFirst();
  if (existing) return existing.id;
  const created = await db
    .insertInto('workspaces')
    .values({ name: 'Kefu', slug: PRIMARY_WORKSPACE_SLUG, settings: '{}' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return created.id;
}

/**
 * Makes sure the operator can get in: when no real (non-demo) workspace has an active admin, create one from
 * KEFU_ADMIN_EMAIL/KEFU_ADMIN_PASSWORD, or issue a one-time setup link. Runs at every start; a no-op afterwards.
 */
export async function prepareFirstRun(
  db: Kysely<Database>,
  options: { adminEmail?: string; adminPassword?: string },
): Promise<FirstRunOutcome> {
  const admin = await db
    .selectFrom('users')
    .innerJoin('workspaces', 'workspaces.id', 'users.workspace_id')
    .select('users.id')
    .where('workspaces.is_demo', '=', false)
    .where('users.role', '=', 'admin')
    .where('users.deactivated_at', 'is', null)
    .executeTakeFirst();
  if (admin) return { kind: 'ready' };

  const workspaceId = await primaryWorkspaceId(db);
  if (options.adminEmail && options.adminPassword) {
    await createFirstAdmin(db, {
      workspaceId,
      email: options.adminEmail,
      password: options.adminPassword,
      name: 'Admin',
      field: 'KEFU_ADMIN_PASSWORD',
    });
    return { kind: 'admin_created', email: options.adminEmail };
  }

  const token = generateSecret();
  const row = await db.transaction().execute(async (tx) => {
    // Only the newest link works: an old one printed in a log somewhere must not open the workspace.
    await tx.deleteFrom('setup_tokens').where('workspace_id', '=', workspaceId).execute();
    return tx
      .insertInto('setup_tokens')
      .values({
        workspace_id: workspaceId,
        token_hash: hashToken(token),
        expires_at: sql<Date>`now() + make_interval(hours => ${SETUP_TOKEN_HOURS})`,
      })
      .returning('expires_at')
      .executeTakeFirstOrThrow();
  });
  return { kind: 'setup_link', token, expiresAt: row.expires_at };
}

async function createFirstAdmin(
  db: Kysely<Database>,
  options: {
    workspaceId: string;
    email: string;
    password: string;
    name: string;
    employeeNo?: string;
    field: string;
  },
): Promise<string> {
  assertAcceptablePassword(options.password, options.email, options.field);
  const passwordHash = await hashPassword(options.password);
  const created = await db
    .insertInto('users')
    .values({
      workspace_id: options.workspaceId,
      email: options.email.toLowerCase(),
      name: options.name,
      employee_no: options.employeeNo ?? null,
      role: 'admin',
      password_hash: passwordHash,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
    .catch((error) => {
      if (isUniqueViolation(error))
        throw conflict('email_taken', 'Another account already uses this e-mail address');
      throw error;
    });
  await recordAudit(db, {
    workspaceId: options.workspaceId,
    actorUserId: created.id,
    action: 'user.created',
    targetType: 'user',
    targetId: created.id,
    detail: { role: 'admin', via: 'first_run' },
  });
  return created.id;
}

async function findUsableToken(db: Kysely<Database>, token: string) {
  const row = await db
    .selectFrom('setup_tokens')
    .innerJoin('workspaces', 'workspaces.id', 'setup_tokens.workspace_id')
    .select(['setup_tokens.id', 'setup_tokens.workspace_id', 'workspaces.name as workspace_name'])
    .where('setup_tokens.token_hash', '=', hashToken(token))
    .where('setup_tokens.used_at', 'is', null)
    .where('setup_tokens.expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  if (!row) throw notFound('Setup link');
  return row;
}

export async function describeSetupToken(db: Kysely<Database>, token: string) {
  const row = await findUsableToken(db, token);
  return { workspaceName: row.workspace_name };
}

/** Creates the first admin through the one-time link; the link is spent in the same transaction. */
export async function completeSetup(
  db: Kysely<Database>,
  options: {
    token: string;
    workspaceName?: string;
    name: string;
    email: string;
    password: string;
    employeeNo?: string;
  },
): Promise<{ workspaceId: string }> {
  const row = await findUsableToken(db, options.token);
  await db.transaction().execute(async (tx) => {
    const spent = await tx
      .updateTable('setup_tokens')
      .set({ used_at: sql<Date>`now()` })
      .where('id', '=', row.id)
      .where('used_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!spent) throw new HttpProblem(409, 'setup_link_used', 'This setup link has already been used');
    if (options.workspaceName) {
      await tx
        .updateTable('workspaces')
        .set({ name: options.workspaceName })
        .where('id', '=', row.workspace_id)
        .execute();
    }
    await createFirstAdmin(tx, { ...options, workspaceId: row.workspace_id, field: 'body/password' });
  });
  return { workspaceId: row.workspace_id };
}
