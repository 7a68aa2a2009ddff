import { isoTimestamp } from '@server/http/common-schema';
import { userSchema } from '@server/users/schema';
import { LOCALES } from '@shared/roles';
import { PRESENCE_STATES } from '@shared/routing';
import { z } from 'zod';

export const loginBody = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(256),
});

export const meSchema = z.object({
  user: userSchema,
  workspace: z.object({
    id: z.uuid(),
    name: z.string(),
    timeZone: z.string(),
    defaultLocale: z.enum(LOCALES),
    isDemo: z.boolean(),
  }),
  /** `resource:action` pairs this user (or token) may use; the app hides the rest. */
  permissions: z.array(z.string()),
  /** Echo this in the `X-CSRF-Token` header of every write made with the session cookie. */
  csrfToken: z.string().nullable(),
  /** True when the password is older than the workspace's rotation period (seed 002) or was set by an admin. */
  passwordChangeDue: z.boolean(),
  sessionExpiresAt: isoTimestamp.nullable(),
  /** The caller's presence (在线/离开/离线): automatic assignment picks only online people. */
  presence: z.enum(PRESENCE_STATES),
});
export type MeJson = z.infer<typeof meSchema>;

export const updateMeBody = z
  .object({ name: z.string().trim().min(1).max(100), locale: z.enum(LOCALES).nullable() })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'Send at least one field to change');

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});
