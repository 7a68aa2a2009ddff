import { isoTimestamp } from '@server/http/common-schema';
import { z } from 'zod';

export const departmentSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  /** Active users whose department this is. */
  memberCount: z.number().int(),
  createdAt: isoTimestamp,
});
export type DepartmentJson = z.infer<typeof departmentSchema>;

export const createDepartmentBody = z.object({
  name: z.string().trim().min(1).max(60),
  description: z.string().trim().max(500).default(''),
});

export const updateDepartmentBody = createDepartmentBody
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'Send at least one field to change');
