import { z } from 'zod';

export const classificationBody = z.object({
  /** A type key of the workspace's taxonomy (GET /ticket-config). */
  type: z.string().trim().min(1).max(40),
  /** One of that type's sub-type keys, or null for the type alone. */
  subtype: z.string().trim().min(1).max(40).nullable().default(null),
  /** The ticket version the agent saw; a stale one gets 409. Left out: applies to the ticket as it is now. */
  version: z.number().int().optional(),
});
