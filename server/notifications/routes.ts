import { principalOf } from '@server/auth/principal';
import type { Api, RouteDeps } from '@server/http/api';
import { idParams, problemSchema, toIso, toIsoOrNull } from '@server/http/common-schema';
import { z } from 'zod';
import { listNotifications, markAllNotificationsRead, markNotificationRead } from './service';

const tags = ['notifications'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

const notificationSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  ticketId: z.uuid().nullable(),
  data: z.record(z.string(), z.unknown()),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});

/** Each person's own notifications (SLA warnings, breaches, escalations, explanations owed). */
export function registerNotificationRoutes(api: Api, { db, guards }: RouteDeps): void {
  api.get('/notifications', {
    schema: {
      tags,
      summary: 'List my notifications, newest first',
      querystring: z.object({
        unread: z.stringbool().optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
      response: {
        200: z.object({ items: z.array(notificationSchema), unreadCount: z.number().int() }),
        ...errors,
      },
    },
    preHandler: guards.authorize('notifications', 'read'),
    handler: async (request) => {
      const { workspaceId, userId } = principalOf(request);
      const result = await listNotifications(db, {
        workspaceId,
        userId,
        unreadOnly: request.query.unread ?? false,
        limit: request.query.limit,
      });
      return {
        unreadCount: result.unreadCount,
        items: result.items.map((row) => ({
          id: row.id,
          kind: row.kind,
          ticketId: row.ticket_id,
          data: row.data,
          readAt: toIsoOrNull(row.read_at),
          createdAt: toIso(row.created_at),
        })),
      };
    },
  });

  api.post('/notifications/:id/read', {
    schema: {
      tags,
      summary: 'Mark one notification read',
      params: idParams,
      response: { 204: z.null(), ...errors },
    },
    preHandler: guards.authorize('notifications', 'read'),
    handler: async (request, reply) => {
      const { workspaceId, userId } = principalOf(request);
      await markNotificationRead(db, { workspaceId, userId, id: request.params.id });
      return reply.code(204).send(null);
    },
  });

  api.post('/notifications/read-all', {
    schema: { tags, summary: 'Mark all my notifications read', response: { 204: z.null(), ...errors } },
    preHandler: guards.authorize('notifications', 'read'),
    handler: async (request, reply) => {
      const { workspaceId, userId } = principalOf(request);
      await markAllNotificationsRead(db, { workspaceId, userId });
      return reply.code(204).send(null);
    },
  });
}
