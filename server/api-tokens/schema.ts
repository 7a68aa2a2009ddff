import { isoTimestamp } from '@server/http/common-schema';
import { ALL_PERMISSIONS, type Permission } from '@shared/permissions';
import { z } from 'zod';

const scope = z.enum(ALL_PERMISSIONS as [Permission, ...Permission[]]);

export const apiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The first characters of the token, to recognise it; the rest is never shown again. */
  prefix: z.string(),
  scopes: z.array(z.string()),
  createdBy: z.uuid(),
  expiresAt: isoTimestamp.nullable(),
  lastUsedAt: isoTimestamp.nullable(),
  revokedAt: isoTimestamp.nullable(),
  createdAt: isoTimestamp,
});

export const createApiTokenBody = z.object({
  name: z.string().trim().min(1).max(100),
  /** `resource:action` permissions; a token never exceeds its creator's role. */
  scopes: z.array(scope).min(1),
  expiresAt: isoTimestamp.nullable().optional(),
});

export const createdApiTokenSchema = apiTokenSchema.extend({
  /** The secret, shown only in this response. Send it as `Authorization: Bearer <token>`. */
  token: z.string(),
});
