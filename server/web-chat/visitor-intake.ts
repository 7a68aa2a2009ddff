/**
 * A visitor's message (typed, or a file) through the intake pipeline like any channel's, then what web chat adds:
 * the visitor follows the conversation the message landed in, and a new ticket opens its chat with the welcome.
 */
import type { Database } from '@server/db/schema';
import type { WebChatSettingsRow, WebChatVisitorRow } from '@server/db/web-chat-tables';
import type { InboundAttachment, InboundResult } from '@server/intake/inbound-message';
import type { IntakePipeline } from '@server/intake/pipeline';
import type { OutboxWorker } from '@server/outbox/worker';
import type { Keyring } from '@server/privacy/keyring';
import type { RealtimeHub } from '@server/realtime/hub';
import type { WidgetClientFrame } from '@shared/web-chat';
import type { Kysely } from 'kysely';
import { openChat } from './chat-sessions';
import { localized } from './presenter';
import { inboundOf, linkConversation } from './visitors';
import type { WidgetHub } from './widget-hub';

export interface VisitorIntakeDeps {
  db: Kysely<Database>;
  keyring: Keyring;
  intake: IntakePipeline;
  hub: WidgetHub;
  realtime: RealtimeHub;
  outbox: OutboxWorker;
}

export async function acceptVisitorMessage(
  deps: VisitorIntakeDeps,
  settings: WebChatSettingsRow,
  visitor: WebChatVisitorRow,
  message: {
    clientId: string;
    text: string;
    contact?: Extract<WidgetClientFrame, { type: 'message' }>['contact'];
    attachments?: InboundAttachment[];
  },
): Promise<InboundResult> {
  const inbound = await inboundOf(deps.keyring, settings, visitor, message);
  const [result] = await deps.intake.accept([inbound]);
  if (!result) throw new Error('intake returned no result');
  const ticket = await deps.db
    .selectFrom('tickets')
    .select(['conversation_id', 'customer_id'])
    .where('workspace_id', '=', visitor.workspace_id)
    .where('id', '=', result.ticketId)
    .executeTakeFirst();
  const conversationId = ticket?.conversation_id;
  if (!conversationId) return result;
  if (visitor.conversation_id !== conversationId) {
    await linkConversation(
      deps.db,
      { workspaceId: visitor.workspace_id, id: visitor.id },
      conversationId,
      ticket.customer_id,
    );
    visitor.conversation_id = conversationId;
  }
  await deps.hub.followVisitor(visitor.workspace_id, visitor.id, conversationId);
  const opened = await openChat(deps.db, {
    workspaceId: visitor.workspace_id,
    ticketId: result.ticketId,
    conversationId,
    visitorId: visitor.id,
    welcome: localized(settings.welcome, visitor.locale),
  });
  if (opened) {
    deps.realtime.poke(visitor.workspace_id);
    deps.outbox.wake();
  }
  return result;
}
