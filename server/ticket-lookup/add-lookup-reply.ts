/**
 * A customer writes to their ticket from the lookup page. It is stored like any customer message (storeTicketMessage),
 * with the customer as its author: nobody logged in wrote it. Only the refusals are the lookup's own, worded for the
 * customer.
 */
import type { Database, TicketMessageRow } from '@server/db/schema';
import { conflict } from '@server/http/problem';
import type { PersonalDataVault } from '@server/privacy/vault';
import type { SlaTracker } from '@server/sla/tracker';
import { lockTicket } from '@server/tickets/repo';
import { storeTicketMessage } from '@server/tickets/store-message';
import type { Kysely } from 'kysely';

/** Where the message came from, as the thread and timeline show it. */
export const LOOKUP_CHANNEL = 'web_chat';

export async function addLookupReply(
  db: Kysely<Database>,
  options: {
    ticket: { workspaceId: string; ticketId: string };
    text: string;
    vault: PersonalDataVault;
    sla: SlaTracker;
  },
): Promise<TicketMessageRow> {
  const { vault, sla } = options;
  const { workspaceId } = options.ticket;
  // Masked before the transaction, as add-message does: sealing reads the workspace's keys.
  const masked = await vault.maskFields(workspaceId, { body: options.text });
  return db.transaction().execute(async (tx) => {
    const ticket = await lockTicket(tx, { workspaceId, ticketId: options.ticket.ticketId });
    if (ticket.merged_into_id)
      throw conflict('ticket_merged', 'This ticket was merged into another; look it up again');
    if (ticket.status === 'closed')
      throw conflict('ticket_closed', 'This ticket is closed (已闭环); contact us to open a new one');
    return storeTicketMessage(tx, {
      author: 'customer',
      direction: 'inbound',
      ticket,
      channel: LOOKUP_CHANNEL,
      masked,
      via: 'ticket_lookup',
      vault,
      sla,
    });
  });
}
