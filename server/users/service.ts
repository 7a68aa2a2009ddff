import { recordAudit } from '@server/audit/service';
import { assertAcceptablePassword, hashPassword, verifyPassword } from '@server/auth/passwords';
import type { Principal } from '@server/auth/principal';
import { endSessionsOfUser } from '@server/auth/sessions';
import { isUniqueViolation } from '@server/db/errors';
import type { Database, UserUpdate } from '@server/db/schema';
import { conflict, notFound, unprocessable } from '@server/http/problem';
import type { Locale, Role } from '@shared/roles';
import { type Kysely, sql } from 'kysely';
import { countOtherActiveAdmins, departmentExists, findUser, type UserWithDepartment } from './repo';

interface Actor {
  principal: Principal;
  ip: string | null;
}

function translateUniqueViolation(error: unknown): never {
  if (isUniqueViolation(error, 'users_email_key')) {
    throw conflict('email_taken', 'Another account already uses this e-mail address');
  }
  if (isUniqueViolation(error, 'users_workspace_id_employee_no_key')) {
    throw conflict('employee_no_taken', 'Another user in this workspace has this employee number');
  }
  throw error;
}

async function assertDepartmentInWorkspace(
  db: Kysely<Database>,
  workspaceId: string,
  departmentId?: string | null,
) {
  if (!departmentId) return;
  if (!(await departmentExists(db, { workspaceId, departmentId }))) {
    throw unprocessable('unknown_department', 'No such department in this workspace', [
      { path: 'body/departmentId', message: 'No such department in this workspace' },
    ]);
  }
}

async function reload(
  db: Kysely<Database>,
  workspaceId: string,
  userId: string,
): Promise<UserWithDepartment> {
  const user = await findUser(db, { workspaceId, userId });
  if (!user) throw notFound('User');
  return user;
}

export async function createUser(
  db: Kysely<Database>,
  options: Actor & {
    email: string;
    name: string;
    employeeNo?: string;
    role: Role;
    departmentId?: string | null;
    password: string;
  },
): Promise<UserWithDepartment> {
  const workspaceId = options.principal.workspaceId;
  assertAcceptablePassword(options.password, options.email);
  await assertDepartmentInWorkspace(db, workspaceId, options.departmentId);
  const passwordHash = await hashPassword(options.password);
  const created = await db
    .insertInto('users')
    .values({
      workspace_id: workspaceId,
      email: options.email.toLowerCase(),
      name: options.name,
      employee_no: options.employeeNo ?? null,
      role: options.role,
      department_id: options.departmentId ?? null,
      password_hash: passwordHash,
      must_change_password: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
    .catch(translateUniqueViolation);
  await recordAudit(db, {
    workspaceId,
    actorUserId: options.principal.userId,
    action: 'user.created',
    targetType: 'user',
    targetId: created.id,
    detail: { role: options.role },
    ip: options.ip,
  });
  return reload(db, workspaceId, created.id);
}

export async function updateUser(
  db: Kysely<Database>,
  options: Actor & {
    userId: string;
    changes: {
      name?: string;
      employeeNo?: string | null;
      role?: Role;
      departmentId?: string | null;
      locale?: Locale | null;
    };
  },
): Promise<UserWithDepartment> {
  const workspaceId = options.principal.workspaceId;
  const { changes } = options;
  await assertDepartmentInWorkspace(db, workspaceId, changes.departmentId);
  await db
    .transaction()
    .execute(async (tx) => {
      const current = await findUser(tx, { workspaceId, userId: options.userId });
      if (!current) throw notFound('User');
      if (current.role === 'admin' && changes.role && changes.role !== 'admin') {
        if ((await countOtherActiveAdmins(tx, { workspaceId, exceptUserId: current.id })) === 0) {
          throw conflict('last_admin', 'A workspace needs at least one active admin');
        }
      }
      const update: UserUpdate = { updated_at: sql<Date>`now()` as never };
      if (changes.name !== undefined) update.name = changes.name;
      if (changes.employeeNo !== undefined) update.employee_no = changes.employeeNo;
      if (changes.role !== undefined) update.role = changes.role;
      if (changes.departmentId !== undefined) update.department_id = changes.departmentId;
      if (changes.locale !== undefined) update.locale = changes.locale;
      await tx
        .updateTable('users')
        .set(update)
        .where('id', '=', current.id)
        .where('workspace_id', '=', workspaceId)
        .execute();
      await recordAudit(tx, {
        workspaceId,
        actorUserId: options.principal.userId,
        action: 'user.updated',
        targetType: 'user',
        targetId: current.id,
        detail: {
          fields: Object.keys(changes),
          ...(changes.role ? { role: { from: current.role, to: changes.role } } : {}),
        },
        ip: options.ip,
      });
    })
    .catch(translateUniqueViolation);
  return reload(db, workspaceId, options.userId);
}

/** Deactivating ends the user's sessions at once; their API tokens stop working with them. */
export async function setUserActive(
  db: Kysely<Database>,
  options: Actor & { userId: string; active: boolean },
): Promise<UserWithDepartment> {
  const workspaceId = options.principal.workspaceId;
  await db.transaction().execute(async (tx) => {
    const current = await findUser(tx, { workspaceId, userId: options.userId });
    if (!current) throw notFound('User');
    if (!options.active && current.role === 'admin') {
      if ((await countOtherActiveAdmins(tx, { workspaceId, exceptUserId: current.id })) === 0) {
        throw conflict('last_admin', 'A workspace needs at least one active admin');
      }
    }
    await tx
      .updateTable('users')
      .set({
        deactivated_at: options.active ? null : sql<Date>`coalesce(deactivated_at, now())`,
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', current.id)
      .where('workspace_id', '=', workspaceId)
      .execute();
    if (!options.active) await endSessionsOfUser(tx, { userId: current.id, workspaceId });
    await recordAudit(tx, {
      workspaceId,
      actorUserId: options.principal.userId,
      action: options.active ? 'user.reactivated' : 'user.deactivated',
      targetType: 'user',
      targetId: current.id,
      ip: options.ip,
    });
  });
  return reload(db, workspaceId, options.userId);
}

/**
 * Stores a new password hash and ends the user's sessions (all, or all but the one making the change), in one
 * transaction with its audit entry. An admin-set password unlocks the account and must be changed at next login.
 */
async function replacePassword(
  db: Kysely<Database>,
  options: Actor & { userId: string; passwordHash: string; setByAdmin: boolean },
): Promise<void> {
  const { workspaceId } = options.principal;
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({
        password_hash: options.passwordHash,
        password_changed_at: sql<Date>`now()`,
        must_change_password: options.setByAdmin,
        ...(options.setByAdmin ? { failed_login_count: 0, locked_until: null } : {}),
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', options.userId)
      .where('workspace_id', '=', workspaceId)
      .execute();
    await endSessionsOfUser(tx, {
      userId: options.userId,
      workspaceId,
      exceptSessionId: options.setByAdmin ? undefined : options.principal.sessionId,
    });
    await recordAudit(tx, {
      workspaceId,
      actorUserId: options.principal.userId,
      action: options.setByAdmin ? 'user.password_reset' : 'user.password_changed',
      targetType: 'user',
      targetId: options.userId,
      ip: options.ip,
    });
  });
}

/** An admin sets a temporary password: it unlocks the account and must be changed at the next login. */
export async function resetUserPassword(
  db: Kysely<Database>,
  options: Actor & { userId: string; password: string },
): Promise<void> {
  const workspaceId = options.principal.workspaceId;
  const user = await reload(db, workspaceId, options.userId);
  assertAcceptablePassword(options.password, user.email);
  const passwordHash = await hashPassword(options.password);
  await replacePassword(db, { ...options, userId: user.id, passwordHash, setByAdmin: true });
}

/** A user changes their own password; their other sessions end (a stolen session does not survive it). */
export async function changeOwnPassword(
  db: Kysely<Database>,
  options: Actor & { currentPassword: string; newPassword: string },
): Promise<void> {
  const { principal } = options;
  const user = await reload(db, principal.workspaceId, principal.userId);
  if (!(await verifyPassword(user.password_hash, options.currentPassword))) {
    throw unprocessable('wrong_current_password', 'The current password is wrong', [
      { path: 'body/currentPassword', message: 'The current password is wrong' },
    ]);
  }
  assertAcceptablePassword(options.newPassword, user.email, 'body/newPassword');
  if (await verifyPassword(user.password_hash, options.newPassword)) {
    throw unprocessable('password_reused', 'Choose a password different from the current one', [
      { path: 'body/newPassword', message: 'Choose a password different from the current one' },
    ]);
  }
  const passwordHash = await hashPassword(options.newPassword);
  await replacePassword(db, { ...options, userId: user.id, passwordHash, setByAdmin: false });
}
