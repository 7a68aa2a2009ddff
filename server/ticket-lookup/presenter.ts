import type { Database, TicketRow } from '@server/db/schema';
import type { Kysely } from 'kysely';
import type { PublicTicket } from './schema';

/**
 * The ticket as its customer may see it: status, subject and the conversation (their messages and the team's
 * replies, as stored, so personal data stays masked). Internal notes, the timeline, assignment and the
 * customer's profile never leave here.
 */
export async function presentPublicTicket(db: Kysely<Database>, ticket: TicketRow): Promise<PublicTicket> {
  const scope = { workspaceId: ticket.workspace_id, ticketId: ticket.id };
  const [messages, attachments] = await Promise.all([
    db
      .selectFrom('ticket_messages as m')
      .leftJoin('users as u', (join) =>
        join.onRef('u.id', '=', 'm.author_user_id').onRef('u.workspace_id', '=', 'm.workspace_id'),
      )
      .select(['m.id', 'm.direction', 'm.body', 'm.created_at', 'u.name as author_name'])
      .where('m.workspace_id', '=', scope.workspaceId)
      .where('m.ticket_id', '=', scope.ticketId)
      .where('m.direction', 'in', ['inbound', 'outbound'])
      .orderBy('m.created_at')
      .orderBy('m.id')
      .execute(),
    db
      .selectFrom('attachments as a')
      .innerJoin('ticket_messages as m', (join) =>
        join.onRef('m.id', '=', 'a.message_id').onRef('m.workspace_id', '=', 'a.workspace_id'),
      )
      .select(['a.id', 'a.message_id', 'a.filename', 'a.content_type', 'a.size_bytes'])
      .where('a.workspace_id', '=', scope.workspaceId)
      .where('a.ticket_id', '=', scope.ticketId)
      .where('m.direction', 'in', ['inbound', 'outbound'])
      .orderBy('a.created_at')
      .execute(),
  ]);
  return {
    number: ticket.number,
    status: ticket.status,
    subject: ticket.subject,
    createdAt: ticket.created_at.toISOString(),
    updatedAt: ticket.updated_at.toISOString(),
    canReply: ticket.status !== 'closed',
    messages: messages.map((message) => ({
      id: message.id,
      direction: message.direction === 'inbound' ? ('inbound' as const) : ('outbound' as const),
      text: message.body,
      createdAt: message.created_at.toISOString(),
      author: message.direction === 'outbound' ? (message.author_name ?? null) : null,
      attachments: attachments
        .filter((attachment) => attachment.message_id === message.id)
        .map((attachment) => ({
          id: attachment.id,
          filename: attachment.filename,
          contentType: attachment.content_type,
          sizeBytes: attachment.size_bytes,
        })),
    })),
  };
}
