/** Kysely types of the web-chat tables: widget settings, visitors, chat sessions, ratings, quick replies, lookups. */
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Json, NullableTimestamp, Timestamp } from './schema';

export type Localized = { 'zh-CN': string; en: string };
export type PreChatField = 'name' | 'phone' | 'email' | 'order';
export interface PreChatSettings {
  enabled: boolean;
  fields: { field: PreChatField; required: boolean }[];
}
export type RatingScale = 'three' | 'five';

export interface WebChatSettingsTable {
  workspace_id: string;
  widget_key: string;
  enabled: Generated<boolean>;
  /** The `web_chat` channel account the widget's conversations belong to. */
  channel_account_id: string;
  /** Sent automatically when a chat opens. */
  welcome: Json<Localized>;
  /** Sent in the agent's name on pick-up: `{agentName}`, `{employeeNo}`. */
  greeting: Json<Localized>;
  pre_chat: Json<PreChatSettings>;
  rating_scale: ColumnType<RatingScale, RatingScale | undefined, RatingScale>;
  /** Business hours; null: the workspace's default calendar. */
  calendar_id: string | null;
  /** Host pages allowed to embed the widget (origins); empty: any. */
  allowed_origins: ColumnType<string[], string[] | undefined, string[]>;
  /** The secret host sites sign identified visitors with, sealed under the workspace's data key. */
  identity_secret_ciphertext: string | null;
  identity_secret_hint: string | null;
  upload_max_bytes: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface VisitedPage {
  /** Origin and path only: query strings can carry personal data. */
  url: string;
  title: string;
  at: string;
}

export interface WebChatVisitorsTable {
  id: string;
  workspace_id: string;
  /** The visitor's id on the widget channel, and their conversation's. */
  ref: string;
  conversation_id: string | null;
  customer_id: string | null;
  identified: Generated<boolean>;
  display_name: Generated<string>;
  email_ciphertext: string | null;
  locale: Generated<string>;
  user_agent: Generated<string>;
  current_page: ColumnType<VisitedPage | null, string | null | undefined, string | null>;
  pages_seen: ColumnType<VisitedPage[], string | undefined, string>;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
}

export type ChatState = 'waiting' | 'active' | 'ended';

export interface WebChatSessionsTable {
  id: Generated<string>;
  workspace_id: string;
  ticket_id: string;
  visitor_id: string | null;
  conversation_id: string;
  state: ColumnType<ChatState, ChatState | undefined, ChatState>;
  picked_up_by: string | null;
  picked_up_at: NullableTimestamp;
  ended_at: NullableTimestamp;
  ended_by: 'agent' | 'visitor' | null;
  agent_read_at: NullableTimestamp;
  visitor_read_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SatisfactionRatingsTable {
  id: Generated<string>;
  workspace_id: string;
  ticket_id: string;
  customer_id: string | null;
  channel: string;
  scale: RatingScale;
  score: number;
  comment: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface QuickRepliesTable {
  id: Generated<string>;
  workspace_id: string;
  title: string;
  body: string;
  shortcut: string | null;
  position: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TicketLookupAttemptsTable {
  workspace_id: string;
  key_hash: string;
  window_start: Date;
  failures: Generated<number>;
}

export interface WebChatDatabase {
  web_chat_settings: WebChatSettingsTable;
  web_chat_visitors: WebChatVisitorsTable;
  web_chat_sessions: WebChatSessionsTable;
  satisfaction_ratings: SatisfactionRatingsTable;
  quick_replies: QuickRepliesTable;
  ticket_lookup_attempts: TicketLookupAttemptsTable;
}

export type WebChatSettingsRow = Selectable<WebChatSettingsTable>;
export type WebChatSessionRow = Selectable<WebChatSessionsTable>;
export type WebChatVisitorRow = Selectable<WebChatVisitorsTable>;
export type QuickReplyRow = Selectable<QuickRepliesTable>;
