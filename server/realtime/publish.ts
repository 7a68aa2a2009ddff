/**
 * Writes what agents' screens should learn about into the workspace's realtime stream, inside the transaction
 * that makes the change. Sequence numbers come from the stream's counter row, locked until commit: taken as the
 * last statement of a transaction, that lock is held only for the commit itself.
 */
import { PREPARED } from '@server/db/named-statements';
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

/**
 * Appends events to one workspace's stream; returns the last sequence number given out. One statement (counter,
 * rows and notice): a group commit publishes in every transaction, and each round trip to the database costs both
 * processes a wake-up.
 */
export async function publishRealtime(
  tx: Kysely<Database>,
  workspaceId: string,
  events: readonly RealtimeEvent[],
): Promise<number> {
  if (events.length === 0) return 0;
  const rows = JSON.stringify(
    events.map((event) => ({
      kind: event.kind,
      ticket_id: event.ticketId,
      message_id: event.messageId ?? null,
      data: event.data ?? {},
    })),
  );
  // Delivered to listeners on other app processes at commit (payload: ids only; readers fetch the rows).
  const counted = await sql<{ last_seq: string }>`
    WITH counter AS (
      INSERT INTO realtime_streams (workspace_id, last_seq) VALUES (${workspaceId}, ${events.length})
      ON CONFLICT (workspace_id) DO UPDATE SET last_seq = realtime_streams.last_seq + ${events.length}
      RETURNING last_seq
    ), appended AS (
      INSERT INTO realtime_events (workspace_id, seq, kind, ticket_id, message_id, data)
      SELECT ${workspaceId}::uuid, counter.last_seq - ${events.length}::bigint + e.position, e.kind, e.ticket_id, e.message_id, e.data
      FROM counter, ROWS FROM (
        jsonb_to_recordset(${rows}::jsonb) AS (kind text, ticket_id uuid, message_id uuid, data jsonb)
      ) WITH ORDINALITY AS e(kind, ticket_id, message_id, data, position)
    )
    SELECT counter.last_seq, pg_notify(${REALTIME_CHANNEL}, ${workspaceId}) FROM counter ${PREPARED}`.execute(
    tx,
  );
  return Number(counted.rows[0]?.last_seq);
}
