import type { Database } from '@server/db/schema';
import type { Kysely } from 'kysely';

export interface AuditEntry {
  workspaceId: string;
  actorUserId: string | null;
  /** A dotted verb such as `user.created` or `auth.login_failed`. */
  action: string;
  targetType: string;
  targetId?: string | null;
  /** Never message bodies or passwords: ids, field names and before/after of settings only. */
  detail?: Record<string, unknown>;
  ip?: string | null;
}

/** Records who did what and when (seed 002: every action is traceable to a person and a time). */
export async function recordAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      workspace_id: entry.workspaceId,
      actor_user_id: entry.actorUserId,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
      ip: entry.ip ?? null,
    })
    .execute();
}
