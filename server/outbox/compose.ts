/**
 * What a claimed delivery sends: the reply with the personal data the agent confirmed restored from its sealed
 * spans (the customer reads what the agent wrote; the desk keeps only masks), its files, and the conversation's
 * address on the platform.
 */
import fs from 'node:fs';
import { type AttachmentStore, attachmentPath } from '@server/attachments/service';
import type { OutboundMessage } from '@server/channels/adapter';
import type { Database, OutboundDeliveryRow } from '@server/db/schema';
import type { PersonalDataVault } from '@server/privacy/vault';
import type { Kysely } from 'kysely';

/** Largest total of files sent inline with one reply. */
const MAX_INLINE_BYTES = 10 * 1024 * 1024;

/** Puts originals back in place of their masks (spans sorted by start, non-overlapping). */
export function restoreOriginals(
  masked: string,
  spans: readonly { start: number; end: number; original: string }[],
) {
  let text = '';
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    text += masked.slice(at, span.start) + span.original;
    at = span.end;
  }
  return text + masked.slice(at);
}

export async function composeOutbound(
  db: Kysely<Database>,
  vault: PersonalDataVault,
  store: AttachmentStore,
  delivery: OutboundDeliveryRow,
): Promise<OutboundMessage | null> {
  const { workspace_id: workspaceId } = delivery;
  const [message, conversation, spans, files] = await Promise.all([
    db
      .selectFrom('ticket_messages as m')
      .innerJoin('tickets as t', (join) =>
        join.onRef('t.id', '=', 'm.ticket_id').onRef('t.workspace_id', '=', 'm.workspace_id'),
      )
      .select(['m.id', 'm.body', 'm.created_at', 't.id as ticket_id', 't.number'])
      .where('m.workspace_id', '=', workspaceId)
      .where('m.id', '=', delivery.message_id)
      .executeTakeFirst(),
    db
      .selectFrom('channel_conversations')
      .select('reply_address_ciphertext')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', delivery.conversation_id)
      .executeTakeFirst(),
    vault.spansOf(db, { workspaceId, ownerType: 'message', ownerId: delivery.message_id }, ['body']),
    db
      .selectFrom('attachments')
      .select(['filename', 'content_type', 'size_bytes', 'storage_key'])
      .where('workspace_id', '=', workspaceId)
      .where('message_id', '=', delivery.message_id)
      .orderBy('created_at')
      .execute(),
  ]);
  if (!message || !conversation) return null;
  const originals = await Promise.all(
    spans.map(async (span) => ({ ...span, original: await vault.decrypt(workspaceId, span.ciphertext) })),
  );
  let inlineBytes = 0;
  const attachments: OutboundMessage['attachments'] = [];
  for (const file of files) {
    inlineBytes += file.size_bytes;
    if (inlineBytes > MAX_INLINE_BYTES) break;
    const content = await fs.promises.readFile(attachmentPath(store, file));
    attachments.push({
      filename: file.filename,
      contentType: file.content_type,
      size: file.size_bytes,
      contentBase64: content.toString('base64'),
    });
  }
  return {
    idempotencyKey: delivery.idempotency_key,
    messageId: message.id,
    ticketId: message.ticket_id,
    ticketNumber: message.number,
    conversationId: await vault.decrypt(workspaceId, conversation.reply_address_ciphertext),
    text: restoreOriginals(message.body, originals),
    attachments,
    template: delivery.template
      ? {
          name: delivery.template.name,
          language: delivery.template.language,
          parameters: JSON.parse(
            await vault.decrypt(workspaceId, delivery.template.parametersCiphertext),
          ) as string[],
        }
      : null,
    createdAt: message.created_at,
  };
}
