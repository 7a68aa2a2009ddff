import type { Role } from '@shared/roles';
import type { PresenceState, PriorityReason, RoutingStrategy, TypeSuggestion } from '@shared/routing';
import type { TicketType } from '@shared/taxonomy';
import type { TicketPriority, TicketStatus } from '@shared/tickets';
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { CallDatabase } from './call-tables';
import type {
  ChannelAccountsTable,
  ChannelConversationsTable,
  InboundReceiptsTable,
  OutboundDeliveriesTable,
  PlatformDatabase,
  RealtimeEventsTable,
  RealtimeStreamsTable,
} from './channel-tables';
import type { EmailDatabase } from './email-tables';
import type { PiiSpansTable, PrivacyJobsTable, WorkspaceDataKeysTable } from './privacy-tables';
import type {
  ClassifierExamplesTable,
  ClassifierLabelsTable,
  ClassifierTokensTable,
  IncidentsTable,
  IncidentTicketsTable,
  MergeSuggestionsTable,
  RoutingRulesTable,
  RoutingSettingsTable,
} from './routing-tables';
import type {
  CalendarsTable,
  NotificationsTable,
  SlaFiringsTable,
  SlaPoliciesTable,
  TicketSlaClocksTable,
  WebhookCallsTable,
} from './sla-tables';
import type { WebChatDatabase } from './web-chat-tables';

export type {
  ChannelAccountRow,
  DeliveryState,
  OutboundDeliveryRow,
  OutboundTemplate,
  SealedTemplate,
} from './channel-tables';
export type { PiiOwnerType, PiiSpansTable, PrivacyJobStatus, PrivacyJobsTable } from './privacy-tables';

/** A timestamptz column: read as Date, written as Date or an ISO string, defaulted by the database. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;
export type Json<T> = ColumnType<T, string | undefined, string>;

export interface WorkspaceSettings {
  /** Minutes without a request after which a session ends (seed 002: leaving the desk logs you out). */
  sessionIdleMinutes?: number;
  /** Hours after login after which a session ends however active it is. */
  sessionLifetimeHours?: number;
  /** Days after which a password change is suggested (seed 002: passwords are changed periodically). */
  passwordRotationDays?: number;
  /** Failed logins in a row that lock an account. */
  lockoutThreshold?: number;
  /** Minutes an account stays locked. */
  lockoutMinutes?: number;
  /** Which kinds of personal data are masked at intake, and how (see server/privacy/settings.ts). */
  privacy?: PrivacySettings;
}

export interface PrivacySettings {
  /** Kinds masked at intake; every kind when absent. */
  maskedKinds?: string[];
  /** A mask template per kind (`{first:3}****{last:4}`); the built-in mask when absent. */
  maskFormats?: Record<string, string>;
  /** Message bodies older than this many months are anonymised by the daily retention job; off when absent. */
  retentionMonths?: number | null;
}

export interface WorkspacesTable {
  id: Generated<string>;
  name: string;
  slug: string;
  time_zone: Generated<string>;
  default_locale: Generated<string>;
  is_demo: Generated<boolean>;
  settings: Json<WorkspaceSettings>;
  ticket_config: ColumnType<TicketConfig | null, string | null | undefined, string | null>;
  sla_preset_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DepartmentsTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  description: Generated<string>;
  routing_strategy: ColumnType<RoutingStrategy, RoutingStrategy | undefined, RoutingStrategy>;
  /** A repeat customer goes back to their previous owner when that person is in the team and available. */
  sticky_owner: Generated<boolean>;
  required_skills: Generated<string[]>;
  /** Round-robin position: the member who got the team's last ticket. */
  last_assigned_user_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  workspace_id: string;
  email: string;
  name: string;
  employee_no: string | null;
  department_id: string | null;
  role: Role;
  locale: string | null;
  password_hash: string;
  password_changed_at: Timestamp;
  must_change_password: Generated<boolean>;
  failed_login_count: Generated<number>;
  locked_until: NullableTimestamp;
  last_login_at: NullableTimestamp;
  deactivated_at: NullableTimestamp;
  skills: Generated<string[]>;
  /** Open tickets this person takes at most through automatic assignment; null: no limit. */
  max_open_tickets: number | null;
  /** Live chats at once (web chat); null: no limit. */
  max_concurrent_chats: number | null;
  presence: ColumnType<PresenceState, PresenceState | undefined, PresenceState>;
  presence_changed_at: NullableTimestamp;
  last_active_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: Generated<string>;
  workspace_id: string;
  user_id: string;
  token_hash: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

export interface ApiTokensTable {
  id: Generated<string>;
  workspace_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  scopes: string[];
  expires_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface SetupTokensTable {
  id: Generated<string>;
  workspace_id: string;
  token_hash: string;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  used_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface AuditEventsTable {
  id: Generated<number>;
  workspace_id: string;
  actor_user_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  detail: Json<Record<string, unknown>>;
  ip: string | null;
  created_at: Timestamp;
}

/** A workspace's request taxonomy and priority names, stored when it departs from the default preset. */
export interface TicketConfig {
  presetId: string;
  types: TicketType[];
  priorityLabels: Record<TicketPriority, string>;
}

export interface DailyCountersTable {
  workspace_id: string;
  scope: string;
  day: ColumnType<string, string, string>;
  last_serial: number;
}

export interface CustomersTable {
  id: Generated<string>;
  workspace_id: string;
  number: string;
  name: Generated<string>;
  nickname: Generated<string>;
  phone: string | null;
  phone_last4: ColumnType<string | null, never, never>;
  email: string | null;
  company: Generated<string>;
  tags: Generated<string[]>;
  attributes: Json<Record<string, string>>;
  notes: Generated<string>;
  merged_into_id: string | null;
  search_tokens: Generated<string>;
  /** Keyed hashes of the original phone and e-mail: exact lookups without keeping them in the clear. */
  phone_hash: string | null;
  email_hash: string | null;
  /** Set when the customer's personal data was erased (PIPL Art 47); the row stays for ticket statistics. */
  erased_at: NullableTimestamp;
  /** `normal`, `vip`, `key_account`…: high-value tiers go to their customer success manager (seed 003). */
  tier: Generated<string>;
  success_manager_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CustomerIdentitiesTable {
  id: Generated<string>;
  workspace_id: string;
  customer_id: string;
  channel: string;
  /** The channel's id, or a keyed hash of it when the id is personal data (a phone number, an e-mail address). */
  external_id: string;
  /** What the app shows: the id, or its masked form. */
  display: string;
  created_at: Timestamp;
}

export interface TicketsTable {
  id: Generated<string>;
  workspace_id: string;
  number: string;
  subject: string;
  description: Generated<string>;
  channel: string;
  type: string | null;
  subtype: string | null;
  priority: ColumnType<TicketPriority, TicketPriority | undefined, TicketPriority>;
  priority_rank: ColumnType<number, never, never>;
  status: ColumnType<TicketStatus, TicketStatus | undefined, TicketStatus>;
  customer_id: string | null;
  assignee_id: string | null;
  team_id: string | null;
  collaborator_ids: Generated<string[]>;
  needs_collaboration: Generated<boolean>;
  collaboration_department_ids: Generated<string[]>;
  tags: Generated<string[]>;
  custom_fields: Json<Record<string, string | number | boolean | null>>;
  order_numbers: Generated<string[]>;
  product_model: string | null;
  version: Generated<number>;
  merged_into_id: string | null;
  search_tokens: Generated<string>;
  received_at: Timestamp;
  last_activity_at: Timestamp;
  first_response_at: NullableTimestamp;
  resolved_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  created_by: string | null;
  /** Set when retention anonymised the description (the ticket's first message). */
  anonymized_at: NullableTimestamp;
  /** The channel conversation it came through; replies are delivered there. */
  conversation_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** 第一责任人 (seed 002): the first person the ticket was assigned to; a transfer changes the assignee only. */
  first_owner_id: ColumnType<string | null, string | null | undefined, string | null>;
  priority_reason: ColumnType<PriorityReason | null, string | null | undefined, string | null>;
  type_suggestion: ColumnType<TypeSuggestion | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type MessageDirection = 'inbound' | 'outbound' | 'note';
export type DeliveryStatus = 'received' | 'pending' | 'sent' | 'delivered' | 'failed' | 'internal';

export interface TicketMessagesTable {
  id: Generated<string>;
  workspace_id: string;
  ticket_id: string;
  direction: MessageDirection;
  channel: string;
  author_user_id: string | null;
  customer_id: string | null;
  body: string;
  delivery_status: DeliveryStatus;
  /** Set when retention or an erasure replaced the body. */
  anonymized_at: NullableTimestamp;
  /** The channel account an inbound message came through. */
  channel_account_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the customer sent it, as the platform reported; created_at is when Kefu committed it. */
  sent_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface TicketEventsTable {
  id: Generated<number>;
  workspace_id: string;
  ticket_id: string;
  actor_user_id: string | null;
  kind: string;
  data: Json<Record<string, unknown>>;
  created_at: Timestamp;
}

export interface AttachmentsTable {
  id: Generated<string>;
  workspace_id: string;
  ticket_id: string;
  message_id: string | null;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string | null;
  created_at: Timestamp;
}

export interface CustomerImportsTable {
  id: Generated<string>;
  workspace_id: string;
  created_by: string | null;
  status: ColumnType<'running' | 'completed' | 'failed', 'running' | 'completed' | 'failed' | undefined>;
  total: number;
  processed: Generated<number>;
  created: Generated<number>;
  updated: Generated<number>;
  failed: Generated<number>;
  errors: Json<{ row: number; field: string; code: string; message: string }[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: NullableTimestamp;
}

/** Every table; the web-chat, phone, e-mail and platform ones are declared in their own *-tables.ts files. */
export interface Database extends WebChatDatabase, CallDatabase, EmailDatabase, PlatformDatabase {
  workspaces: WorkspacesTable;
  departments: DepartmentsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  setup_tokens: SetupTokensTable;
  audit_events: AuditEventsTable;
  daily_counters: DailyCountersTable;
  customers: CustomersTable;
  customer_identities: CustomerIdentitiesTable;
  tickets: TicketsTable;
  ticket_messages: TicketMessagesTable;
  ticket_events: TicketEventsTable;
  attachments: AttachmentsTable;
  customer_imports: CustomerImportsTable;
  workspace_data_keys: WorkspaceDataKeysTable;
  pii_spans: PiiSpansTable;
  privacy_jobs: PrivacyJobsTable;
  channel_accounts: ChannelAccountsTable;
  channel_conversations: ChannelConversationsTable;
  inbound_receipts: InboundReceiptsTable;
  outbound_deliveries: OutboundDeliveriesTable;
  realtime_streams: RealtimeStreamsTable;
  realtime_events: RealtimeEventsTable;
  calendars: CalendarsTable;
  sla_policies: SlaPoliciesTable;
  ticket_sla_clocks: TicketSlaClocksTable;
  sla_firings: SlaFiringsTable;
  notifications: NotificationsTable;
  webhook_calls: WebhookCallsTable;
  routing_rules: RoutingRulesTable;
  routing_settings: RoutingSettingsTable;
  classifier_labels: ClassifierLabelsTable;
  classifier_tokens: ClassifierTokensTable;
  classifier_examples: ClassifierExamplesTable;
  incidents: IncidentsTable;
  incident_tickets: IncidentTicketsTable;
  merge_suggestions: MergeSuggestionsTable;
}

export type WorkspaceRow = Selectable<WorkspacesTable>;
export type DepartmentRow = Selectable<DepartmentsTable>;
export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type CustomerRow = Selectable<CustomersTable>;
export type CustomerIdentityRow = Selectable<CustomerIdentitiesTable>;
export type TicketRow = Selectable<TicketsTable>;
export type TicketMessageRow = Selectable<TicketMessagesTable>;
export type TicketEventRow = Selectable<TicketEventsTable>;
export type AttachmentRow = Selectable<AttachmentsTable>;
export type CustomerImportRow = Selectable<CustomerImportsTable>;
