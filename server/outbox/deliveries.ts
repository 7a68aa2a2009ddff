import type { Database, DeliveryState, DeliveryStatus, OutboundDeliveryRow } from '@server/db/schema';
import { conflict, notFound } from '@server/http/problem';
import { publishRealtime, type RealtimeEvent } from '@server/realtime/publish';
import { type Kysely, sql } from 'kysely';

export function presentDelivery(row: OutboundDeliveryRow) {
  return {
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.state === 'queued' ? row.next_attempt_at.toISOString() : null,
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
    platformMessageId: row.platform_message_id,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The delivery of each of these messages that has one. */
export async function deliveriesOf(db: Kysely<Database>, workspaceId: string, messageIds: string[]) {
  const deliveries = new Map<string, ReturnType<typeof presentDelivery>>();
  if (messageIds.length === 0) return deliveries;
  const rows = await db
    .selectFrom('outbound_deliveries')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('message_id', 'in', messageIds)
    .execute();
  for (const row of rows) deliveries.set(row.message_id, presentDelivery(row));
  return deliveries;
}

/** The message's own delivery column, which the inbox and reports read. */
export const MESSAGE_STATUS: Record<DeliveryState, DeliveryStatus> = {
  queued: 'pending',
  sending: 'pending',
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  failed: 'failed',
};

/**
 * Carries a delivery's new state over to its message, in the transaction that changed the outbox row, and returns
 * the event that tells the agents' screens (null when the message is gone).
 */
export async function reflectOnMessage(
  tx: Kysely<Database>,
  options: { workspaceId: string; messageId: string; state: DeliveryState },
): Promise<RealtimeEvent | null> {
  const message = await tx
    .updateTable('ticket_messages')
    .set({ delivery_status: MESSAGE_STATUS[options.state] })
    .where('workspace_id', '=', options.workspaceId)
    .where('id', '=', options.messageId)
    .returning('ticket_id')
    .executeTakeFirst();
  if (!message) return null;
  return {
    kind: 'delivery.updated',
    ticketId: message.ticket_id,
    messageId: options.messageId,
    data: { state: options.state },
  };
}

/** Sends a failed reply again (the agent pressed 重试), with the same idempotency key and a fresh set of attempts. */
export async function retryDelivery(
  db: Kysely<Database>,
  options: { workspaceId: string; ticketId: string; messageId: string },
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const delivery = await tx
      .selectFrom('outbound_deliveries as d')
      .innerJoin('ticket_messages as m', 'm.id', 'd.message_id')
      .select(['d.id', 'd.state'])
      .where('d.workspace_id', '=', options.workspaceId)
      .where('d.message_id', '=', options.messageId)
      .where('m.ticket_id', '=', options.ticketId)
      .forUpdate()
      .executeTakeFirst();
    if (!delivery) throw notFound('Delivery');
    if (delivery.state !== 'failed')
      throw conflict('delivery_not_failed', 'Only a failed reply can be sent again');
    await tx
      .updateTable('outbound_deliveries')
      .set({
        state: 'queued',
        attempts: 0,
        next_attempt_at: sql<Date>`now()`,
        dead_lettered_at: null,
        updated_at: sql<Date>`now()`,
      })
      .where('workspace_id', '=', options.workspaceId)
      .where('id', '=', delivery.id)
      .execute();
    const event = await reflectOnMessage(tx, { ...options, state: 'queued' });
    if (event) await publishRealtime(tx, options.workspaceId, [event]);
  });
}

const RANK: Record<DeliveryState, number> = {
  queued: 0,
  sending: 0,
  sent: 1,
  delivered: 2,
  read: 3,
  failed: 4,
};

/** A delivery row a receipt names, locked by the caller's transaction. */
interface LockedDelivery {
  id: string;
  state: DeliveryState;
  message_id: string;
}

interface Receipt {
  status: 'sent' | 'delivered' | 'read' | 'failed';
  reason?: string;
  detail?: string;
}

/**
 * Moves each matched delivery forward to its receipt's state (never backwards; receipts apply in order, so a later one
 * in the same batch sees the earlier one's state), carries the state over to the message and tells the agents'
 * screens. Returns how many deliveries changed.
 */
async function applyReceipts(
  tx: Kysely<Database>,
  options: {
    workspaceId: string;
    matches: { receipt: Receipt; row: LockedDelivery | undefined }[];
    /** Whether a failure also marks the row dead-lettered. */
    deadLetterOnFailure: boolean;
  },
): Promise<number> {
  let updated = 0;
  const events: RealtimeEvent[] = [];
  for (const { receipt, row } of options.matches) {
    if (!row || RANK[receipt.status] <= RANK[row.state]) continue;
    await tx
      .updateTable('outbound_deliveries')
      .set({
        state: receipt.status,
        updated_at: sql<Date>`now()`,
        ...(receipt.status === 'failed'
          ? {
              error_code: receipt.reason ?? 'rejected',
              error_message: receipt.detail ?? '',
              ...(options.deadLetterOnFailure ? { dead_lettered_at: sql<Date>`now()` } : {}),
            }
          : {}),
      })
      .where('workspace_id', '=', options.workspaceId)
      .where('id', '=', row.id)
      .execute();
    row.state = receipt.status;
    updated += 1;
    const event = await reflectOnMessage(tx, {
      workspaceId: options.workspaceId,
      messageId: row.message_id,
      state: receipt.status,
    });
    if (event) events.push(event);
  }
  await publishRealtime(tx, options.workspaceId, events);
  return updated;
}

/** Receipts a connector reports (delivered, read, failed); a state never moves backwards. */
export async function recordDeliveryReceipts(
  db: Kysely<Database>,
  options: {
    workspaceId: string;
    channelAccountId: string;
    statuses: {
      idempotencyKey: string;
      status: 'delivered' | 'read' | 'failed';
      reason?: string;
      detail?: string;
    }[];
  },
): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom('outbound_deliveries as d')
      .select(['d.id', 'd.state', 'd.idempotency_key', 'd.message_id'])
      .where('d.workspace_id', '=', options.workspaceId)
      .where('d.channel_account_id', '=', options.channelAccountId)
      .where(
        'd.idempotency_key',
        'in',
        options.statuses.map((s) => s.idempotencyKey),
      )
      .orderBy('d.id')
      .forUpdate()
      .execute();
    const byKey = new Map(rows.map((row) => [row.idempotency_key, row]));
    return applyReceipts(tx, {
      workspaceId: options.workspaceId,
      matches: options.statuses.map((receipt) => ({ receipt, row: byKey.get(receipt.idempotencyKey) })),
      deadLetterOnFailure: false,
    });
  });
}

/**
 * Receipts a platform pushes about its own message ids (WhatsApp's status webhooks name the `wamid` the send call
 * returned); like recordDeliveryReceipts, a state never moves backwards. Returns how many deliveries changed.
 */
export async function recordPlatformReceipts(
  db: Kysely<Database>,
  options: {
    workspaceId: string;
    channelAccountId: string;
    receipts: {
      platformMessageId: string;
      status: 'sent' | 'delivered' | 'read' | 'failed';
      reason?: string;
      detail?: string;
    }[];
  },
): Promise<number> {
  if (options.receipts.length === 0) return 0;
  return db.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom('outbound_deliveries')
      .select(['id', 'state', 'platform_message_id', 'message_id'])
      .where('workspace_id', '=', options.workspaceId)
      .where('channel_account_id', '=', options.channelAccountId)
      .where(
        'platform_message_id',
        'in',
        options.receipts.map((receipt) => receipt.platformMessageId),
      )
      .orderBy('id')
      .forUpdate()
      .execute();
    const byPlatformId = new Map(rows.map((row) => [row.platform_message_id, row]));
    return applyReceipts(tx, {
      workspaceId: options.workspaceId,
      matches: options.receipts.map((receipt) => ({
        receipt,
        row: byPlatformId.get(receipt.platformMessageId),
      })),
      deadLetterOnFailure: true,
    });
  });
}
