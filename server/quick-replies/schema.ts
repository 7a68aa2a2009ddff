import { isoTimestamp } from '@server/http/common-schema';
import { z } from 'zod';

export const QUICK_REPLY_SHORTCUT = /^[a-z0-9_-]{1,20}$/;

export const quickReplySchema = z.object({
  id: z.uuid(),
  /** What the agent picks from the list. */
  title: z.string(),
  /** The text that goes into the composer. */
  body: z.string(),
  /** Typing `/shortcut` in the composer fills the body in; null when the reply has none. */
  shortcut: z.string().nullable(),
  /** Order in the list (0 first). */
  position: z.number().int(),
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
});
export type QuickReplyJson = z.infer<typeof quickReplySchema>;

export const quickReplyListSchema = z.object({ items: z.array(quickReplySchema) });

const shortcutField = z
  .string()
  .trim()
  .toLowerCase()
  .regex(QUICK_REPLY_SHORTCUT, 'Use 1–20 lowercase letters, digits, - or _')
  .nullable();

export const createQuickReplyBody = z.object({
  title: z.string().trim().min(1).max(60),
  body: z.string().trim().min(1).max(2000),
  /** Optional; empty means none. */
  shortcut: z.preprocess((value) => (value === '' ? null : value), shortcutField).default(null),
});
export type CreateQuickReplyBody = z.infer<typeof createQuickReplyBody>;

export const updateQuickReplyBody = z
  .object({
    title: z.string().trim().min(1).max(60),
    body: z.string().trim().min(1).max(2000),
    shortcut: z.preprocess((value) => (value === '' ? null : value), shortcutField),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'Send at least one field to change');
export type UpdateQuickReplyBody = z.infer<typeof updateQuickReplyBody>;

export const quickReplyOrderBody = z.object({
  /** Every quick reply id of the workspace, in the new order. */
  ids: z.array(z.uuid()).max(1000),
});
