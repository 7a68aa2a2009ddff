import { LOCALES } from '@shared/roles';
import { z } from 'zod';

const timeZone = z.string().refine((value) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}, 'Unknown IANA time zone');

export const workspaceSettingsSchema = z.object({
  sessionIdleMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60),
  sessionLifetimeHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
  /** 0 turns the rotation reminder off. */
  passwordRotationDays: z.number().int().min(0).max(365),
  lockoutThreshold: z.number().int().min(3).max(20),
  lockoutMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
});

export const workspaceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  /** Ticket numbers, working days and reports follow this zone. */
  timeZone: z.string(),
  defaultLocale: z.enum(LOCALES),
  isDemo: z.boolean(),
  settings: workspaceSettingsSchema,
});
export type WorkspaceJson = z.infer<typeof workspaceSchema>;

export const updateWorkspaceBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    timeZone,
    defaultLocale: z.enum(LOCALES),
    settings: workspaceSettingsSchema.partial(),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'Send at least one field to change');
