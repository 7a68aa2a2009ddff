import type { apiTokenSchema, createApiTokenBody, createdApiTokenSchema } from '@server/api-tokens/schema';
import type { attachmentSchema } from '@server/attachments/schema';
import type { MeJson } from '@server/auth/schema';
import type {
  CustomerJson,
  createCustomerBody,
  identitySchema,
  listCustomersQuery,
  updateCustomerBody,
} from '@server/customers/schema';
import type { createDepartmentBody, DepartmentJson } from '@server/departments/schema';
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

export type Ticket = TicketJson;
export type TicketDetail = z.infer<typeof ticketDetailSchema>;
export type TicketListPage = z.infer<typeof ticketListSchema>;
export type TicketListItem = TicketListPage['items'][number];
export type SearchSnippet = NonNullable<TicketListItem['snippet']>;
export type TicketMessage = z.infer<typeof messageSchema>;
export type TicketEvent = z.infer<typeof eventSchema>;
export type Attachment = z.infer<typeof attachmentSchema>;
export type SavedView = (typeof SAVED_VIEWS)[number];
export type TicketSort = ListTicketsQuery['sort'];
export type CreateTicketInput = z.input<typeof createTicketBody>;
export type UpdateTicketInput = TicketChanges;
export type AddMessageInput = z.input<typeof addMessageBody>;
export type MessageDirection = AddMessageInput['direction'];

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
  sort?: TicketSort;
  limit?: number;
}

/** The workspace's request taxonomy and priority names (`GET /ticket-config`). */
export interface TicketConfig {
  presetId: string;
  types: { key: string; label: string; subtypes: { key: string; label: string }[] }[];
  priorityLabels: { urgent: string; important: string; normal: string };
}

export type Customer = CustomerJson;
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

export interface ListUsersFilter {
  q?: string;
  role?: User['role'];
  departmentId?: string;
  includeDeactivated: boolean;
}
