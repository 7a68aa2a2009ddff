import { isoTimestamp } from '@server/http/common-schema';
import { z } from 'zod';

// Digits with the usual separators, an optional + and an optional extension (ext. 12, #12, 转12, 分机12).
const PHONE_TEXT = /^\+?[\d\s().\-－]+(?:\s*(?:ext\.?|x|#|转|分机)\s*\d{1,6})?$/i;

export const phoneNumber = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(PHONE_TEXT, 'A phone number: digits, spaces, dashes, brackets, an optional + and extension')
  .refine((value) => (value.match(/\d/g)?.length ?? 0) >= 3, 'At least three digits');

const logCallFields = z.object({
  /** The CTI's id of the call (the call-log form makes one per form); a redelivery is answered with the first result. */
  externalId: z.string().trim().min(1).max(200),
  /** `inbound`: the customer called (the customer is `caller`); `outbound`: an agent called (`callee`). */
  direction: z.enum(['inbound', 'outbound']),
  /**
   * The calling number, in any usual form (010-12345678, (010) 1234 5678, +86 10 1234 5678, 13812345678). Required
   * for an inbound call; for an outbound one it is the workspace's line and may be left out (a call logged by hand).
   */
  caller: phoneNumber.optional(),
  /** The called number: required for an outbound call; for an inbound one the workspace's line, optional. */
  callee: phoneNumber.optional(),
  /** When the call started ringing. */
  startedAt: isoTimestamp,
  /** Seconds of ringing before someone answered; null when nobody did (a missed call). */
  answeredAfterSeconds: z.number().int().min(0).max(86_400).nullable(),
  /** Seconds of conversation (0 for a missed call). */
  durationSeconds: z.number().int().min(0).max(86_400),
  /** Where the recording can be listened to; https only. */
  recordingUrl: z
    .url({ protocol: /^https$/, message: 'An https URL' })
    .max(2000)
    .optional(),
  /** The agent who took or made the call, by employee number (工号) or user id. */
  agent: z
    .object({
      employeeNo: z.string().trim().min(1).max(40).optional(),
      userId: z.uuid().optional(),
    })
    .optional(),
  /** What was said, as the agent noted it; masked like any customer text and logged on the ticket. */
  notes: z.string().trim().max(20_000).optional(),
  /** The ticket the call is about; by default the customer's newest open ticket, or a new one. */
  ticketId: z.uuid().optional(),
  /** Open a new ticket for this call even when the customer has an open one (a new matter). */
  openNewTicket: z.boolean().optional(),
  /** A new ticket's subject; by default 来电/去电 and the masked number. Masked like any ticket text. */
  subject: z.string().trim().min(1).max(200).optional(),
});

export const logCallBody = logCallFields.superRefine((call, context) => {
  // The customer's side of the call is the one Kefu needs: it finds the customer.
  const customerSide = call.direction === 'inbound' ? 'caller' : 'callee';
  if (!call[customerSide]) {
    context.addIssue({
      code: 'custom',
      path: [customerSide],
      message: `The customer's number is required for an ${call.direction} call`,
    });
  }
  if (call.ticketId && call.openNewTicket) {
    context.addIssue({
      code: 'custom',
      path: ['openNewTicket'],
      message: 'Name a ticket or ask for a new one, not both',
    });
  }
});
export type LogCallBody = z.infer<typeof logCallBody>;

export const loggedCallSchema = z.object({
  callId: z.uuid(),
  ticketId: z.uuid(),
  /** Tell it to the customer (seed 001: 20231027001). */
  ticketNumber: z.string(),
  customerId: z.uuid().nullable(),
  /** `duplicate`: this externalId was recorded before; the ids are the first record's. */
  status: z.enum(['accepted', 'duplicate']),
});
export type LoggedCall = z.infer<typeof loggedCallSchema>;

const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;
const calendarDay = z
  .string()
  .regex(CALENDAR_DAY, 'A date: YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'Not a calendar date');
/** Days are counted in the workspace's time zone, so a year of them is the most one answer covers. */
const MAX_METRICS_DAYS = 366;
const dayNumber = (value: string) => Date.parse(`${value}T00:00:00Z`) / 86_400_000;

export const callMetricsQuery = z
  .object({
    /** The first day counted (YYYY-MM-DD in the workspace's time zone); today by default. */
    from: calendarDay.optional(),
    /** The last day counted, inclusive; `from` by default. */
    to: calendarDay.optional(),
    /** Seed 003: a phone call is answered within 15 s. */
    thresholdSeconds: z.coerce.number().int().min(1).max(600).default(15),
  })
  .superRefine((query, context) => {
    if (!query.from || !query.to) return;
    const days = dayNumber(query.to) - dayNumber(query.from);
    if (days < 0) context.addIssue({ code: 'custom', path: ['to'], message: 'Not before `from`' });
    if (days >= MAX_METRICS_DAYS)
      context.addIssue({ code: 'custom', path: ['to'], message: `At most ${MAX_METRICS_DAYS} days` });
  });

export const callMetricsSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** The zone the days were counted in (the workspace's). */
  timeZone: z.string(),
  calls: z.number().int(),
  inbound: z.number().int(),
  outbound: z.number().int(),
  /** Inbound calls someone answered. */
  answered: z.number().int(),
  /** Inbound calls nobody answered. */
  missed: z.number().int(),
  /** Inbound calls answered within `thresholdSeconds` of ringing. */
  answeredWithinThreshold: z.number().int(),
  thresholdSeconds: z.number().int(),
  /** answered / inbound; null without inbound calls. */
  answerRate: z.number().nullable(),
  /** answeredWithinThreshold / inbound (the seed's service level: missed calls count against it); null without inbound calls. */
  withinThresholdRate: z.number().nullable(),
  /** Mean ringing time of answered inbound calls, in seconds (one decimal); null when none was answered. */
  averageAnswerSeconds: z.number().nullable(),
});
export type CallMetrics = z.infer<typeof callMetricsSchema>;

export const listCallsQuery = z.object({
  /** Calls of this customer. */
  customerId: z.uuid().optional(),
  /** Calls on this ticket. */
  ticketId: z.uuid().optional(),
  /** Newest first; 20 by default. */
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const callSchema = z.object({
  id: z.uuid(),
  direction: z.enum(['inbound', 'outbound']),
  /** The customer's number, masked (139****5678); the original is sealed on the customer. */
  customerNumber: z.string(),
  /** The workspace's line, masked; empty when the call was logged without it. */
  line: z.string(),
  startedAt: isoTimestamp,
  answeredAfterSeconds: z.number().int().nullable(),
  durationSeconds: z.number().int(),
  /** Nobody answered (an inbound call to call back). */
  missed: z.boolean(),
  recordingUrl: z.string().nullable(),
  agent: z.object({ id: z.uuid(), name: z.string(), employeeNo: z.string().nullable() }).nullable(),
  /** The agent's notes, masked. */
  notes: z.string(),
  ticket: z.object({ id: z.uuid(), number: z.string(), subject: z.string() }),
  customerId: z.uuid().nullable(),
});
export type CallJson = z.infer<typeof callSchema>;
export const callListSchema = z.object({ items: z.array(callSchema) });

export const callerQuery = z.object({
  /** The caller's number as the agent typed it (138 0013 8000, 010-12345678, +86 10 1234 5678). */
  phone: phoneNumber,
});

const ticketSummarySchema = z.object({
  id: z.uuid(),
  number: z.string(),
  subject: z.string(),
  status: z.string(),
  channel: z.string(),
  priority: z.string(),
  receivedAt: isoTimestamp,
  lastActivityAt: isoTimestamp,
});
export type TicketSummaryJson = z.infer<typeof ticketSummarySchema>;

export const callerSchema = z.object({
  /** The typed number as Kefu writes it, masked: what the agent confirms with the caller. */
  number: z.string(),
  /** Null: nobody with this number yet (logging the call creates the customer). */
  customer: z
    .object({
      id: z.uuid(),
      /** CUS + date + serial. */
      number: z.string(),
      name: z.string(),
      /** Masked. */
      phone: z.string().nullable(),
      tier: z.string(),
    })
    .nullable(),
  /** Not yet resolved or closed, newest first: the tickets a call may be about. */
  openTickets: z.array(ticketSummarySchema),
  /** Resolved or closed, newest first. */
  recentTickets: z.array(ticketSummarySchema),
  recentCalls: z.array(callSchema),
});
export type CallerJson = z.infer<typeof callerSchema>;
