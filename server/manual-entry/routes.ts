import { principalOf } from '@server/auth/principal';
import type { Api, RouteDeps } from '@server/http/api';
import { problemSchema } from '@server/http/common-schema';
import { registeredRequestSchema, registerRequestBody } from './schema';
import { registerRequest } from './service';

const tags = ['manual-entries'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema };

export function registerManualEntryRoutes(
  api: Api,
  { db, guards, vault, intake, realtime }: RouteDeps,
): void {
  api.post('/manual-entries', {
    schema: {
      tags,
      summary:
        'Register a request received in a store, at an exhibition, by letter, on a visit or by phone: it goes through intake like any channel message (a repeated idempotency key is answered as a duplicate)',
      body: registerRequestBody,
      response: { 201: registeredRequestSchema, 415: problemSchema, ...errors },
    },
    preHandler: guards.authorize('tickets', 'create'),
    handler: async (request, reply) => {
      const actor = principalOf(request);
      const registered = await registerRequest(db, { actor, entry: request.body, vault, intake });
      realtime.poke(actor.workspaceId);
      return reply.status(201).send(registered);
    },
  });
}
