import { principalOf } from '@server/auth/principal';
import type { Api, RouteDeps } from '@server/http/api';
import { idParams, problemSchema } from '@server/http/common-schema';
import { z } from 'zod';
import {
  createQuickReplyBody,
  quickReplyListSchema,
  quickReplyOrderBody,
  quickReplySchema,
  updateQuickReplyBody,
} from './schema';
import {
  createQuickReply,
  deleteQuickReply,
  listQuickReplies,
  presentQuickReply,
  reorderQuickReplies,
  updateQuickReply,
} from './service';

const tags = ['quick-replies'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

/** Quick replies: every agent reads them in the composer; admins and supervisors keep the list. */
export function registerQuickReplyRoutes(api: Api, { db, guards }: RouteDeps): void {
  const list = async (workspaceId: string) => ({
    items: (await listQuickReplies(db, workspaceId)).map(presentQuickReply),
  });

  api.get('/quick-replies', {
    schema: {
      tags,
      summary: 'Quick replies in list order',
      response: { 200: quickReplyListSchema, ...errors },
    },
    preHandler: guards.authorize('quick_replies', 'read'),
    handler: async (request) => list(principalOf(request).workspaceId),
  });

  api.post('/quick-replies', {
    schema: {
      tags,
      summary: 'Add a quick reply at the end of the list',
      body: createQuickReplyBody,
      response: { 201: quickReplySchema, 409: problemSchema, ...errors },
    },
    preHandler: guards.authorize('quick_replies', 'manage'),
    handler: async (request, reply) => {
      const row = await createQuickReply(db, {
        actor: principalOf(request),
        ip: request.ip,
        reply: request.body,
      });
      return reply.status(201).send(presentQuickReply(row));
    },
  });

  api.patch('/quick-replies/:id', {
    schema: {
      tags,
      summary: 'Change a quick reply',
      params: idParams,
      body: updateQuickReplyBody,
      response: { 200: quickReplySchema, 409: problemSchema, ...errors },
    },
    preHandler: guards.authorize('quick_replies', 'manage'),
    handler: async (request) => {
      const row = await updateQuickReply(db, {
        actor: principalOf(request),
        ip: request.ip,
        quickReplyId: request.params.id,
        changes: request.body,
      });
      return presentQuickReply(row);
    },
  });

  api.delete('/quick-replies/:id', {
    schema: {
      tags,
      summary: 'Delete a quick reply',
      params: idParams,
      response: { 204: z.null(), ...errors },
    },
    preHandler: guards.authorize('quick_replies', 'manage'),
    handler: async (request, reply) => {
      await deleteQuickReply(db, {
        actor: principalOf(request),
        ip: request.ip,
        quickReplyId: request.params.id,
      });
      return reply.status(204).send(null);
    },
  });

  api.put('/quick-replies/order', {
    schema: {
      tags,
      summary: 'Reorder the quick replies (every id, in the new order)',
      body: quickReplyOrderBody,
      response: { 200: quickReplyListSchema, 422: problemSchema, ...errors },
    },
    preHandler: guards.authorize('quick_replies', 'manage'),
    handler: async (request) => {
      const actor = principalOf(request);
      await reorderQuickReplies(db, { actor, ip: request.ip, ids: request.body.ids });
      return list(actor.workspaceId);
    },
  });
}
