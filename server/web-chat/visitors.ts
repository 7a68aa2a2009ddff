/**
 * Widget visitors: who holds a visitor token, which conversation they write in, who they are when the host site
 * vouches for a signed-in user, and the pages they have seen (context for the agent).
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { Database } from '@server/db/schema';
import type { VisitedPage, WebChatSettingsRow, WebChatVisitorRow } from '@server/db/web-chat-tables';
import type { InboundAttachment, InboundMessage } from '@server/intake/inbound-message';
import type { Keyring } from '@server/privacy/keyring';
import type { WidgetClientFrame, WidgetLocale } from '@shared/web-chat';
import { type Kysely, sql } from 'kysely';

const PAGES_KEPT = 20;

export interface VerifiedIdentity {
  userId?: string;
  email?: string;
  name?: string;
}

/** Origin and path only: query strings and fragments can carry personal data (tokens, phone numbers). */
export function pageOf(url: string, title: string, at: Date): VisitedPage | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    return {
      url: `${parsed.origin}${parsed.pathname}`.slice(0, 500),
      title: title.slice(0, 200),
      at: at.toISOString(),
    };
  } catch {
    return null;
  }
}

/**
 * A signed-in user's id on the web-chat channel: their user id, or a keyed hash of their e-mail (personal data is
 * not an id). Null for an anonymous visitor.
 */
export async function identityRef(keyring: Keyring, workspaceId: string, identity: VerifiedIdentity) {
  if (identity.userId) return `user:${identity.userId.slice(0, 200)}`;
  const key = await keyring.lookupKey(workspaceId);
  const email = (identity.email ?? '').trim().toLowerCase();
  return `email:${createHmac('sha256', key).update(`widget-email:${email}`).digest('base64url')}`;
}

export async function createVisitor(
  db: Kysely<Database>,
  keyring: Keyring,
  options: {
    workspaceId: string;
    identity: VerifiedIdentity | null;
    locale: WidgetLocale;
    userAgent: string;
    page: VisitedPage | null;
  },
): Promise<WebChatVisitorRow> {
  const { workspaceId, identity } = options;
  const id = randomUUID();
  const ref = identity ? await identityRef(keyring, workspaceId, identity) : `visitor:${id}`;
  return db
    .insertInto('web_chat_visitors')
    .values({
      id,
      workspace_id: workspaceId,
      // A signed-in user's devices share one conversation; an anonymous visitor has their own.
      ref,
      identified: identity !== null,
      display_name: identity?.name?.slice(0, 100) ?? '',
      email_ciphertext: identity?.email ? await keyring.encrypt(workspaceId, identity.email.trim()) : null,
      locale: options.locale,
      user_agent: options.userAgent.slice(0, 300),
      current_page: options.page ? JSON.stringify(options.page) : null,
      pages_seen: JSON.stringify(options.page ? [options.page] : []),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function loadVisitor(db: Kysely<Database>, workspaceId: string, visitorId: string) {
  return db
    .selectFrom('web_chat_visitors')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', visitorId)
    .executeTakeFirst();
}

/** A signed-in user's earlier conversation (another device), so it continues instead of starting over. */
export async function conversationOfRef(db: Kysely<Database>, workspaceId: string, conversationRef: string) {
  const row = await db
    .selectFrom('web_chat_visitors')
    .select('conversation_id')
    .where('workspace_id', '=', workspaceId)
    .where('ref', '=', conversationRef)
    .where('conversation_id', 'is not', null)
    .orderBy('last_seen_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.conversation_id ?? null;
}

export async function recordPage(
  db: Kysely<Database>,
  visitor: { workspaceId: string; id: string },
  page: VisitedPage,
) {
  // The newest PAGES_KEPT pages, newest last; the same page twice in a row is one visit.
  await db
    .updateTable('web_chat_visitors')
    .set({
      current_page: JSON.stringify(page),
      pages_seen: sql`(
        SELECT coalesce(jsonb_agg(p ORDER BY n), '[]'::jsonb) FROM (
          SELECT p, n FROM jsonb_array_elements(
            CASE WHEN pages_seen->-1->>'url' = ${page.url} THEN pages_seen - (-1) ELSE pages_seen END
            || jsonb_build_array(${JSON.stringify(page)}::jsonb)
          ) WITH ORDINALITY AS a(p, n)
          ORDER BY n DESC LIMIT ${PAGES_KEPT}
        ) newest
      )`,
      last_seen_at: sql<Date>`now()`,
    })
    .where('workspace_id', '=', visitor.workspaceId)
    .where('id', '=', visitor.id)
    .execute();
}

export async function linkConversation(
  db: Kysely<Database>,
  visitor: { workspaceId: string; id: string },
  conversationId: string,
  customerId: string | null,
) {
  await db
    .updateTable('web_chat_visitors')
    .set({ conversation_id: conversationId, customer_id: customerId, last_seen_at: sql<Date>`now()` })
    .where('workspace_id', '=', visitor.workspaceId)
    .where('id', '=', visitor.id)
    .execute();
}

type MessageFrame = Extract<WidgetClientFrame, { type: 'message' }>;

/** A visitor's message in the one shape every channel's messages take into the intake pipeline. */
export async function inboundOf(
  keyring: Keyring,
  settings: WebChatSettingsRow,
  visitor: WebChatVisitorRow,
  message: {
    clientId: string;
    text: string;
    contact?: MessageFrame['contact'];
    attachments?: InboundAttachment[];
  },
): Promise<InboundMessage> {
  const email = visitor.email_ciphertext
    ? await keyring.decrypt(visitor.workspace_id, visitor.email_ciphertext)
    : message.contact?.email;
  const order = message.contact?.order?.trim();
  return {
    workspaceId: visitor.workspace_id,
    channelAccountId: settings.channel_account_id,
    platform: 'web_chat',
    // Scoped to the visitor: a client id chosen by one visitor cannot collide with another's.
    externalId: `${visitor.id}:${message.clientId}`,
    conversationId: visitor.ref,
    sender: {
      id: visitor.ref,
      ...(visitor.display_name || message.contact?.name
        ? { name: visitor.display_name || message.contact?.name }
        : {}),
      ...(message.contact?.phone ? { phone: message.contact.phone } : {}),
      ...(email ? { email } : {}),
      ...(visitor.email_ciphertext ? { emailVerified: true } : {}),
    },
    // The order number from the pre-chat form goes with the first message, where routing and search read it.
    text: order && !message.text.includes(order) ? `${message.text}\n订单号：${order}` : message.text,
    attachments: message.attachments ?? [],
    sentAt: null,
  };
}
