import type { apiTokenSchema, createApiTokenBody, createdApiTokenSchema } from '@server/api-tokens/schema';
import type { MeJson } from '@server/auth/schema';
import type { createDepartmentBody, DepartmentJson } from '@server/departments/schema';
import type { createUserBody, UserJson, updateUserBody } from '@server/users/schema';
import type { updateWorkspaceBody, WorkspaceJson } from '@server/workspaces/schema';
import type { z } from 'zod';

// The server's zod schemas are the contract; the app borrows their types and never their code.
export type Me = MeJson;
export type User = UserJson;
export type Department = DepartmentJson;
export type Workspace = WorkspaceJson;
export type WorkspaceSettings = Workspace['settings'];
export type ApiToken = z.infer<typeof apiTokenSchema>;
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;

export type CreateUserInput = z.input<typeof createUserBody>;
export type UpdateUserInput = Omit<z.input<typeof updateUserBody>, 'locale'>;
export type DepartmentInput = z.input<typeof createDepartmentBody>;
export type UpdateWorkspaceInput = z.input<typeof updateWorkspaceBody>;
export type CreateApiTokenInput = z.input<typeof createApiTokenBody>;

/** One audit log entry, as `GET /audit-events` returns it (the schema is private to the route). */
export interface AuditEvent {
  id: number;
  action: string;
  actor: { id: string; name: string } | null;
  targetType: string;
  targetId: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
  createdAt: string;
}

export interface AuditPage {
  items: AuditEvent[];
  nextBefore: number | null;
}

export interface ListUsersFilter {
  q?: string;
  role?: User['role'];
  departmentId?: string;
  includeDeactivated: boolean;
}
