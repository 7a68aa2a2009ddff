/**
 * Messages Kefu writes to a customer by itself: the acceptance notice (需求已受理，由{坐席}（工号…）为您跟进，工单号…,
 * seed 001) and a rule's templated message. They go out through the ticket's own channel conversation, queued in
 * the outbox in the routing transaction, so a committed ticket always gets its notice and a rolled-back one never.
 * A ticket without a channel conversation (typed in by an agent) has nowhere to send them: none is written, nor
 * for a conversation whose channel cannot carry them (a request registered by hand in a store).
 */
import { deliversReplies } from '@server/channels/registry';
import type { Database } from '@server/db/schema';
import type { RealtimeEvent } from '@server/realtime/publish';
import { type Kysely, sql } from 'kysely';
import { LIVE_CHAT_CHANNELS } from './assignment/candidates';
import type { RoutingConfig } from './settings';

export interface AutomatedMessage {
  ticketId: string;
  conversationId: string;
  channel: string;
  body: string;
}

/** Fills `{name}` placeholders; an unknown placeholder stays as written, so a typo shows instead of vanishing. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

interface NoticeTicket {
  id: string;
  number: string;
  channel: string;
  customerName: string;
  conversationId: string | null;
}

/** What a message template can name: `{ticketNumber}`, `{customerName}`, `{agentName}`, `{employeeNo}`. */
export function templateValues(
  ticket: NoticeTicket,
  person: { name: string; employeeNo: string } | undefined,
): Record<string, string> {
  return {
    ticketNumber: ticket.number,
    customerName: ticket.customerName,
    agentName: person?.name ?? '',
    employeeNo: person?.employeeNo ?? '',
  };
}

/**
 * The acceptance notice of seed 001 (需求已受理，由{坐席}（工号…）为您跟进，工单号…) in the workspace's language, or null
 * when the workspace turned it off or the ticket has no channel conversation to answer through.
 */
export function acceptanceNotice(
  config: Pick<RoutingConfig, 'settings' | 'locale'>,
  ticket: NoticeTicket,
  person: { name: string; employeeNo: string },
): AutomatedMessage | null {
  if (!config.settings.sendAcceptance || !ticket.conversationId) return null;
  // A live chat greets the customer when an agent picks it up (web-chat greeting, with the 工号) instead.
  if (LIVE_CHAT_CHANNELS.includes(ticket.channel)) return null;
  const template = config.settings.acceptanceTemplate[config.locale === 'en' ? 'en' : 'zh-CN'];
  return {
    ticketId: ticket.id,
    conversationId: ticket.conversationId,
    channel: ticket.channel,
    body: fillTemplate(template, templateValues(ticket, person)),
  };
}

export async function writeAutomatedMessages(
  tx: Kysely<Database>,
  workspaceId: string,
  messages: readonly AutomatedMessage[],
): Promise<RealtimeEvent[]> {
  if (messages.length === 0) return [];
  const conversations = await tx
    .selectFrom('channel_conversations as c')
    .innerJoin('channel_accounts as a', (join) =>
      join.onRef('a.id', '=', 'c.channel_account_id').onRef('a.workspace_id', '=', 'c.workspace_id'),
    )
    .select(['c.id', 'c.channel_account_id', 'a.kind', 'c.automatic_replies'])
    .where('c.workspace_id', '=', workspaceId)
    .where('c.id', 'in', [...new Set(messages.map((message) => message.conversationId))])
    .execute();
  const accountOf = new Map(
    conversations
      .filter((row) => row.automatic_replies && deliversReplies(row.kind))
      .map((row) => [row.id, row.channel_account_id]),
  );
  const deliverable = messages.filter((message) => accountOf.has(message.conversationId));
  if (deliverable.length === 0) return [];
  const placeInTicket = new Map<string, number>();
  const rows = await tx
    .insertInto('ticket_messages')
    .values(
      deliverable.map((message) => {
        const place = placeInTicket.get(message.ticketId) ?? 0;
        placeInTicket.set(message.ticketId, place + 1);
        return {
          workspace_id: workspaceId,
          ticket_id: message.ticketId,
          direction: 'outbound' as const,
          channel: message.channel,
          author_user_id: null,
          customer_id: null,
          body: message.body,
          delivery_status: 'pending' as const,
          // After the customer's message that caused it, which this transaction may just have written.
          created_at: sql<Date>`GREATEST(
            now() + interval '1 millisecond',
            (SELECT max(created_at) + interval '1 microsecond' FROM ticket_messages
              WHERE workspace_id = ${workspaceId} AND ticket_id = ${message.ticketId})
          ) + ${place} * interval '1 microsecond'`,
        };
      }),
    )
    .returning(['id', 'ticket_id'])
    .execute();
  await tx
    .insertInto('outbound_deliveries')
    .values(
      rows.map((row, index) => {
        const message = deliverable[index] as AutomatedMessage;
        return {
          workspace_id: workspaceId,
          message_id: row.id,
          channel_account_id: accountOf.get(message.conversationId) as string,
          conversation_id: message.conversationId,
          idempotency_key: `reply-${row.id}`,
        };
      }),
    )
    .execute();
  return rows.map((row) => ({
    kind: 'message.created' as const,
    ticketId: row.ticket_id,
    messageId: row.id,
    data: { direction: 'outbound', automated: true },
  }));
}
