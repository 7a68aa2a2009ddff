import { presentAttachment } from '@server/attachments/service';
import type { Database } from '@server/db/schema';
import { deliveriesOf, MESSAGE_STATUS } from '@server/outbox/deliveries';
import { spansByOwner } from '@server/privacy/repo';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { presentTickets, type TicketWithRefs } from './repo';
import type { eventSchema, messageSchema } from './schema';

type MessageJson = z.infer<typeof messageSchema>;
type EventJson = z.infer<typeof eventSchema>;

export async function loadAttachments(
  db: Kysely<Database>,
  options: { workspaceId: string; ticketId: string },
) {
  const rows = await db
    .selectFrom('attachments')
    .selectAll()
    .where('workspace_id', '=', options.workspaceId)
    .where('ticket_id', '=', options.ticketId)
    .orderBy('created_at')
    .execute();
  return rows.map(presentAttachment);
}

/** The ticket's conversation in time order (merged threads interleave by when they were written). */
export async function loadThread(
  db: Kysely<Database>,
  options: { workspaceId: string; ticketId: string },
): Promise<MessageJson[]> {
  const attachments = await loadAttachments(db, options);
  const rows = await db
    .selectFrom('ticket_messages as m')
    .leftJoin('users as u', (join) =>
      join.onRef('u.id', '=', 'm.author_user_id').onRef('u.workspace_id', '=', 'm.workspace_id'),
    )
    .leftJoin('customers as c', (join) =>
      join.onRef('c.id', '=', 'm.customer_id').onRef('c.workspace_id', '=', 'm.workspace_id'),
    )
    .select([
      'm.id',
      'm.direction',
      'm.channel',
      'm.body',
      'm.delivery_status',
      'm.anonymized_at',
      'm.created_at',
      'm.author_user_id',
      'u.name as user_name',
      'u.employee_no',
      'm.customer_id',
      'c.name as customer_name',
      'c.nickname as customer_nickname',
    ])
    .where('m.workspace_id', '=', options.workspaceId)
    .where('m.ticket_id', '=', options.ticketId)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
  const [spans, deliveries] = await Promise.all([
    spansByOwner(db, {
      workspaceId: options.workspaceId,
      ownerType: 'message',
      ownerIds: rows.map((row) => row.id),
    }),
    deliveriesOf(
      db,
      options.workspaceId,
      rows.filter((row) => row.direction === 'outbound').map((row) => row.id),
    ),
  ]);
  return rows.map((row) => {
    const delivery = deliveries.get(row.id) ?? null;
    return {
      id: row.id,
      direction: row.direction,
      channel: row.channel,
      author:
        row.author_user_id && row.user_name
          ? {
              kind: 'user' as const,
              id: row.author_user_id,
              name: row.user_name,
              employeeNo: row.employee_no,
            }
          : row.customer_id
            ? {
                kind: 'customer' as const,
                id: row.customer_id,
                name: row.customer_name || row.customer_nickname || '',
                employeeNo: null,
              }
            : null,
      body: row.body,
      personalData: spans.get(row.id) ?? [],
      anonymizedAt: row.anonymized_at?.toISOString() ?? null,
      // The outbox row is read after the message; a send that finished in between must not show two states at once.
      deliveryStatus: delivery ? MESSAGE_STATUS[delivery.state] : row.delivery_status,
      delivery,
      attachments: attachments.filter((attachment) => attachment.messageId === row.id),
      createdAt: row.created_at.toISOString(),
    };
  });
}

/** The timeline (seed 000 处理进度记录表): who changed what, when. */
export async function loadTimeline(
  db: Kysely<Database>,
  options: { workspaceId: string; ticketId: string },
): Promise<EventJson[]> {
  const rows = await db
    .selectFrom('ticket_events as e')
    .leftJoin('users as u', (join) =>
      join.onRef('u.id', '=', 'e.actor_user_id').onRef('u.workspace_id', '=', 'e.workspace_id'),
    )
    .select(['e.id', 'e.kind', 'e.data', 'e.created_at', 'e.actor_user_id', 'u.name', 'u.employee_no'])
    .where('e.workspace_id', '=', options.workspaceId)
    .where('e.ticket_id', '=', options.ticketId)
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    actor:
      row.actor_user_id && row.name
        ? { id: row.actor_user_id, name: row.name, employeeNo: row.employee_no }
        : null,
    data: row.data,
    createdAt: row.created_at.toISOString(),
  }));
}

/** The ticket as GET /tickets/{id} shows it: every action on one ticket answers with this, so pages replace it whole. */
export async function presentTicketDetail(db: Kysely<Database>, workspaceId: string, row: TicketWithRefs) {
  const [[ticket], messages, timeline, attachments, rating] = await Promise.all([
    presentTickets(db, workspaceId, [row]),
    loadThread(db, { workspaceId, ticketId: row.id }),
    loadTimeline(db, { workspaceId, ticketId: row.id }),
    loadAttachments(db, { workspaceId, ticketId: row.id }),
    db
      .selectFrom('satisfaction_ratings')
      .select(['score', 'scale', 'comment', 'channel', 'created_at'])
      .where('workspace_id', '=', workspaceId)
      .where('ticket_id', '=', row.id)
      .executeTakeFirst(),
  ]);
  const satisfaction = rating
    ? {
        score: rating.score,
        scale: rating.scale,
        comment: rating.comment,
        channel: rating.channel,
        createdAt: rating.created_at.toISOString(),
      }
    : null;
  return { ...(ticket as NonNullable<typeof ticket>), messages, timeline, attachments, satisfaction };
}
