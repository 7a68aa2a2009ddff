import { principalOf } from '@server/auth/principal';
import type { Api, RouteDeps } from '@server/http/api';
import { idParams, problemSchema } from '@server/http/common-schema';
import { ticketDetailSchema } from '@server/tickets/schema';
import { presentTicketDetail } from '@server/tickets/thread';
import { confirmTicketType } from './confirm-type';
import { classificationBody } from './schema';

const tags = ['tickets'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

export function registerClassifierRoutes(
  api: Api,
  { db, guards, realtime, outbox, serviceLevels, routing }: RouteDeps,
): void {
  const sla = serviceLevels.deps.tracker;

  api.post('/tickets/:id/classification', {
    schema: {
      tags,
      summary:
        "Confirm or correct the ticket's type (the suggestion's verdict goes to the timeline); teaches the classifier",
      params: idParams,
      body: classificationBody,
      response: { 200: ticketDetailSchema, 409: problemSchema, 422: problemSchema, ...errors },
    },
    preHandler: guards.authorize('tickets', 'update'),
    handler: async (request) => {
      const actor = principalOf(request);
      const row = await confirmTicketType(db, {
        actor,
        ticketId: request.params.id,
        ...request.body,
        sla,
        routing,
      });
      realtime.poke(actor.workspaceId);
      // A ticket_updated rule may have queued a message to the customer.
      outbox.wake();
      return presentTicketDetail(db, actor.workspaceId, row);
    },
  });
}
