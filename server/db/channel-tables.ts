/** Kysely types of the channel tables: accounts, conversations, dedupe receipts, the outbox and realtime streams. */
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Json, NullableTimestamp, Timestamp } from './schema';

export interface ChannelAccountsTable {
  id: Generated<string>;
  workspace_id: string;
  kind: string;
  platform: string;
  name: string;
  enabled: Generated<boolean>;
  /** The signing secret, sealed under the workspace's data key. */
  secret_ciphertext: string;
  secret_hint: string;
  previous_secret_ciphertext: string | null;
  previous_secret_expires_at: NullableTimestamp;
  callback_url: string | null;
  rate_limit_per_second: Generated<number>;
  /** A platform account's public settings (AppID, CorpID, base URLs…); `{}` for the API channel. */
  settings: Json<Record<string, unknown>>;
  /** A platform account's secrets (AppSecret, Token, EncodingAESKey…), a JSON object sealed under the workspace key. */
  credentials_ciphertext: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ChannelConversationsTable {
  id: Generated<string>;
  workspace_id: string;
  channel_account_id: string;
  /** Keyed hash of the platform's conversation id. */
  external_key: string;
  /** The platform's conversation id, sealed: what replies are addressed to. */
  reply_address_ciphertext: string;
  /** False: opened by machine-written mail; Kefu writes nothing to it by itself (agents still reply). */
  automatic_replies: Generated<boolean>;
  customer_id: string | null;
  ticket_id: string | null;
  last_inbound_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface InboundReceiptsTable {
  channel_account_id: string;
  external_id: string;
  workspace_id: string;
  message_id: string;
  created_at: Timestamp;
}

export type DeliveryState = 'queued' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed';

export interface OutboundDeliveriesTable {
  id: Generated<string>;
  workspace_id: string;
  message_id: string;
  channel_account_id: string;
  conversation_id: string;
  idempotency_key: string;
  state: ColumnType<DeliveryState, DeliveryState | undefined, DeliveryState>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  platform_message_id: string | null;
  error_code: string | null;
  error_message: string | null;
  dead_lettered_at: NullableTimestamp;
  /**
   * An approved template (WhatsApp outside its 24-hour window) sent instead of the reply's text; its parameters
   * are what the agent typed (a name, an order number), so they are sealed like every other original.
   */
  template: ColumnType<SealedTemplate | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A platform template message: its name and language as approved, and the values of its body parameters. */
export interface OutboundTemplate {
  name: string;
  language: string;
  parameters: string[];
}

/** A template as the outbox keeps it: the parameters (a JSON array) sealed under the workspace key. */
export interface SealedTemplate {
  name: string;
  language: string;
  parametersCiphertext: string;
}

export interface PlatformAccessTokensTable {
  channel_account_id: string;
  workspace_id: string;
  token_ciphertext: string | null;
  expires_at: NullableTimestamp;
  refresh_claimed_until: NullableTimestamp;
  generation: Generated<number>;
  updated_at: Timestamp;
}

export interface PlatformSyncCursorsTable {
  channel_account_id: string;
  workspace_id: string;
  scope: string;
  cursor: string;
  updated_at: Timestamp;
}

export interface RealtimeStreamsTable {
  workspace_id: string;
  last_seq: number;
}

export interface RealtimeEventsTable {
  workspace_id: string;
  seq: number;
  kind: string;
  ticket_id: string | null;
  message_id: string | null;
  data: Json<Record<string, unknown>>;
  created_at: Timestamp;
}

/** The messaging platforms' own state: shared access tokens and pull cursors. */
export interface PlatformDatabase {
  platform_access_tokens: PlatformAccessTokensTable;
  platform_sync_cursors: PlatformSyncCursorsTable;
}

export type ChannelAccountRow = Selectable<ChannelAccountsTable>;
export type OutboundDeliveryRow = Selectable<OutboundDeliveriesTable>;
