import type { apiTokenSchema, createApiTokenBody, createdApiTokenSchema } from '@server/api-tokens/schema';
import type { attachmentSchema } from '@server/attachments/schema';
import type { MeJson } from '@server/auth/schema';
import type {
  channelAccountSchema,
  channelAccountWithSecretSchema,
  connectionCheckSchema,
  createChannelAccountBody,
  DELIVERY_ERROR_CODES,
  deliverySchema,
  updateChannelAccountBody,
} from '@server/channels/schema';
import type {
  CustomerJson,
  createCustomerBody,
  identitySchema,
  listCustomersQuery,
  updateCustomerBody,
} from '@server/customers/schema';
import type { createDepartmentBody, DepartmentJson } from '@server/departments/schema';
import type { PiiKind } from '@server/privacy/pii-kinds';
import type {
  addMessageBody,
  createTicketBody,
  eventSchema,
  ListTicketsQuery,
  messageSchema,
  SAVED_VIEWS,
  TicketChanges,
  TicketJson,
  ticketDetailSchema,
  ticketListSchema,
} from '@server/tickets/schema';
import type { createUserBody, UserJson, updateUserBody } from '@server/users/schema';
import type { updateWorkspaceBody, WorkspaceJson } from '@server/workspaces/schema';
import type { z } from 'zod';

// The server's zod schemas are the contract; the app borrows their types and never their code.
export type Me = MeJson;
export type User = UserJson;
export type Department = DepartmentJson;
export type Workspace = WorkspaceJson;
export type WorkspaceSettings = Workspace['settings'];
export type ApiToken = z.infer<typeof apiTokenSchema>;
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;

export type CreateUserInput = z.input<typeof createUserBody>;
export type UpdateUserInput = Omit<z.input<typeof updateUserBody>, 'locale'>;
export type DepartmentInput = z.input<typeof createDepartmentBody>;
export type UpdateWorkspaceInput = z.input<typeof updateWorkspaceBody>;
export type CreateApiTokenInput = z.input<typeof createApiTokenBody>;

export type { PiiKind };

/**
 * Where a masked piece of personal data sits in a text the server returned: UTF-16 offsets into that field, end
 * exclusive. `id` is what `POST /personal-data/{id}/reveal` takes.
 */
export interface PersonalDataSpan {
  id: string;
  /** `subject`, `description`, `body`, `phone`, `email`, `nickname`, `company`, `notes`, `attributes.<key>`. */
  field: string;
  kind: PiiKind;
  start: number;
  end: number;
}

// Optional in the app's types so that an answer from a server without the privacy feature still renders.
interface WithPersonalData {
  personalData?: PersonalDataSpan[];
}

export type Ticket = TicketJson & WithPersonalData;
export type TicketMessage = z.infer<typeof messageSchema> & WithPersonalData;
/** The customer's rating of a web chat (or another channel's survey), given when it ended. */
export interface TicketSatisfaction {
  score: number;
  scale: 'three' | 'five';
  comment: string;
  channel: string;
  createdAt: string;
}
export type TicketDetail = Omit<z.infer<typeof ticketDetailSchema>, 'messages'> &
  WithPersonalData & {
    messages: TicketMessage[];
    /** Optional: a server without web chat leaves it out. */
    satisfaction?: TicketSatisfaction | null;
  };
export type TicketListPage = z.infer<typeof ticketListSchema>;
export type TicketListItem = TicketListPage['items'][number];
export type SearchSnippet = NonNullable<TicketListItem['snippet']>;
export type TicketEvent = z.infer<typeof eventSchema>;
export type Attachment = z.infer<typeof attachmentSchema>;
export type SavedView = (typeof SAVED_VIEWS)[number];
export type TicketSort = ListTicketsQuery['sort'];
export type TicketSlaFilter = NonNullable<ListTicketsQuery['sla']>;
export type CreateTicketInput = z.input<typeof createTicketBody>;
export type UpdateTicketInput = TicketChanges;
export type AddMessageInput = z.input<typeof addMessageBody> & {
  /** Send even though the reply holds personal data the channel is not safe for (409 `personal_data_in_reply`). */
  confirmPersonalData?: boolean;
};
export type MessageDirection = AddMessageInput['direction'];
export type MessageDelivery = z.infer<typeof deliverySchema>;
export type DeliveryState = MessageDelivery['state'];
export type DeliveryErrorCode = (typeof DELIVERY_ERROR_CODES)[number];

export type ChannelAccount = z.infer<typeof channelAccountSchema>;
/** `POST /channel-accounts` and `…/rotate-secret`: the signing secret, shown this once. */
export type ChannelAccountWithSecret = z.infer<typeof channelAccountWithSecretSchema>;
export type CreateChannelAccountInput = z.input<typeof createChannelAccountBody>;
export type UpdateChannelAccountInput = z.input<typeof updateChannelAccountBody>;
/** `POST /channel-accounts/:id/test-connection`: whether the platform accepted the account's credentials. */
export type ConnectionCheck = z.infer<typeof connectionCheckSchema>;

/** `GET /tickets` as the app sends it: comma-separated lists, ISO bounds, everything optional. */
export interface TicketListFilter {
  view: SavedView;
  status?: string;
  priority?: string;
  assigneeId?: string;
  teamId?: string;
  type?: string;
  channel?: string;
  tag?: string;
  customerId?: string;
  createdFrom?: string;
  createdTo?: string;
  q?: string;
  sla?: TicketSlaFilter;
  sort?: TicketSort;
  limit?: number;
}

/** The workspace's request taxonomy and priority names (`GET /ticket-config`). */
export interface TicketConfig {
  presetId: string;
  types: { key: string; label: string; subtypes: { key: string; label: string }[] }[];
  priorityLabels: { urgent: string; important: string; normal: string };
}

type CustomerIdentityJson = CustomerJson['identities'][number] & {
  /** Set when `externalId` is a masked phone number or e-mail address that can be revealed. */
  personalDataId?: string | null;
};
export type Customer = Omit<CustomerJson, 'identities'> &
  WithPersonalData & {
    identities: CustomerIdentityJson[];
    /** When the customer's personal data was erased on request (PIPL Art. 47). */
    erasedAt?: string | null;
  };
export type CustomerDetail = Customer & { tickets: Ticket[] };
export type CustomerIdentity = z.infer<typeof identitySchema>;
export type CreateCustomerInput = z.input<typeof createCustomerBody>;
export type UpdateCustomerInput = z.input<typeof updateCustomerBody>;
export type CustomerLookup = Omit<z.input<typeof listCustomersQuery>, 'limit'>;

/** A CSV import of customers (`/customer-imports`; the schema is private to the route). */
export interface CustomerImport {
  id: string;
  status: 'running' | 'completed' | 'failed';
  total: number;
  processed: number;
  created: number;
  updated: number;
  failed: number;
  /** `row` is the 1-based line of the CSV file. */
  errors: { row: number; field: string; message: string }[];
  createdAt: string;
  finishedAt: string | null;
}

/** One audit log entry, as `GET /audit-events` returns it (the schema is private to the route). */
export interface AuditEvent {
  id: number;
  action: string;
  actor: { id: string; name: string } | null;
  targetType: string;
  targetId: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
  createdAt: string;
}

export interface AuditPage {
  items: AuditEvent[];
  nextBefore: number | null;
}

/** `GET /audit-events` filters; `action` is exact, or a prefix when it ends with a dot (`pii.`). */
export interface AuditFilter {
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  /** ISO timestamps, `from` inclusive, `to` exclusive. */
  from?: string;
  to?: string;
}

/** `POST /personal-data/{id}/reveal`: the original behind one mask. */
export interface RevealedPersonalData {
  id: string;
  kind: PiiKind;
  field: string;
  text: string;
}

/** `GET /privacy/settings`. */
export interface PrivacySettings {
  maskedKinds: PiiKind[];
  /** Mask templates such as `{first:3}****{last:4}`; a kind left out uses the built-in format. */
  maskFormats: Partial<Record<PiiKind, string>>;
  /** Messages older than this are anonymized by the retention run; null when retention is off. */
  retentionMonths: number | null;
  /** A sample of each kind masked with the current formats. */
  examples: Record<PiiKind, string>;
}

export type PrivacySettingsInput = Omit<PrivacySettings, 'examples'>;

/** What a retention run would anonymize (dry run) or did anonymize (run). */
export interface RetentionReport {
  retentionMonths: number;
  cutoff: string;
  messages: number;
  ticketDescriptions: number;
  attachments: number;
}

/** A personal-data export (`/privacy-jobs/{id}`). */
export interface PrivacyJob {
  id: string;
  kind: 'export';
  customerId: string | null;
  status: 'running' | 'completed' | 'failed';
  processed: number;
  total: number;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** Same-origin and cookie-authenticated; set once the export completed. */
  downloadUrl: string | null;
}

/** `POST /customers/{id}/erasure`: what was removed. */
export interface ErasureResult {
  customerNumber: string;
  tickets: number;
  messages: number;
  attachments: number;
  erasedAt: string;
}

export interface ListUsersFilter {
  q?: string;
  role?: User['role'];
  departmentId?: string;
  includeDeactivated: boolean;
}
