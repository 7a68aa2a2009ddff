/**
 * A bounce returns one of our replies: that reply's delivery becomes failed, so the agent sees 发送失败 on it
 * and can correct the address or call the customer. The bounce itself opens no ticket and is never answered.
 */

import type { EmailMailboxRow } from '@server/db/email-tables';
import type { Database } from '@server/db/schema';
import { reflectOnMessage } from '@server/outbox/deliveries';
import { publishRealtime } from '@server/realtime/publish';
import { type Kysely, sql } from 'kysely';
import type { BounceDetails } from './bounce';

export async function markBouncedReply(
  db: Kysely<Database>,
  mailbox: EmailMailboxRow,
  details: BounceDetails,
): Promise<boolean> {
  if (!details.originalMessageId) return false;
  const sent = await db
    .selectFrom('email_messages')
    .select('ticket_message_id')
    .where('workspace_id', '=', mailbox.workspace_id)
    .where('channel_account_id', '=', mailbox.channel_account_id)
    .where('message_id', '=', details.originalMessageId)
    .where('direction', '=', 'out')
    .executeTakeFirst();
  const messageId = sent?.ticket_message_id;
  if (!messageId) return false;
  return db.transaction().execute(async (tx) => {
    const failed = await tx
      .updateTable('outbound_deliveries')
      .set({
        state: 'failed',
        error_code: 'invalid_recipient',
        // Status codes and addresses only: a bounce's prose can quote the message.
        error_message: `Bounced${details.status ? ` (${details.status})` : ''}`,
        dead_lettered_at: sql<Date>`now()`,
        updated_at: sql<Date>`now()`,
      })
      .where('workspace_id', '=', mailbox.workspace_id)
      .where('message_id', '=', messageId)
      .where('state', 'in', ['sent', 'delivered', 'sending', 'queued'])
      .returning('id')
      .executeTakeFirst();
    if (!failed) return false;
    const event = await reflectOnMessage(tx, {
      workspaceId: mailbox.workspace_id,
      messageId,
      state: 'failed',
    });
    if (event) await publishRealtime(tx, mailbox.workspace_id, [event]);
    return true;
  });
}
