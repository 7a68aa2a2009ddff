import { principalOf } from '@server/auth/principal';
import type { Api, RouteDeps } from '@server/http/api';
import { problemSchema } from '@server/http/common-schema';
import { logCallBody, loggedCallSchema } from './schema';
import { logCall } from './service';

const tags = ['calls'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

export function registerCallRoutes(
  api: Api,
  { db, guards, vault, realtime, outbox, serviceLevels, routing }: RouteDeps,
): void {
  const sla = serviceLevels.deps.tracker;

  api.post('/calls', {
    schema: {
      tags,
      summary:
        "Record a phone call from a CTI/PBX on its customer's ticket (a redelivery is answered as a duplicate)",
      body: logCallBody,
      response: { 201: loggedCallSchema, 409: problemSchema, 422: problemSchema, ...errors },
    },
    preHandler: guards.authorize('tickets', 'create'),
    handler: async (request, reply) => {
      const actor = principalOf(request);
      const logged = await logCall(db, { actor, call: request.body, vault, sla, routing });
      if (logged.status === 'accepted') {
        realtime.poke(actor.workspaceId);
        outbox.wake();
      }
      return reply.status(201).send(logged);
    },
  });
}
