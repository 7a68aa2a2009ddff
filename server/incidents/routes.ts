import { type Principal, principalOf } from '@server/auth/principal';
import type { Api, RouteDeps } from '@server/http/api';
import { idParams, problemSchema } from '@server/http/common-schema';
import { notFound } from '@server/http/problem';
import { type BroadcastKind, broadcastIncidentMessage } from './broadcast';
import { openIncident } from './open-incident';
import { presentIncident, presentIncidentDetail } from './presenter';
import { listIncidentRows, loadIncidentRow, loadIncidentTicketRows } from './repo';
import {
  broadcastResultSchema,
  holdingReplyBody,
  incidentDetailSchema,
  incidentListQuery,
  incidentListSchema,
  openIncidentBody,
  resolveIncidentBody,
} from './schema';

const tags = ['incidents'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

/** Emergency mode (seed 002): incidents, their tickets, the holding reply and the resolution broadcast. */
export function registerIncidentRoutes(
  api: Api,
  { db, guards, vault, realtime, outbox, serviceLevels }: RouteDeps,
): void {
  const sla = serviceLevels.deps.tracker;
  const detail = async (workspaceId: string, incidentId: string) => {
    const [row, tickets] = await Promise.all([
      loadIncidentRow(db, { workspaceId, incidentId }),
      loadIncidentTicketRows(db, { workspaceId, incidentId }),
    ]);
    if (!row) throw notFound('Incident');
    return presentIncidentDetail(row, tickets);
  };
  const broadcast = async (actor: Principal, incidentId: string, kind: BroadcastKind, text: string) => {
    const result = await broadcastIncidentMessage(db, { actor, incidentId, kind, text, vault, sla });
    realtime.poke(actor.workspaceId);
    if (result.queued) outbox.wake();
    return { sent: result.sent, incident: await detail(actor.workspaceId, incidentId) };
  };

  api.get('/incidents', {
    schema: {
      tags,
      summary: 'Incidents, open ones first, with their ticket counts',
      querystring: incidentListQuery,
      response: { 200: incidentListSchema, ...errors },
    },
    preHandler: guards.authorize('incidents', 'read'),
    handler: async (request) => {
      const { workspaceId } = principalOf(request);
      const rows = await listIncidentRows(db, { workspaceId, ...request.query });
      return { items: rows.map(presentIncident) };
    },
  });

  api.get('/incidents/:id', {
    schema: {
      tags,
      summary: 'An incident with its tickets and whether each got the holding reply and the resolution',
      params: idParams,
      response: { 200: incidentDetailSchema, ...errors },
    },
    preHandler: guards.authorize('incidents', 'read'),
    handler: async (request) => detail(principalOf(request).workspaceId, request.params.id),
  });

  api.post('/incidents', {
    schema: {
      tags,
      summary: "Declare an incident by hand; the last day's open tickets using its keywords join it",
      body: openIncidentBody,
      response: { 201: incidentDetailSchema, 409: problemSchema, 422: problemSchema, ...errors },
    },
    preHandler: guards.authorize('incidents', 'manage'),
    handler: async (request, reply) => {
      const actor = principalOf(request);
      const incidentId = await openIncident(db, { actor, ...request.body });
      realtime.poke(actor.workspaceId);
      return reply.status(201).send(await detail(actor.workspaceId, incidentId));
    },
  });

  api.post('/incidents/:id/holding-reply', {
    schema: {
      tags,
      summary: 'Send the holding reply to every linked ticket that has not had it (once each)',
      params: idParams,
      body: holdingReplyBody,
      response: { 200: broadcastResultSchema, 409: problemSchema, 422: problemSchema, ...errors },
    },
    preHandler: guards.authorize('incidents', 'manage'),
    handler: async (request) =>
      broadcast(principalOf(request), request.params.id, 'holding', request.body.body),
  });

  api.post('/incidents/:id/resolve', {
    schema: {
      tags,
      summary: 'Resolve the incident and broadcast the resolution to its tickets (once each)',
      params: idParams,
      body: resolveIncidentBody,
      response: { 200: broadcastResultSchema, 409: problemSchema, 422: problemSchema, ...errors },
    },
    preHandler: guards.authorize('incidents', 'manage'),
    handler: async (request) =>
      broadcast(principalOf(request), request.params.id, 'resolution', request.body.resolution),
  });
}
