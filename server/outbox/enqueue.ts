import type { Database, SealedTemplate } from '@server/db/schema';
import type { Kysely } from 'kysely';

/**
 * Queues a reply for delivery through the conversation's channel account; call inside the transaction that stores
 * the reply, so that a stored reply is always delivered and a rolled-back one never is. Returns whether the ticket
 * has a channel to deliver through.
 */
export async function enqueueReplyDelivery(
  tx: Kysely<Database>,
  options: {
    workspaceId: string;
    messageId: string;
    conversationId: string | null;
    /** An approved template sent instead of the text (WhatsApp outside its 24-hour window). */
    template?: SealedTemplate | null;
  },
): Promise<boolean> {
  if (!options.conversationId) return false;
  const conversation = await tx
    .selectFrom('channel_conversations')
    .select(['id', 'channel_account_id'])
    .where('workspace_id', '=', options.workspaceId)
    .where('id', '=', options.conversationId)
    .executeTakeFirst();
  if (!conversation) return false;
  await tx
    .insertInto('outbound_deliveries')
    .values({
      workspace_id: options.workspaceId,
      message_id: options.messageId,
      channel_account_id: conversation.channel_account_id,
      conversation_id: conversation.id,
      // One key per reply, sent with every attempt: the connector shows the customer a retried reply once.
      idempotency_key: `reply-${options.messageId}`,
      template: options.template ? JSON.stringify(options.template) : null,
    })
    .execute();
  return true;
}
