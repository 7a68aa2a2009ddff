import { principalOf } from '@server/auth/principal';
import { escapeLike } from '@server/db/like';
import type { Api, RouteDeps } from '@server/http/api';
import { isoTimestamp, problemSchema } from '@server/http/common-schema';
import { z } from 'zod';

const auditEventSchema = z.object({
  id: z.number().int(),
  action: z.string(),
  actor: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  createdAt: isoTimestamp,
});

const listAuditQuery = z.object({
  /** Return events older than this id (the `nextBefore` of the previous page). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** One action (`pii.revealed`), or every action under a prefix ending with a dot (`pii.`). */
  action: z.string().trim().min(1).max(100).optional(),
  actorId: z.uuid().optional(),
  targetType: z.string().trim().min(1).max(50).optional(),
  targetId: z.string().trim().min(1).max(100).optional(),
  /** Events at or after this time. */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Events before this time. */
  to: z.iso.datetime({ offset: true }).optional(),
});

export function registerAuditRoutes(api: Api, { db, guards }: RouteDeps): void {
  api.get('/audit-events/actions', {
    schema: {
      tags: ['audit'],
      summary: 'The actions present in the audit log, for its filter',
      response: { 200: z.object({ actions: z.array(z.string()) }), 401: problemSchema, 403: problemSchema },
    },
    preHandler: guards.authorize('audit_log', 'read'),
    handler: async (request) => {
      const rows = await db
        .selectFrom('audit_events')
        .select('action')
        .distinct()
        .where('workspace_id', '=', principalOf(request).workspaceId)
        .orderBy('action')
        .execute();
      return { actions: rows.map((row) => row.action) };
    },
  });

  api.get('/audit-events', {
    schema: {
      tags: ['audit'],
      summary: 'Who did what and when, newest first',
      querystring: listAuditQuery,
      response: {
        200: z.object({ items: z.array(auditEventSchema), nextBefore: z.number().nullable() }),
        401: problemSchema,
        403: problemSchema,
      },
    },
    preHandler: guards.authorize('audit_log', 'read'),
    handler: async (request) => {
      const { workspaceId } = principalOf(request);
      let query = db
        .selectFrom('audit_events')
        .leftJoin('users', (join) =>
          join
            .onRef('users.id', '=', 'audit_events.actor_user_id')
            .onRef('users.workspace_id', '=', 'audit_events.workspace_id'),
        )
        .select([
          'audit_events.id',
          'audit_events.action',
          'audit_events.actor_user_id',
          'users.name as actor_name',
          'audit_events.target_type',
          'audit_events.target_id',
          'audit_events.detail',
          'audit_events.ip',
          'audit_events.created_at',
        ])
        .where('audit_events.workspace_id', '=', workspaceId)
        .orderBy('audit_events.id', 'desc')
        .limit(request.query.limit);
      const { before, action, actorId, targetType, targetId, from, to } = request.query;
      if (before) query = query.where('audit_events.id', '<', before);
      if (action)
        query = action.endsWith('.')
          ? query.where('audit_events.action', 'like', `${escapeLike(action)}%`)
          : query.where('audit_events.action', '=', action);
      if (actorId) query = query.where('audit_events.actor_user_id', '=', actorId);
      if (targetType) query = query.where('audit_events.target_type', '=', targetType);
      if (targetId) query = query.where('audit_events.target_id', '=', targetId);
      if (from) query = query.where('audit_events.created_at', '>=', new Date(from));
      if (to) query = query.where('audit_events.created_at', '<', new Date(to));
      const rows = await query.execute();
      return {
        items: rows.map((row) => ({
          id: row.id,
          action: row.action,
          actor: row.actor_user_id && row.actor_name ? { id: row.actor_user_id, name: row.actor_name } : null,
          targetType: row.target_type,
          targetId: row.target_id,
          detail: row.detail,
          ip: row.ip,
          createdAt: row.created_at.toISOString(),
        })),
        nextBefore: rows.length === request.query.limit ? (rows.at(-1)?.id ?? null) : null,
      };
    },
  });
}
