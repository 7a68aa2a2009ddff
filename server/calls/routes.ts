import { principalOf } from '@server/auth/principal';
import type { Api, RouteDeps } from '@server/http/api';
import { problemSchema } from '@server/http/common-schema';
import { listCalls, lookUpCaller } from './call-history';
import { callMetrics } from './metrics';
import {
  callerQuery,
  callerSchema,
  callListSchema,
  callMetricsQuery,
  callMetricsSchema,
  listCallsQuery,
  logCallBody,
  loggedCallSchema,
} from './schema';
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
        "Record a phone call from a CTI/PBX or the call-log form on its customer's ticket (a redelivery is answered as a duplicate)",
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

  api.get('/calls', {
    schema: {
      tags,
      summary: 'Recent calls, newest first, of a customer or on a ticket (numbers masked)',
      querystring: listCallsQuery,
      response: { 200: callListSchema, ...errors },
    },
    preHandler: guards.authorize('tickets', 'read'),
    handler: async (request) => ({
      items: await listCalls(db, { workspaceId: principalOf(request).workspaceId, ...request.query }),
    }),
  });

  api.get('/calls/metrics', {
    schema: {
      tags,
      summary:
        'Phone service level over days of the workspace calendar: inbound calls answered, missed, and answered within the threshold (seed 003: 15 s)',
      querystring: callMetricsQuery,
      response: { 200: callMetricsSchema, ...errors },
    },
    preHandler: guards.authorize('tickets', 'read'),
    handler: async (request) =>
      callMetrics(db, { workspaceId: principalOf(request).workspaceId, ...request.query }),
  });

  api.get('/calls/caller', {
    schema: {
      tags,
      summary:
        'Who is calling: the customer with this number, their open and recent tickets, their last calls',
      querystring: callerQuery,
      response: { 200: callerSchema, ...errors },
    },
    preHandler: guards.authorize('tickets', 'read'),
    handler: async (request) =>
      lookUpCaller(db, { workspaceId: principalOf(request).workspaceId, vault, phone: request.query.phone }),
  });
}
