import { attachmentSchema } from '@server/attachments/schema';
import { deliverySchema } from '@server/channels/schema';
import { isoTimestamp } from '@server/http/common-schema';
import { personalDataSpanSchema } from '@server/privacy/schema';
import { ticketSlaSchema } from '@server/sla/policies/schema';
import { TICKET_CHANNELS, TICKET_PRIORITIES, TICKET_STATUSES } from '@shared/tickets';
import { z } from 'zod';

const ref = z.object({ id: z.uuid(), name: z.string() });

export const ticketSchema = z.object({
  id: z.uuid(),
  /** Date + daily serial in the workspace time zone (seed 001: 20231027001); tell it to the customer. */
  number: z.string(),
  subject: z.string(),
  description: z.string(),
  /** Masks in subject, description and custom fields; each reveals with `POST /personal-data/{id}/reveal`. */
  personalData: z.array(personalDataSpanSchema),
  channel: z.string(),
  type: z.string().nullable(),
  subtype: z.string().nullable(),
  priority: z.enum(TICKET_PRIORITIES),
  /** Why the ticket has its priority (紧急：包含『曝光』): risk words, repeated messages, order amount, or a rule. */
  priorityReason: z
    .object({
      priority: z.enum(TICKET_PRIORITIES),
      source: z.enum(['risk_term', 'repeat_messages', 'order_amount', 'rule']),
      detail: z.array(z.string()),
      category: z.string().optional(),
    })
    .nullable(),
  /** The classifier's type suggestion with its confidence; `accepted` once an agent confirmed (true) or corrected it. */
  typeSuggestion: z
    .object({
      type: z.string(),
      subtype: z.string().nullable(),
      confidence: z.number(),
      source: z.enum(['classifier', 'keywords']),
      accepted: z.boolean().nullable(),
    })
    .nullable(),
  status: z.enum(TICKET_STATUSES),
  customer: z.object({ id: z.uuid(), number: z.string(), name: z.string(), nickname: z.string() }).nullable(),
  /** Who handles the ticket now (a transfer changes it; `firstOwner` stays). */
  assignee: ref.extend({ employeeNo: z.string().nullable() }).nullable(),
  /** 第一责任人 (seed 002): who the ticket was first given to; stays through transfers. */
  firstOwner: ref.extend({ employeeNo: z.string().nullable() }).nullable(),
  team: ref.nullable(),
  /** The incident (emergency mode) the ticket is linked to. */
  incident: z.object({ id: z.uuid(), title: z.string(), status: z.enum(['open', 'resolved']) }).nullable(),
  collaborators: z.array(ref),
  /** 需协同处理 (seed 001): several departments are involved. */
  needsCollaboration: z.boolean(),
  collaborationDepartments: z.array(ref),
  tags: z.array(z.string()),
  customFields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  orderNumbers: z.array(z.string()),
  productModel: z.string().nullable(),
  /** Send this back with a change; a stale version gets 409 instead of overwriting someone else's edit. */
  version: z.number().int(),
  mergedInto: z.object({ id: z.uuid(), number: z.string() }).nullable(),
  receivedAt: isoTimestamp,
  lastActivityAt: isoTimestamp,
  firstResponseAt: isoTimestamp.nullable(),
  resolvedAt: isoTimestamp.nullable(),
  closedAt: isoTimestamp.nullable(),
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
  /** Each SLA metric's clock: state (running, paused, warning, breached, met) and due instant. */
  sla: z.array(ticketSlaSchema),
});
export type TicketJson = z.infer<typeof ticketSchema>;

export const messageSchema = z.object({
  id: z.uuid(),
  direction: z.enum(['inbound', 'outbound', 'note']),
  channel: z.string(),
  author: z
    .object({
      kind: z.enum(['user', 'customer']),
      id: z.uuid(),
      name: z.string(),
      employeeNo: z.string().nullable(),
    })
    .nullable(),
  body: z.string(),
  /** Masks in the body (field `body`). */
  personalData: z.array(personalDataSpanSchema),
  /** Set when retention or an erasure replaced the body. */
  anonymizedAt: isoTimestamp.nullable(),
  deliveryStatus: z.enum(['received', 'pending', 'sent', 'delivered', 'failed', 'internal']),
  /** The reply's delivery through its channel account (outbox state, attempts, the platform's reason); null when the ticket has no channel conversation. */
  delivery: deliverySchema.nullable(),
  attachments: z.array(attachmentSchema),
  createdAt: isoTimestamp,
});

export const eventSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  actor: z.object({ id: z.uuid(), name: z.string(), employeeNo: z.string().nullable() }).nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: isoTimestamp,
});

export const ticketDetailSchema = ticketSchema.extend({
  /** The customer's satisfaction rating (web chat asks at the end of the chat). */
  satisfaction: z
    .object({
      score: z.number().int(),
      scale: z.enum(['three', 'five']),
      comment: z.string(),
      channel: z.string(),
      createdAt: isoTimestamp,
    })
    .nullable(),
  messages: z.array(messageSchema),
  /** Every file on the ticket, including uploads not yet sent with a message. */
  attachments: z.array(attachmentSchema),
  timeline: z.array(eventSchema),
});

const customFields = z.record(
  z.string().max(50),
  z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]),
);
const tags = z.array(z.string().trim().min(1).max(30)).max(20);
const orderNumbers = z.array(z.string().trim().min(4).max(40)).max(20);

export const createTicketBody = z.object({
  subject: z.string().trim().min(1).max(200),
  description: z.string().max(20_000).default(''),
  channel: z.enum(TICKET_CHANNELS),
  type: z.string().max(40).nullable().optional(),
  subtype: z.string().max(40).nullable().optional(),
  priority: z.enum(TICKET_PRIORITIES).default('normal'),
  customerId: z.uuid().nullable().optional(),
  assigneeId: z.uuid().nullable().optional(),
  teamId: z.uuid().nullable().optional(),
  tags: tags.default([]),
  customFields: customFields.default({}),
  /** Left out: extracted from subject and description. */
  orderNumbers: orderNumbers.optional(),
  productModel: z.string().trim().max(60).nullable().optional(),
  needsCollaboration: z.boolean().default(false),
  collaborationDepartmentIds: z.array(z.uuid()).max(10).default([]),
  /** When the customer made contact, to the minute (seed 001); defaults to now. */
  receivedAt: isoTimestamp.optional(),
});

export const updateTicketBody = z.object({
  version: z.number().int().positive(),
  subject: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(20_000).optional(),
  type: z.string().max(40).nullable().optional(),
  subtype: z.string().max(40).nullable().optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  status: z.enum(TICKET_STATUSES).optional(),
  customerId: z.uuid().nullable().optional(),
  assigneeId: z.uuid().nullable().optional(),
  teamId: z.uuid().nullable().optional(),
  collaboratorIds: z.array(z.uuid()).max(20).optional(),
  needsCollaboration: z.boolean().optional(),
  collaborationDepartmentIds: z.array(z.uuid()).max(10).optional(),
  tags: tags.optional(),
  customFields: customFields.optional(),
  orderNumbers: orderNumbers.optional(),
  productModel: z.string().trim().max(60).nullable().optional(),
});
export type TicketChanges = Omit<z.infer<typeof updateTicketBody>, 'version'>;

export const addMessageBody = z
  .object({
    /** `outbound`: a reply to the customer; `note`: internal, never sent; `inbound`: a customer message taken down by an agent (a phone call). */
    direction: z.enum(['outbound', 'note', 'inbound']),
    /** Required unless a template is sent. */
    body: z.string().trim().min(1).max(50_000).optional(),
    /** Defaults to the ticket's channel. */
    channel: z.enum(TICKET_CHANNELS).optional(),
    /** Files uploaded to this ticket (POST /tickets/{id}/attachments) to send with the message. */
    attachmentIds: z.array(z.uuid()).max(10).default([]),
    /**
     * Send a reply that carries unmasked personal data over a channel without end-to-end encryption anyway; without
     * it such a reply is refused with 409 `personal_data_in_reply`, listing what was found.
     */
    confirmPersonalData: z.boolean().optional(),
    /**
     * WhatsApp only: send this approved template instead of free text (the only reply WhatsApp delivers more than 24
     * hours after the customer's last message). The body may be left out: the stored reply is the rendered template.
     */
    template: z
      .object({
        name: z.string().trim().min(1).max(512),
        /** The language code the template was approved in (`zh_CN`, `en_US`). */
        language: z.string().trim().min(2).max(15),
        /** Values of the body's `{{1}}`, `{{2}}`… in order. */
        parameters: z.array(z.string().trim().min(1).max(1024)).max(20).default([]),
      })
      .optional(),
  })
  .refine((body) => body.body !== undefined || body.template !== undefined, {
    path: ['body'],
    message: 'Write a message or choose a template',
  });

/** The reply window of a ticket's messaging-platform conversation (GET /tickets/{id}/reply-window). */
export const replyWindowSchema = z.object({
  /** The platform account kind (`whatsapp`, `wechat_oa`, `wecom_kf`, `douyin`); null: this ticket's channel has no window. */
  kind: z.string().nullable(),
  /** The window's length after each customer message (WhatsApp 24, the others 48); null without a window. */
  hours: z.number().int().nullable(),
  open: z.boolean(),
  /** When free-form replies stop being accepted; null before the customer ever wrote. */
  closesAt: isoTimestamp.nullable(),
  /** Replies left in the window on platforms that count them (Douyin, WeCom: 5 per customer message). */
  repliesLeft: z.number().int().optional(),
  /** Only an approved template can be sent now (WhatsApp outside its 24-hour window). */
  templatesOnly: z.boolean(),
  /** WhatsApp: the approved templates (body with `{{n}}` parameters) to offer in the reply box. */
  templates: z
    .array(
      z.object({
        name: z.string(),
        language: z.string(),
        body: z.string(),
        parameterCount: z.number().int(),
      }),
    )
    .optional(),
});

export const mergeTicketsBody = z.object({
  /** Tickets folded into the one in the path: their messages and timeline move, they close and point to it. */
  sourceTicketIds: z.array(z.uuid()).min(1).max(20),
});

const csv = <T extends [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((value) => value.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)));

export const SAVED_VIEWS = ['mine', 'my_team', 'unassigned', 'all_open', 'all'] as const;

export const listTicketsQuery = z.object({
  /** mine: assigned to me and not closed; my_team: my department's; unassigned; all_open: everything not closed. */
  view: z.enum(SAVED_VIEWS).default('all_open'),
  /** Comma-separated, e.g. `open,pending_customer`. */
  status: csv([...TICKET_STATUSES]).optional(),
  priority: csv([...TICKET_PRIORITIES]).optional(),
  assigneeId: z.uuid().optional(),
  teamId: z.uuid().optional(),
  type: z.string().max(40).optional(),
  channel: z.enum(TICKET_CHANNELS).optional(),
  tag: z.string().max(30).optional(),
  customerId: z.uuid().optional(),
  createdFrom: isoTimestamp.optional(),
  createdTo: isoTimestamp.optional(),
  /** Words (中文 or English), a ticket number, an order number, a phone number or its last four digits. */
  q: z.string().trim().min(1).max(100).optional(),
  /** breaching_soon: a live deadline within the hour (or past its warning share); breached: a live one missed. */
  sla: z.enum(['breaching_soon', 'breached']).optional(),
  /** sla_due: the nearest running deadline first. */
  sort: z.enum(['last_activity', 'created', 'priority', 'sla_due']).default('last_activity'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListTicketsQuery = z.infer<typeof listTicketsQuery>;

export const ticketListSchema = z.object({
  items: z.array(
    ticketSchema.extend({
      /** With `q`: where the words were found, as text plus character ranges to highlight. */
      snippet: z
        .object({
          field: z.string(),
          text: z.string(),
          highlights: z.array(z.tuple([z.number(), z.number()])),
        })
        .nullable(),
    }),
  ),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
