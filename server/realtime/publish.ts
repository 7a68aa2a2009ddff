/**
 * Writes what agents' screens should learn about into the workspace's realtime stream, inside the transaction
 * that makes the change. Sequence numbers come from the stream's counter row, locked until commit: taken as the
 * last statement of a transaction, that lock is held only for the commit itself.
 */
import type { Database } from '@server/db/schema';
import type { RealtimeEventKind } from '@shared/realtime';
import { type Kysely, sql } from 'kysely';

export const REALTIME_CHANNEL = 'kefu_realtime';

export interface RealtimeEvent {
  kind: RealtimeEventKind;
  /** Null for an event about several tickets (their ids in `data.ticketIds`) or none. */
  ticketId: string | null;
  messageId?: string | null;
  data?: Record<string, unknown>;
}

/** Appends events to one workspace's stream; returns the last sequence number given out. */
export async function publishRealtime(
  tx: Kysely<Database>,
  workspaceId: string,
  events: readonly RealtimeEvent[],
): Promise<number> {
  if (events.length === 0) return 0;
  const counted = await sql<{ last_seq: number }>`
    INSERT INTO realtime_streams (workspace_id, last_seq) VALUES (${workspaceId}, ${events.length})
    ON CONFLICT (workspace_id) DO UPDATE SET last_seq = realtime_streams.last_seq + ${events.length}
    RETURNING last_seq`.execute(tx);
  const last = Number(counted.rows[0]?.last_seq);
  const first = last - events.length + 1;
  await tx
    .insertInto('realtime_events')
    .values(
      events.map((event, index) => ({
        workspace_id: workspaceId,
        seq: first + index,
        kind: event.kind,
        ticket_id: event.ticketId,
        message_id: event.messageId ?? null,
        data: JSON.stringify(event.data ?? {}),
      })),
    )
    .execute();
  // Delivered to listeners on other app processes at commit (payload: ids only; readers fetch the rows).
  await sql`SELECT pg_notify(${REALTIME_CHANNEL}, ${workspaceId})`.execute(tx);
  return last;
}
