/** Kysely types of the privacy tables: workspace data keys, sealed personal-data spans, export jobs. */
import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from './schema';

export interface WorkspaceDataKeysTable {
  id: Generated<string>;
  workspace_id: string;
  wrapped_key: string;
  master_key_id: string;
  created_at: Timestamp;
  retired_at: NullableTimestamp;
}

export type PiiOwnerType = 'ticket' | 'message' | 'customer' | 'identity' | 'attachment';

export interface PiiSpansTable {
  id: Generated<string>;
  workspace_id: string;
  owner_type: PiiOwnerType;
  owner_id: string;
  /** The owner's column (`subject`, `body`, `phone`) or `attributes.<key>`. */
  field: string;
  ticket_id: string | null;
  customer_id: string | null;
  kind: string;
  start_offset: number;
  end_offset: number;
  ciphertext: string;
  created_at: Timestamp;
}

export type PrivacyJobStatus = 'running' | 'completed' | 'failed';

export interface PrivacyJobsTable {
  id: Generated<string>;
  workspace_id: string;
  kind: 'export';
  customer_id: string | null;
  status: ColumnType<PrivacyJobStatus, PrivacyJobStatus | undefined, PrivacyJobStatus>;
  total: Generated<number>;
  processed: Generated<number>;
  file_key: string | null;
  error: string | null;
  requested_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: NullableTimestamp;
}
