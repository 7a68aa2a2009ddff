import { randomBytes } from 'node:crypto';
import { recordAudit } from '@server/audit/service';
import type { Principal } from '@server/auth/principal';
import type { ChannelAccountRow, Database } from '@server/db/schema';
import { notFound } from '@server/http/problem';
import type { Keyring } from '@server/privacy/keyring';
import { type Kysely, sql } from 'kysely';

/** After a rotation the replaced secret keeps working this long, so a connector can be switched without downtime. */
export const PREVIOUS_SECRET_GRACE_HOURS = 24;

const newSecret = () => `kefu_whsec_${randomBytes(24).toString('base64url')}`;

export interface ChannelAccountInput {
  kind: 'api';
  platform: string;
  name: string;
  callbackUrl: string | null;
  rateLimitPerSecond: number;
}

export async function createChannelAccount(
  db: Kysely<Database>,
  keyring: Keyring,
  options: { actor: Principal; input: ChannelAccountInput; ip?: string },
): Promise<{ row: ChannelAccountRow; signingSecret: string }> {
  const { actor, input } = options;
  const signingSecret = newSecret();
  const ciphertext = await keyring.encrypt(actor.workspaceId, signingSecret);
  const row = await db.transaction().execute(async (tx) => {
    const created = await tx
      .insertInto('channel_accounts')
      .values({
        workspace_id: actor.workspaceId,
        kind: input.kind,
        platform: input.platform,
        name: input.name,
        secret_ciphertext: ciphertext,
        secret_hint: signingSecret.slice(-4),
        callback_url: input.callbackUrl,
        rate_limit_per_second: input.rateLimitPerSecond,
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
  options: {
    actor: Principal;
    accountId: string;
    changes: Partial<{
      name: string;
      enabled: boolean;
      callbackUrl: string | null;
      rateLimitPerSecond: number;
    }>;
    ip?: string;
  },
): Promise<ChannelAccountRow> {
  const { actor, changes } = options;
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('channel_accounts')
      .set({
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
