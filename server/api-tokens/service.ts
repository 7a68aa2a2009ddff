import { recordAudit } from '@server/audit/service';
import type { Principal } from '@server/auth/principal';
import { generateSecret, hashToken } from '@server/auth/secrets';
import type { ApiTokenRow, Database } from '@server/db/schema';
import { notFound, unprocessable } from '@server/http/problem';
import { type Permission, permissionsOf } from '@shared/permissions';
import { type Kysely, sql } from 'kysely';

export const API_TOKEN_PREFIX = 'kefu_';
const TOUCH_INTERVAL_MS = 60_000;

export async function listApiTokens(
  db: Kysely<Database>,
  options: { workspaceId: string },
): Promise<ApiTokenRow[]> {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('workspace_id', '=', options.workspaceId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** Creates a token for the acting user; the plain value is returned once and only its hash is kept. */
export async function createApiToken(
  db: Kysely<Database>,
  options: {
    actor: Principal;
    name: string;
    scopes: Permission[];
    expiresAt: Date | null;
    ip: string | null;
  },
): Promise<{ row: ApiTokenRow; token: string }> {
  const ownerPermissions = new Set(permissionsOf(options.actor.role));
  const beyondRole = options.scopes.filter((scope) => !ownerPermissions.has(scope));
  if (beyondRole.length > 0) {
    throw unprocessable(
      'scope_exceeds_role',
      'A token cannot be granted more than its owner may do',
      beyondRole.map((scope) => ({ path: 'body/scopes', message: `Your role does not allow ${scope}` })),
    );
  }
  const token = `${API_TOKEN_PREFIX}${generateSecret()}`;
  const row = await db
    .insertInto('api_tokens')
    .values({
      workspace_id: options.actor.workspaceId,
      user_id: options.actor.userId,
      name: options.name,
      token_hash: hashToken(token),
      token_prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
      scopes: [...new Set(options.scopes)],
      expires_at: options.expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(db, {
    workspaceId: options.actor.workspaceId,
    actorUserId: options.actor.userId,
    action: 'api_token.created',
    targetType: 'api_token',
    targetId: row.id,
    detail: { name: row.name, scopes: row.scopes },
    ip: options.ip,
  });
  return { row, token };
}

export async function revokeApiToken(
  db: Kysely<Database>,
  options: { actor: Principal; tokenId: string; ip: string | null },
): Promise<ApiTokenRow> {
  const row = await db
    .updateTable('api_tokens')
    .set({ revoked_at: sql<Date>`coalesce(revoked_at, now())` })
    .where('id', '=', options.tokenId)
    .where('workspace_id', '=', options.actor.workspaceId)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw notFound('API token');
  await recordAudit(db, {
    workspaceId: options.actor.workspaceId,
    actorUserId: options.actor.userId,
    action: 'api_token.revoked',
    targetType: 'api_token',
    targetId: row.id,
    ip: options.ip,
  });
  return row;
}

/** The principal an `Authorization: Bearer` token stands for, or null when it is unknown, revoked or expired. */
export async function resolveApiToken(
  db: Kysely<Database>,
  token: string,
  ip: string | null = null,
): Promise<Principal | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', (join) =>
      join
        .onRef('users.id', '=', 'api_tokens.user_id')
        .onRef('users.workspace_id', '=', 'api_tokens.workspace_id'),
    )
    .select([
      'api_tokens.id',
      'api_tokens.workspace_id',
      'api_tokens.user_id',
      'api_tokens.scopes',
      'api_tokens.last_used_at',
      'users.role',
      sql<Date>`now()`.as('now'),
    ])
    .where('api_tokens.token_hash', '=', hashToken(token))
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) =>
      eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', sql<Date>`now()`)]),
    )
    .where('users.deactivated_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  // Use is audited at the same pace last_used_at moves: at most once a minute per token, from which address.
  if (!row.last_used_at || row.now.getTime() - row.last_used_at.getTime() > TOUCH_INTERVAL_MS) {
    await db
      .updateTable('api_tokens')
      .set({ last_used_at: sql<Date>`now()` })
      .where('id', '=', row.id)
      .where('workspace_id', '=', row.workspace_id)
      .execute();
    await recordAudit(db, {
      workspaceId: row.workspace_id,
      actorUserId: row.user_id,
      action: 'api_token.used',
      targetType: 'api_token',
      targetId: row.id,
      ip,
    });
  }
  return {
    via: 'token',
    userId: row.user_id,
    workspaceId: row.workspace_id,
    role: row.role,
    scopes: row.scopes as Permission[],
  };
}
