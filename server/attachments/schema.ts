import { isoTimestamp } from '@server/http/common-schema';
import { z } from 'zod';

export const attachmentSchema = z.object({
  id: z.uuid(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  /** The message it was sent with; null while it is only uploaded. */
  messageId: z.uuid().nullable(),
  /** Download address; needs the same login as the ticket. */
  url: z.string(),
  createdAt: isoTimestamp,
});
