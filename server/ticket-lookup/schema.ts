/** Request and response shapes of the customer self-service ticket lookup (public, no login). */
import { isoTimestamp } from '@server/http/common-schema';
import { TICKET_STATUSES } from '@shared/tickets';
import { z } from 'zod';

/** Longest reply a customer may write on the lookup page. */
export const LOOKUP_REPLY_MAX_LENGTH = 2000;

export const lookupBody = z.object({
  /** The workspace's slug from the lookup page's address; may be left out when the installation has one workspace. */
  workspace: z.string().trim().min(1).max(100).optional(),
  /** The ticket number as the customer was told it (e.g. 20261202001). */
  number: z.string().trim().min(1).max(40),
  /** The last four digits of the phone number on the ticket, or the e-mail address on it. */
  factor: z.string().trim().min(1).max(254),
});

export const replyBody = z.object({
  /** The token from the lookup; the `Authorization: Lookup <token>` header works as well. */
  token: z.string().min(1).max(1000).optional(),
  text: z.string().trim().min(1).max(LOOKUP_REPLY_MAX_LENGTH),
});

export const deskQuery = z.object({
  /** The workspace's slug; left out: the installation's only workspace. */
  workspace: z.string().trim().min(1).max(100).optional(),
});

export const deskSchema = z.object({
  /** The slug to send with lookups. */
  workspace: z.string(),
  /** The company name shown above the form. */
  name: z.string(),
});

const publicAttachmentSchema = z.object({
  id: z.uuid(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
});

const publicMessageSchema = z.object({
  id: z.uuid(),
  /** `inbound`: the customer's own message; `outbound`: the service team's reply. Internal notes never appear. */
  direction: z.enum(['inbound', 'outbound']),
  /** As stored: personal data is already masked. */
  text: z.string(),
  createdAt: isoTimestamp,
  /** The replying agent's name (shown as 客服 <name>); null for the customer's messages and automatic ones. */
  author: z.string().nullable(),
  attachments: z.array(publicAttachmentSchema),
});

export const publicTicketSchema = z.object({
  number: z.string(),
  status: z.enum(TICKET_STATUSES),
  subject: z.string(),
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
  /** Whether the customer can still write to it (a closed ticket, 已闭环, takes no more messages). */
  canReply: z.boolean(),
  messages: z.array(publicMessageSchema),
});

export const lookupResultSchema = z.object({
  /** Signed, valid for 30 minutes, for this ticket only: send it with replies and refreshes. */
  token: z.string(),
  expiresAt: isoTimestamp,
  ticket: publicTicketSchema,
});

export type PublicTicket = z.infer<typeof publicTicketSchema>;
export type LookupResult = z.infer<typeof lookupResultSchema>;
