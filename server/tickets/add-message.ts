import type { Principal } from '@server/auth/principal';
import { loadReplyWindow } from '@server/channels/platform/reply-window';
import type { Database, MessageDirection, OutboundTemplate, TicketMessageRow } from '@server/db/schema';
import { conflict, HttpProblem, unprocessable } from '@server/http/problem';
import type { PersonalDataVault } from '@server/privacy/vault';
import type { SlaEvent } from '@server/sla/planner';
import type { SlaTracker } from '@server/sla/tracker';
import { CHANNELS_SAFE_FOR_PERSONAL_DATA } from '@shared/tickets';
import type { Kysely } from 'kysely';
import { lockTicket } from './repo';
import { storeTicketMessage } from './store-message';
import { assertNotMerged } from './update-ticket';

/**
 * Adds a reply, an internal note, or a customer message taken down by an agent. A reply is the first response
 * and starts handling (new → open); a customer message reopens a resolved ticket or answers a pending question.
 */
export async function addTicketMessage(
  db: Kysely<Database>,
  options: {
    actor: Principal;
    ticketId: string;
    direction: MessageDirection;
    body: string;
    channel?: string;
    /** Files already uploaded to this ticket that this message carries. */
    attachmentIds?: string[];
    vault: PersonalDataVault;
    /** The agent saw the warning that this reply carries personal data over an unencrypted channel. */
    confirmPersonalData?: boolean;
    /** Keeps the ticket's SLA clocks in step (a reply meets the first response, a customer message starts the next). */
    sla: SlaTracker;
    /** More SLA events this message stands for (an escalation's explanation). */
    slaEvents?: (at: Date) => SlaEvent[];
    /** A WhatsApp reply sent as this approved template, checked and rendered into `body` by the caller. */
    template?: OutboundTemplate | null;
  },
): Promise<TicketMessageRow & { queuedForDelivery: boolean }> {
  const { actor, vault } = options;
  const { workspaceId } = actor;
  // Masked before the transaction: sealing reads the workspace's keys, and transactions serialise on the embedded
  // engine.
  const masked = await vault.maskFields(workspaceId, { body: options.body });
  const template =
    options.direction === 'outbound' && options.template
      ? {
          name: options.template.name,
          language: options.template.language,
          parametersCiphertext: await vault.keyring.encrypt(
            workspaceId,
            JSON.stringify(options.template.parameters),
          ),
        }
      : null;
  return db.transaction().execute(async (tx) => {
    const ticket = await lockTicket(tx, { workspaceId, ticketId: options.ticketId });
    assertNotMerged(ticket);
    if (ticket.status === 'closed' && options.direction !== 'note') {
      throw conflict(
        'ticket_closed',
        'This ticket is closed (已闭环); reopen it or open a new one to write to the customer',
      );
    }
    // A reply goes where the conversation is now (a merged repeat may have moved it to another platform).
    const channel = options.channel ?? (await conversationPlatform(tx, ticket)) ?? ticket.channel;
    if (
      options.direction === 'outbound' &&
      masked.spans.length > 0 &&
      !options.confirmPersonalData &&
      !CHANNELS_SAFE_FOR_PERSONAL_DATA.includes(channel)
    ) {
      throw new HttpProblem(
        409,
        'personal_data_in_reply',
        `This reply contains personal data and ${channel} is not end-to-end encrypted; confirm to send it anyway`,
        masked.spans.map((span) => ({
          path: '/body',
          code: span.kind,
          message: masked.text.body.slice(span.start, span.end),
        })),
      );
    }
    if (options.direction === 'outbound') await assertReplyAllowed(tx, ticket, options.template ?? null);

    return storeTicketMessage(tx, {
      author: actor,
      direction: options.direction,
      ticket,
      channel,
      masked,
      attachmentIds: options.attachmentIds,
      vault,
      sla: options.sla,
      slaEvents: options.slaEvents,
      template,
    });
  });
}

/**
 * WhatsApp delivers free text only within 24 hours of the customer's last message; outside it only an approved
 * template. Other platforms' windows are shown, not enforced: their refusal comes back as a typed delivery failure.
 */
async function assertReplyAllowed(
  tx: Kysely<Database>,
  ticket: { workspace_id: string; conversation_id: string | null },
  template: OutboundTemplate | null,
): Promise<void> {
  const window = await loadReplyWindow(tx, {
    workspaceId: ticket.workspace_id,
    conversationId: ticket.conversation_id,
    now: new Date(),
  });
  if (template && window?.kind !== 'whatsapp') {
    throw unprocessable('template_not_supported', 'Only a WhatsApp conversation takes a template reply', [
      { path: '/template', message: 'Not a WhatsApp conversation' },
    ]);
  }
  if (window?.templatesOnly && !template) {
    throw conflict(
      'window_expired',
      'More than 24 hours have passed since the customer last wrote: only an approved template can be sent',
    );
  }
}

async function conversationPlatform(
  tx: Kysely<Database>,
  ticket: { workspace_id: string; conversation_id: string | null },
): Promise<string | null> {
  if (!ticket.conversation_id) return null;
  const row = await tx
    .selectFrom('channel_conversations as c')
    .innerJoin('channel_accounts as a', (join) =>
      join.onRef('a.id', '=', 'c.channel_account_id').onRef('a.workspace_id', '=', 'c.workspace_id'),
    )
    .select('a.platform')
    .where('c.workspace_id', '=', ticket.workspace_id)
    .where('c.id', '=', ticket.conversation_id)
    .executeTakeFirst();
  return row?.platform ?? null;
}
