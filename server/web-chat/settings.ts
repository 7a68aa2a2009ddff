/**
 * The web-chat widget's settings per workspace, created on first use together with the `web_chat` channel account
 * its conversations belong to. The widget key is public (it is in the host page's <script> tag); the identity
 * secret, which host sites sign their signed-in users with, is sealed like channel secrets.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '@server/db/schema';
import type { PreChatSettings, WebChatSettingsRow } from '@server/db/web-chat-tables';
import type { Keyring } from '@server/privacy/keyring';
import type { Kysely } from 'kysely';

export const WEB_CHAT_KIND = 'web_chat';

export const DEFAULT_WELCOME = {
  'zh-CN': '您好，欢迎咨询！请问有什么可以帮您？客服将尽快为您服务。',
  en: 'Hello and welcome! How can we help you? An agent will be with you shortly.',
};
export const DEFAULT_GREETING = {
  'zh-CN': '您好，我是客服{agentName}（工号{employeeNo}），很高兴为您服务。',
  en: 'Hello, this is {agentName} (No. {employeeNo}). Happy to help you.',
};
export const DEFAULT_PRE_CHAT: PreChatSettings = {
  enabled: false,
  fields: [
    { field: 'name', required: false },
    { field: 'phone', required: false },
    { field: 'order', required: false },
  ],
};

const newWidgetKey = () => `wk_${randomBytes(18).toString('base64url')}`;

/** The workspace's settings, created (with the channel account) the first time anyone asks. */
export async function ensureWebChat(db: Kysely<Database>, workspaceId: string): Promise<WebChatSettingsRow> {
  const existing = await db
    .selectFrom('web_chat_settings')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  if (existing) return existing;
  return db.transaction().execute(async (tx) => {
    // Two first requests at once: the workspace row lock lets one create and the other read what it made.
    await tx.selectFrom('workspaces').select('id').where('id', '=', workspaceId).forUpdate().execute();
    const raced = await tx
      .selectFrom('web_chat_settings')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    if (raced) return raced;
    const account = await tx
      .insertInto('channel_accounts')
      .values({
        workspace_id: workspaceId,
        kind: WEB_CHAT_KIND,
        platform: 'web_chat',
        name: '网页聊天',
        // The widget channel signs nothing with it: its visitors hold tokens keyed by the workspace's lookup key.
        secret_ciphertext: '',
        secret_hint: '',
        callback_url: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return tx
      .insertInto('web_chat_settings')
      .values({
        workspace_id: workspaceId,
        widget_key: newWidgetKey(),
        channel_account_id: account.id,
        welcome: JSON.stringify(DEFAULT_WELCOME),
        greeting: JSON.stringify(DEFAULT_GREETING),
        pre_chat: JSON.stringify(DEFAULT_PRE_CHAT),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** Settings by the public widget key, cached briefly: every widget request names it. */
export class WidgetKeyCache {
  private readonly entries = new Map<string, { row: WebChatSettingsRow | null; at: number }>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ttlMs = 5000,
  ) {}

  async byKey(widgetKey: string): Promise<WebChatSettingsRow | null> {
    const cached = this.entries.get(widgetKey);
    if (cached && performance.now() - cached.at < this.ttlMs) return cached.row;
    const row =
      (await this.db
        .selectFrom('web_chat_settings')
        .selectAll()
        .where('widget_key', '=', widgetKey)
        .executeTakeFirst()) ?? null;
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(widgetKey, { row, at: performance.now() });
    return row;
  }

  async byWorkspace(workspaceId: string): Promise<WebChatSettingsRow | null> {
    for (const entry of this.entries.values()) {
      if (entry.row?.workspace_id === workspaceId && performance.now() - entry.at < this.ttlMs)
        return entry.row;
    }
    const row =
      (await this.db
        .selectFrom('web_chat_settings')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirst()) ?? null;
    if (row) this.entries.set(row.widget_key, { row, at: performance.now() });
    return row;
  }

  /** An edit in this process is seen at once. */
  forget(): void {
    this.entries.clear();
  }
}

export async function rotateIdentitySecret(
  db: Kysely<Database>,
  keyring: Keyring,
  workspaceId: string,
): Promise<string> {
  const secret = `kefu_idsec_${randomBytes(24).toString('base64url')}`;
  await db
    .updateTable('web_chat_settings')
    .set({
      identity_secret_ciphertext: await keyring.encrypt(workspaceId, secret),
      identity_secret_hint: secret.slice(-4),
      updated_at: new Date(),
    })
    .where('workspace_id', '=', workspaceId)
    .execute();
  return secret;
}
