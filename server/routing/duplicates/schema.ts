import { isoTimestamp } from '@server/http/common-schema';
import { TICKET_STATUSES } from '@shared/tickets';
import { z } from 'zod';

/** A ticket as a line in a list (suggested merges, an incident's tickets). */
export const ticketSummarySchema = z.object({
  id: z.uuid(),
  /** The ticket number the customer was told. */
  number: z.string(),
  subject: z.string(),
  status: z.enum(TICKET_STATUSES),
  /** The channel it came through. */
  channel: z.string(),
  customer: z.object({ id: z.uuid(), number: z.string(), name: z.string() }).nullable(),
  createdAt: isoTimestamp,
});
export type TicketSummaryJson = z.infer<typeof ticketSummarySchema>;

export const mergeSuggestionSchema = z.object({
  /** The older open ticket this one probably repeats; merge with `POST /tickets/{candidate.id}/merge`. */
  candidate: ticketSummarySchema,
  /**
   * 0–1: text similarity, raised by a shared order number. The same customer's requests merge automatically from
   * the workspace's setting on; another customer's (a shared order number) are only ever suggested.
   */
  score: z.number(),
  /** Both tickets belong to the same customer record. */
  sameCustomer: z.boolean(),
  /** Order numbers both tickets name. */
  sharedOrderNumbers: z.array(z.string()),
  suggestedAt: isoTimestamp,
});
export type MergeSuggestionJson = z.infer<typeof mergeSuggestionSchema>;

export const mergeSuggestionListSchema = z.object({ items: z.array(mergeSuggestionSchema) });

export const suggestionParams = z.object({
  /** The ticket the suggestion shows on (the newer one). */
  id: z.uuid(),
  /** The suggested older ticket. */
  candidateId: z.uuid(),
});
