import type { Database } from '@server/db/schema';
import type { NotificationRow } from '@server/db/sla-tables';
import { notFound } from '@server/http/problem';
import { publishRealtime, type RealtimeEvent } from '@server/realtime/publish';
import type { Kysely } from 'kysely';

export type NotificationKind =
  | 'sla_warning'
  | 'sla_breached'
  | 'sla_escalated'
  | 'explanation_required'
  | 'ticket_assigned'
  | 'incident_opened';

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  /** Null for a digest of several tickets (`data.ticketIds`). */
  ticketId: string | null;
  /** Ticket number, subject, metric, level, due time: what the list shows without another request. */
  data: Record<string, unknown>;
}

/** More notifications than this of one kind for one person at once become one digest ("12 张工单已超时"). */
export const DIGEST_AFTER = 3;
const DIGEST_SAMPLE = 20;

/**
 * A person about to get many notifications of one kind at once (an outage breaches hundreds of tickets together)
 * gets one digest naming the count and the first tickets instead: a wall of toasts helps nobody.
 */
export function digestNotifications(notifications: readonly NewNotification[]): NewNotification[] {
  const groups = new Map<string, NewNotification[]>();
  for (const entry of notifications) {
    const key = `${entry.userId}\u0000${entry.kind}`;
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  return [...groups.values()].flatMap((group): NewNotification[] => {
    const [first] = group;
    if (!first || group.length <= DIGEST_AFTER) return group;
    const sample = group.slice(0, DIGEST_SAMPLE);
    return [
      {
        userId: first.userId,
        kind: first.kind,
        ticketId: null,
        data: {
          digest: true,
          count: group.length,
          metrics: [...new Set(group.map((entry) => entry.data.metric))],
          ticketIds: sample.map((entry) => entry.ticketId),
          ticketNumbers: sample.map((entry) => entry.data.ticketNumber),
        },
      },
    ];
  });
}

/**
 * Writes notifications inside the caller's transaction and announces them on the workspace's realtime stream, one
 * event per person (ids only: the bell fetches its list). One person is notified once per event even when two
 * actions name them. With `publish: false` the events are returned for the caller to publish last in its
 * transaction (intake and routing take the stream's counter row only at the end, after every other lock).
 */
export async function notify(
  tx: Kysely<Database>,
  workspaceId: string,
  notifications: readonly NewNotification[],
  options: { publish?: boolean } = {},
): Promise<RealtimeEvent[]> {
  const seen = new Set<string>();
  const unique = notifications.filter((entry) => {
    const key = `${entry.userId}\u0000${entry.kind}\u0000${entry.ticketId}\u0000${JSON.stringify(entry.data)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length === 0) return [];
  const rows = await tx
    .insertInto('notifications')
    .values(
      unique.map((entry) => ({
        workspace_id: workspaceId,
        user_id: entry.userId,
        kind: entry.kind,
        ticket_id: entry.ticketId,
        data: JSON.stringify(entry.data),
      })),
    )
    .returning(['id', 'user_id', 'kind', 'ticket_id'])
    .execute();
  const byUser = new Map<string, typeof rows>();
  for (const row of rows) {
    const mine = byUser.get(row.user_id);
    if (mine) mine.push(row);
    else byUser.set(row.user_id, [row]);
  }
  const events: RealtimeEvent[] = [...byUser].map(([userId, mine]) => {
    const [only] = mine;
    return mine.length === 1 && only
      ? {
          kind: 'notification.created',
          ticketId: only.ticket_id,
          data: { userId, notificationId: only.id, kind: only.kind },
        }
      : { kind: 'notification.created', ticketId: null, data: { userId, count: mine.length } };
  });
  if (options.publish === false) return events;
  await publishRealtime(tx, workspaceId, events);
  return [];
}

export async function listNotifications(
  db: Kysely<Database>,
  options: { workspaceId: string; userId: string; unreadOnly: boolean; limit: number },
): Promise<{ items: NotificationRow[]; unreadCount: number }> {
  let query = db
    .selectFrom('notifications')
    .selectAll()
    .where('workspace_id', '=', options.workspaceId)
    .where('user_id', '=', options.userId);
  if (options.unreadOnly) query = query.where('read_at', 'is', null);
  const [items, unread] = await Promise.all([
    query.orderBy('created_at', 'desc').orderBy('id').limit(options.limit).execute(),
    db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('workspace_id', '=', options.workspaceId)
      .where('user_id', '=', options.userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return { items, unreadCount: Number(unread.count) };
}

export async function markNotificationRead(
  db: Kysely<Database>,
  options: { workspaceId: string; userId: string; id: string },
): Promise<void> {
  const found = await db
    .updateTable('notifications')
    .set({ read_at: new Date() })
    .where('workspace_id', '=', options.workspaceId)
    .where('user_id', '=', options.userId)
    .where('id', '=', options.id)
    .returning('id')
    .executeTakeFirst();
  if (!found) throw notFound('Notification');
}

export async function markAllNotificationsRead(
  db: Kysely<Database>,
  options: { workspaceId: string; userId: string },
): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ read_at: new Date() })
    .where('workspace_id', '=', options.workspaceId)
    .where('user_id', '=', options.userId)
    .where('read_at', 'is', null)
    .execute();
}
