import { isoTimestamp } from '@server/http/common-schema';
import { z } from 'zod';

// Digits with the usual separators, an optional + and an optional extension (ext. 12, #12, 转12, 分机12).
const PHONE_TEXT = /^\+?[\d\s().\-－]+(?:\s*(?:ext\.?|x|#|转|分机)\s*\d{1,6})?$/i;

const phoneNumber = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(PHONE_TEXT, 'A phone number: digits, spaces, dashes, brackets, an optional + and extension')
  .refine((value) => (value.match(/\d/g)?.length ?? 0) >= 3, 'At least three digits');

export const logCallBody = z.object({
  /** The CTI's id of the call; a redelivery with the same id is answered with the first result. */
  externalId: z.string().trim().min(1).max(200),
  /** `inbound`: the customer called (the customer is `caller`); `outbound`: an agent called (`callee`). */
  direction: z.enum(['inbound', 'outbound']),
  /** The calling number, in any usual form (010-12345678, (010) 1234 5678, +86 10 1234 5678, 13812345678). */
  caller: phoneNumber,
  /** The called number. */
  callee: phoneNumber,
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
