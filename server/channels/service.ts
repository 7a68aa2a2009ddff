import { randomBytes } from 'node:crypto';
import { recordAudit } from '@server/audit/service';
import type { Principal } from '@server/auth/principal';
import type { ChannelAccountRow, Database } from '@server/db/schema';
import { HttpProblem, notFound } from '@server/http/problem';
import type { Keyring } from '@server/privacy/keyring';
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import { hostAllowed } from './platform/fetch-limited';
import { type PlatformKind, platformKind } from './platform/kinds';

/** After a rotation the replaced secret keeps working this long, so a connector can be switched without downtime. */
export const PREVIOUS_SECRET_GRACE_HOURS = 24;

const newSecret = () => `kefu_whsec_${randomBytes(24).toString('base64url')}`;

export interface ChannelAccountInput {
  kind: string;
  /** Required for `api`; a platform kind implies its own. */
  platform?: string;
  name: string;
  callbackUrl: string | null;
  rateLimitPerSecond: number;
  settings: Record<string, unknown>;
  credentials: Record<string, string>;
}

/** Field-level 400 for a platform's settings or secrets (`body/settings/appId`). */
function checked<T>(schema: z.ZodType<T>, value: unknown, field: 'settings' | 'credentials'): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new HttpProblem(
    400,
    'validation_failed',
    `The ${field} are incomplete or invalid`,
    parsed.error.issues.map((issue) => ({
      path: `body/${field}${issue.path.map((part) => `/${String(part)}`).join('')}`,
      message: issue.message,
      code: issue.code,
    })),
  );
}

/**
 * A platform's settings, with the API base URL held to the platform's own hosts unless the operator allowed relays
 * (KEFU_ALLOW_CUSTOM_PLATFORM_URLS): Kefu sends the stored secrets there, so an admin must not be able to pick any
 * server and read them back.
 */
function checkedSettings(
  kind: PlatformKind,
  value: unknown,
  allowCustomUrls: boolean,
): Record<string, unknown> {
  const settings = checked(kind.settings, value, 'settings');
  const baseUrl = typeof settings.apiBaseUrl === 'string' ? new URL(settings.apiBaseUrl) : null;
  if (
    baseUrl &&
    !allowCustomUrls &&
    (baseUrl.protocol !== 'https:' || !hostAllowed(baseUrl, kind.officialHosts))
  ) {
    throw new HttpProblem(400, 'validation_failed', 'The settings are incomplete or invalid', [
      {
        path: 'body/settings/apiBaseUrl',
        message: `Only the platform's own address (https://…${kind.officialHosts[0]}); a relay needs KEFU_ALLOW_CUSTOM_PLATFORM_URLS=1 on the server`,
        code: 'custom_url_not_allowed',
      },
    ]);
  }
  return settings;
}

/** The stored secrets after a change: the named ones replaced, a rotated one kept as `previous…` meanwhile. */
export function mergeCredentials(
  kind: PlatformKind,
  stored: Record<string, string>,
  changes: Record<string, string>,
): Record<string, string> {
  const merged = { ...stored };
  for (const [name, value] of Object.entries(changes)) {
    if (value === '') continue;
    const previousName = `previous${name[0]?.toUpperCase()}${name.slice(1)}`;
    if (kind.rotatedCredentials.includes(name) && stored[name] && stored[name] !== value) {
      merged[previousName] = stored[name];
    }
    merged[name] = value;
  }
  return merged;
}

/** The names of the secrets stored for an account (never their values). */
export async function credentialNames(keyring: Keyring, row: ChannelAccountRow): Promise<string[]> {
  if (!row.credentials_ciphertext) return [];
  return Object.keys(JSON.parse(await keyring.decrypt(row.workspace_id, row.credentials_ciphertext)));
}

export async function createChannelAccount(
  db: Kysely<Database>,
  keyring: Keyring,
  options: { actor: Principal; input: ChannelAccountInput; ip?: string; allowCustomPlatformUrls?: boolean },
): Promise<{ row: ChannelAccountRow; signingSecret: string | null }> {
  const { actor, input } = options;
  const kind = platformKind(input.kind);
  // A platform signs with its own secrets; only the API channel gets a Kefu signing secret.
  const signingSecret = kind ? null : newSecret();
  const settings = kind
    ? checkedSettings(kind, input.settings, options.allowCustomPlatformUrls ?? false)
    : {};
  const credentials = kind ? checked(kind.credentials, input.credentials, 'credentials') : null;
  const [secretCiphertext, credentialsCiphertext] = await Promise.all([
    signingSecret ? keyring.encrypt(actor.workspaceId, signingSecret) : '',
    credentials ? keyring.encrypt(actor.workspaceId, JSON.stringify(credentials)) : null,
  ]);
  const row = await db.transaction().execute(async (tx) => {
    const created = await tx
      .insertInto('channel_accounts')
      .values({
        workspace_id: actor.workspaceId,
        kind: input.kind,
        platform: kind?.platform ?? input.platform ?? 'other',
        name: input.name,
        secret_ciphertext: secretCiphertext,
        secret_hint: signingSecret?.slice(-4) ?? '',
        callback_url: kind ? null : input.callbackUrl,
        rate_limit_per_second: input.rateLimitPerSecond,
        settings: JSON.stringify(settings),
        credentials_ciphertext: credentialsCiphertext,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: 'channel_account.created',
      targetType: 'channel_account',
      targetId: created.id,
      detail: { kind: input.kind, platform: input.platform, name: input.name },
      ip: options.ip ?? null,
    });
    return created;
  });
  return { row, signingSecret };
}

export async function updateChannelAccount(
  db: Kysely<Database>,
  keyring: Keyring,
  options: {
    actor: Principal;
    accountId: string;
    changes: Partial<{
      name: string;
      enabled: boolean;
      callbackUrl: string | null;
      rateLimitPerSecond: number;
      settings: Record<string, unknown>;
      credentials: Record<string, string>;
    }>;
    ip?: string;
    allowCustomPlatformUrls?: boolean;
  },
): Promise<ChannelAccountRow> {
  const { actor, changes } = options;
  const platformChanges = await platformChangesOf(db, keyring, options);
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('channel_accounts')
      .set({
        ...platformChanges,
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.enabled !== undefined ? { enabled: changes.enabled } : {}),
        ...(changes.callbackUrl !== undefined ? { callback_url: changes.callbackUrl } : {}),
        ...(changes.rateLimitPerSecond !== undefined
          ? { rate_limit_per_second: changes.rateLimitPerSecond }
          : {}),
        updated_at: sql<Date>`now()`,
      })
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', options.accountId)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw notFound('Channel account');
    if (platformChanges.settings || platformChanges.credentials_ciphertext) {
      // A new AppID or secret: a token issued for the old ones must not be used by any process.
      await tx
        .deleteFrom('platform_access_tokens')
        .where('workspace_id', '=', actor.workspaceId)
        .where('channel_account_id', '=', row.id)
        .execute();
    }
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: 'channel_account.updated',
      targetType: 'channel_account',
      targetId: row.id,
      detail: { fields: Object.keys(changes) },
      ip: options.ip ?? null,
    });
    return row;
  });
}

/** A platform account's new settings and sealed secrets, read and sealed before the update's transaction. */
async function platformChangesOf(
  db: Kysely<Database>,
  keyring: Keyring,
  options: {
    actor: Principal;
    accountId: string;
    changes: { settings?: Record<string, unknown>; credentials?: Record<string, string> };
    allowCustomPlatformUrls?: boolean;
  },
): Promise<{ settings?: string; credentials_ciphertext?: string }> {
  const { settings, credentials } = options.changes;
  if (!settings && !credentials) return {};
  const { workspaceId } = options.actor;
  const row = await db
    .selectFrom('channel_accounts')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', options.accountId)
    .executeTakeFirst();
  if (!row) throw notFound('Channel account');
  const kind = platformKind(row.kind);
  if (!kind) {
    throw new HttpProblem(400, 'validation_failed', 'Only a platform account has settings and secrets', [
      { path: settings ? 'body/settings' : 'body/credentials', message: 'Not for this kind of account' },
    ]);
  }
  const result: { settings?: string; credentials_ciphertext?: string } = {};
  if (settings) {
    result.settings = JSON.stringify(
      checkedSettings(kind, { ...row.settings, ...settings }, options.allowCustomPlatformUrls ?? false),
    );
  }
  if (credentials) {
    const stored = row.credentials_ciphertext
      ? (JSON.parse(await keyring.decrypt(workspaceId, row.credentials_ciphertext)) as Record<string, string>)
      : {};
    const merged = checked(kind.credentials, mergeCredentials(kind, stored, credentials), 'credentials');
    result.credentials_ciphertext = await keyring.encrypt(workspaceId, JSON.stringify(merged));
  }
  return result;
}

/** A new signing secret; the replaced one stays valid for PREVIOUS_SECRET_GRACE_HOURS. */
export async function rotateChannelSecret(
  db: Kysely<Database>,
  keyring: Keyring,
  options: { actor: Principal; accountId: string; ip?: string },
): Promise<{ row: ChannelAccountRow; signingSecret: string }> {
  const { actor } = options;
  const signingSecret = newSecret();
  const ciphertext = await keyring.encrypt(actor.workspaceId, signingSecret);
  const row = await db.transaction().execute(async (tx) => {
    const rotated = await tx
      .updateTable('channel_accounts')
      .set({
        previous_secret_ciphertext: sql`secret_ciphertext`,
        previous_secret_expires_at: sql<Date>`now() + make_interval(hours => ${PREVIOUS_SECRET_GRACE_HOURS})`,
        secret_ciphertext: ciphertext,
        secret_hint: signingSecret.slice(-4),
        updated_at: sql<Date>`now()`,
      })
      .where('workspace_id', '=', actor.workspaceId)
      .where('id', '=', options.accountId)
      // A platform account signs with the platform's own secrets, changed on its settings.
      .where('kind', '=', 'api')
      .returningAll()
      .executeTakeFirst();
    if (!rotated) throw notFound('Channel account');
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: 'channel_account.secret_rotated',
      targetType: 'channel_account',
      targetId: rotated.id,
      ip: options.ip ?? null,
    });
    return rotated;
  });
  return { row, signingSecret };
}

export async function listChannelAccounts(db: Kysely<Database>, workspaceId: string) {
  return (
    db
      .selectFrom('channel_accounts')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      // The widget's account is managed on the web-chat page (管理 → 网页聊天) and mailboxes on 管理 → 邮箱;
      // manually registered requests have an account only so that they pass through intake.
      .where('kind', 'not in', ['web_chat', 'email', 'manual'])
      .orderBy('created_at')
      .execute()
  );
}

/** Per account: messages received, replies waiting to be delivered, replies that failed. */
export async function channelAccountStats(db: Kysely<Database>, workspaceId: string, accountIds: string[]) {
  const stats = new Map(
    accountIds.map((id) => [id, { received: 0, deliveriesPending: 0, deliveriesFailed: 0 }]),
  );
  if (accountIds.length === 0) return stats;
  const [received, deliveries] = await Promise.all([
    db
      .selectFrom('inbound_receipts')
      .select(['channel_account_id', db.fn.countAll<number>().as('count')])
      .where('workspace_id', '=', workspaceId)
      .where('channel_account_id', 'in', accountIds)
      .groupBy('channel_account_id')
      .execute(),
    db
      .selectFrom('outbound_deliveries')
      .select(['channel_account_id', 'state', db.fn.countAll<number>().as('count')])
      .where('workspace_id', '=', workspaceId)
      .where('channel_account_id', 'in', accountIds)
      .where('state', 'in', ['queued', 'sending', 'failed'])
      .groupBy(['channel_account_id', 'state'])
      .execute(),
  ]);
  for (const row of received) {
    const entry = stats.get(row.channel_account_id);
    if (entry) entry.received = Number(row.count);
  }
  for (const row of deliveries) {
    const entry = stats.get(row.channel_account_id);
    if (!entry) continue;
    if (row.state === 'failed') entry.deliveriesFailed += Number(row.count);
    else entry.deliveriesPending += Number(row.count);
  }
  return stats;
}
