import { isoTimestamp } from '@server/http/common-schema';
import { z } from 'zod';

export const privacyJobSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['export']),
  /** The customer whose data is exported. */
  customerId: z.uuid().nullable(),
  status: z.enum(['running', 'completed', 'failed']),
  /** Tickets written so far, of `total`. */
  processed: z.number().int(),
  total: z.number().int(),
  /** Why the job failed; never personal data. */
  error: z.string().nullable(),
  createdAt: isoTimestamp,
  finishedAt: isoTimestamp.nullable(),
  /** Where to download the archive once completed; null before, and after it expired or the customer was erased. */
  downloadUrl: z.string().nullable(),
});

export const erasureBody = z.object({
  /** The customer's number (CUS…), typed by the admin as confirmation. */
  confirmNumber: z.string().trim().min(1).max(40),
});

export const erasureSchema = z.object({
  customerNumber: z.string(),
  /** Tickets whose texts were erased (the tickets stay, for statistics). */
  tickets: z.number().int(),
  messages: z.number().int(),
  /** Files deleted. */
  attachments: z.number().int(),
  /** Call records whose number, notes and recording link were erased (their times stay, for the phone SLA). */
  calls: z.number().int(),
  erasedAt: isoTimestamp,
});

export const retentionRunBody = z.object({
  /** The dry run's cutoff: the run anonymises exactly what the dry run counted. */
  cutoff: isoTimestamp,
});

export const retentionSchema = z.object({
  retentionMonths: z.number().int(),
  /** Messages written and tickets received before this moment are anonymised. */
  cutoff: isoTimestamp,
  messages: z.number().int(),
  ticketDescriptions: z.number().int(),
  /** Files sent with those messages, deleted. */
  attachments: z.number().int(),
});
