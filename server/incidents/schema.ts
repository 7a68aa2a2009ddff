import { isoTimestamp } from '@server/http/common-schema';
import { ticketSummarySchema } from '@server/routing/duplicates/schema';
import { z } from 'zod';

const person = z.object({ id: z.uuid(), name: z.string() }).nullable();

export const incidentSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  /** `open` until resolved (with the resolution broadcast). */
  status: z.enum(['open', 'resolved']),
  /** The words that make a ticket part of it; new tickets covering enough of them link automatically. */
  signature: z.array(z.string()),
  openedAt: isoTimestamp,
  /** Null: opened automatically by a surge of similar tickets. */
  openedBy: person,
  resolvedAt: isoTimestamp.nullable(),
  resolvedBy: person,
  /** The holding reply sent to every ticket, and to tickets linking later. */
  holdingReply: z.string().nullable(),
  holdingReplyAt: isoTimestamp.nullable(),
  resolution: z.string().nullable(),
  ticketCount: z.number().int(),
  /** Tickets that got the holding reply / the resolution. */
  holdingSentCount: z.number().int(),
  resolutionSentCount: z.number().int(),
});
export type IncidentJson = z.infer<typeof incidentSchema>;

export const incidentTicketSchema = ticketSummarySchema.extend({
  linkedAt: isoTimestamp,
  holdingSent: z.boolean(),
  resolutionSent: z.boolean(),
});

export const incidentDetailSchema = incidentSchema.extend({
  /** Linked tickets in the order they joined. */
  tickets: z.array(incidentTicketSchema),
});
export type IncidentDetailJson = z.infer<typeof incidentDetailSchema>;

export const incidentListQuery = z.object({
  /** Only open or only resolved incidents; both (open first) when absent. */
  status: z.enum(['open', 'resolved']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const incidentListSchema = z.object({ items: z.array(incidentSchema) });

export const openIncidentBody = z.object({
  /** What the agents and the incident page call it: "APP 登录闪退". */
  title: z.string().trim().min(1).max(200),
  /** Words of the complaints it gathers (闪退, 登录); the open tickets of the last day that use them join it. */
  keywords: z.array(z.string().trim().min(1).max(50)).min(1).max(20),
});

export const holdingReplyBody = z.object({
  /** Sent once to every linked ticket that is not closed ("我们正在紧急处理…"), and to tickets linking later. */
  body: z.string().trim().min(1).max(2000),
});

export const resolveIncidentBody = z.object({
  /** Broadcast once to every linked ticket that is not closed. */
  resolution: z.string().trim().min(1).max(2000),
});

export const broadcastResultSchema = z.object({
  /** Tickets that got the message now (0 when each had it already). */
  sent: z.number().int(),
  incident: incidentDetailSchema,
});
