import { principalOf } from '@server/auth/principal';
import type { Api, RouteDeps } from '@server/http/api';
import { problemSchema } from '@server/http/common-schema';
import { messageSchema } from '@server/tickets/schema';
import { loadThread } from '@server/tickets/thread';
import { z } from 'zod';
import { retryDelivery } from './deliveries';

export function registerOutboxRoutes(api: Api, { db, guards, outbox, realtime }: RouteDeps): void {
  api.post('/tickets/:id/messages/:messageId/retry-delivery', {
    schema: {
      tags: ['tickets'],
      summary: 'Send a failed reply again (same idempotency key, a fresh set of attempts)',
      params: z.object({ id: z.uuid(), messageId: z.uuid() }),
      response: { 200: messageSchema, 404: problemSchema, 409: problemSchema },
    },
    preHandler: guards.authorize('tickets', 'reply'),
    handler: async (request) => {
      const { workspaceId } = principalOf(request);
      const { id: ticketId, messageId } = request.params;
      await retryDelivery(db, { workspaceId, ticketId, messageId });
      outbox.wake();
      realtime.poke(workspaceId);
      const thread = await loadThread(db, { workspaceId, ticketId });
      return thread.find((message) => message.id === messageId) as NonNullable<(typeof thread)[number]>;
    },
  });
}
