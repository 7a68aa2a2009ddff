/**
 * A customer's phone calls under PIPL: which call records are theirs (their own, those on their tickets, those
 * from their number), what the export shows of them, and what the erasure leaves. The records keep no original:
 * the number is a keyed hash and a mask, the notes are masked (their originals are sealed on the ticket message).
 */
import type { Database } from '@server/db/schema';
import { type Kysely, sql } from 'kysely';
import { isAnyOf } from './customer-data';
import { ERASED_TEXT } from './redaction';

export interface CallRecordEntry {
  ticketNumber: string;
  direction: string;
  /** As stored: masked. The full number is in customer.json. */
  customerNumber: string;
  startedAt: string;
  answeredAfterSeconds: number | null;
  durationSeconds: number;
  /** Where the telephone system keeps the recording of the call. */
  recordingUrl: string | null;
  /** The agent's notes, masked; the full text is the ticket message in tickets.json. */
  notes: string;
}

/** The call records of these customers (a customer and its merged records) and of their tickets. */
function theirCalls(
  db: Kysely<Database>,
  options: { workspaceId: string; customerIds: string[]; ticketIds: string[] },
) {
  const { workspaceId, customerIds } = options;
  return db
    .selectFrom('call_records as c')
    .where('c.workspace_id', '=', workspaceId)
    .where((eb) =>
      eb.or([
        isAnyOf('c.customer_id', customerIds),
        isAnyOf('c.ticket_id', options.ticketIds),
        // A call whose customer link was lost (the record was deleted) still carries their number's hash.
        eb(
          'c.customer_number_hash',
          'in',
          eb
            .selectFrom('customers')
            .select('phone_hash')
            .where('workspace_id', '=', workspaceId)
            .where(isAnyOf('id', customerIds))
            .where('phone_hash', 'is not', null)
            .$narrowType<{ phone_hash: string }>(),
        ),
      ]),
    );
}

/** Their calls as the export lists them, oldest first. */
export async function loadCallRecords(
  db: Kysely<Database>,
  options: { workspaceId: string; customerIds: string[]; ticketIds: string[] },
): Promise<CallRecordEntry[]> {
  if (options.customerIds.length === 0) return [];
  const rows = await theirCalls(db, options)
    .innerJoin('tickets as t', (join) =>
      join.onRef('t.id', '=', 'c.ticket_id').onRef('t.workspace_id', '=', 'c.workspace_id'),
    )
    .select([
      't.number',
      'c.direction',
      'c.customer_number_masked',
      'c.started_at',
      'c.answered_after_seconds',
      'c.duration_seconds',
      'c.recording_url',
      'c.notes',
    ])
    .orderBy('c.started_at')
    .orderBy('c.id')
    .execute();
  return rows.map((row) => ({
    ticketNumber: row.number,
    direction: row.direction,
    customerNumber: row.customer_number_masked,
    startedAt: row.started_at.toISOString(),
    answeredAfterSeconds: row.answered_after_seconds,
    durationSeconds: row.duration_seconds,
    recordingUrl: row.recording_url,
    notes: row.notes,
  }));
}

/**
 * Erases their calls' personal data inside the erasure's transaction, before the customers' hashes are cleared:
 * the number's hash and mask, the notes, the recording link (here and on the timeline). What the phone service
 * level counts stays: direction, times, ringing and talking seconds, agent, ticket. Returns how many calls.
 */
export async function eraseCallRecords(
  tx: Kysely<Database>,
  options: { workspaceId: string; customerIds: string[]; ticketIds: string[] },
): Promise<number> {
  const { workspaceId } = options;
  if (options.customerIds.length === 0) return 0;
  const ids = (await theirCalls(tx, options).select('c.id').execute()).map((row) => row.id);
  if (ids.length === 0) return 0;
  await tx
    .updateTable('call_records')
    .set({
      customer_number_hash: '',
      customer_number_masked: ERASED_TEXT,
      notes: sql<string>`CASE WHEN notes = '' THEN '' ELSE ${ERASED_TEXT} END`,
      recording_url: null,
    })
    .where('workspace_id', '=', workspaceId)
    .where(isAnyOf('id', ids))
    .execute();
  // The timeline entry of a call shows the masked number and links to the recording: the customer's voice.
  await tx
    .updateTable('ticket_events')
    .set({
      data: sql`data || jsonb_build_object('recordingUrl', null, 'customerNumber', ${ERASED_TEXT}::text)`,
    })
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', 'call_logged')
    .where(sql<string>`data->>'callId'`, 'in', ids)
    .execute();
  return ids.length;
}
