import { isoTimestamp } from '@server/http/common-schema';
import { LOCALES, ROLES } from '@shared/roles';
import { z } from 'zod';

const employeeNo = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9_-]+$/, 'Use letters, digits, - and _ only')
  .describe('Employee number 工号, shown in greetings to customers (seed 002)');

export const userSchema = z.object({
  id: z.uuid(),
  /** Login address; unique across all workspaces. */
  email: z.string(),
  name: z.string(),
  employeeNo: z.string().nullable(),
  role: z.enum(ROLES),
  department: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** Interface language the user chose; null follows the workspace default. */
  locale: z.enum(LOCALES).nullable(),
  active: z.boolean(),
  /** Set while repeated failed logins keep the account locked. */
  lockedUntil: isoTimestamp.nullable(),
  mustChangePassword: z.boolean(),
  passwordChangedAt: isoTimestamp,
  lastLoginAt: isoTimestamp.nullable(),
  createdAt: isoTimestamp,
});
export type UserJson = z.infer<typeof userSchema>;

export const listUsersQuery = z.object({
  /** Matches name, e-mail or employee number. */
  q: z.string().trim().max(100).optional(),
  role: z.enum(ROLES).optional(),
  departmentId: z.uuid().optional(),
  includeDeactivated: z.enum(['true', 'false']).default('false'),
});

export const createUserBody = z.object({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(100),
  employeeNo: employeeNo.optional(),
  role: z.enum(ROLES),
  departmentId: z.uuid().nullable().optional(),
  /** Initial password; the user must change it at first login. */
  password: z.string().min(1).max(256),
});

export const updateUserBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    employeeNo: employeeNo.nullable(),
    role: z.enum(ROLES),
    departmentId: z.uuid().nullable(),
    locale: z.enum(LOCALES).nullable(),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'Send at least one field to change');

export const resetPasswordBody = z.object({
  /** Temporary password; the user must change it at next login. */
  password: z.string().min(1).max(256),
});
