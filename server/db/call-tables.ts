/** Kysely types of the phone tables: call records from a CTI/PBX. */
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Timestamp } from './schema';

export type CallDirection = 'inbound' | 'outbound';

export interface CallRecordsTable {
  id: Generated<string>;
  workspace_id: string;
  /** The CTI's id of the call, unique per workspace. */
  external_id: string;
  direction: CallDirection;
  /** Keyed hash of the customer's number, as customers.phone_hash. */
  customer_number_hash: string;
  customer_number_masked: string;
  /** The workspace's line, masked. */
  line: string;
  started_at: ColumnType<Date, Date | string, Date | string>;
  /** Null: a missed call. */
  answered_after_seconds: number | null;
  duration_seconds: number;
  recording_url: string | null;
  agent_user_id: string | null;
  /** Masked; the originals are sealed on `message_id`. */
  notes: Generated<string>;
  message_id: string | null;
  ticket_id: string;
  customer_id: string | null;
  created_at: Timestamp;
}

export interface CallDatabase {
  call_records: CallRecordsTable;
}

export type CallRecordRow = Selectable<CallRecordsTable>;
