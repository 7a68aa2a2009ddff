import { z } from 'zod';

/** `/:id` path parameters: a UUID, so that a malformed id is a 404-shaped 400 rather than a database error. */
export const idParams = z.object({ id: z.uuid() });

/** Timestamps leave the API as ISO 8601 strings in UTC; the app shows them in the workspace time zone. */
export const isoTimestamp = z.iso.datetime({ offset: true });
export const toIso = (value: Date): string => value.toISOString();
export const toIsoOrNull = (value: Date | null): string | null => (value ? value.toISOString() : null);

/** The body of every error response (RFC 9457 problem details). */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string(),
  instance: z.string(),
  requestId: z.string(),
  errors: z
    .array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() }))
    .optional(),
});
