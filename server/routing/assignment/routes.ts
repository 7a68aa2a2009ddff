import { principalOf } from '@server/auth/principal';
import type { Api, RouteDeps } from '@server/http/api';
import { idParams, problemSchema, toIsoOrNull } from '@server/http/common-schema';
import { ticketDetailSchema } from '@server/tickets/schema';
import { presentTicketDetail } from '@server/tickets/thread';
import { setOwnPresence } from './presence';
import {
  agentParams,
  agentRoutingSchema,
  presenceBody,
  presenceSchema,
  routingTeamListSchema,
  routingTeamSchema,
  transferTicketBody,
  updateAgentRoutingBody,
  updateTeamRoutingBody,
} from './schema';
import { listRoutingTeams, updateAgentRouting, updateTeamRouting } from './team-routing';
import { transferTicket } from './transfer-ticket';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

/** Presence, team routing (strategy, skills, capacity) and ticket transfers. */
export function registerAssignmentRoutes(
  api: Api,
  { db, guards, vault, realtime, outbox, serviceLevels, routing }: RouteDeps,
): void {
  api.put('/me/presence', {
    schema: {
      tags: ['auth'],
      summary: 'Set my presence: online takes tickets by rotation, away and offline take none',
      body: presenceBody,
      response: { 200: presenceSchema, ...errors },
    },
    preHandler: guards.authenticated,
    handler: async (request) => {
      const { workspaceId, userId } = principalOf(request);
      const row = await setOwnPresence(db, { workspaceId, userId, presence: request.body.presence });
      return { presence: row.presence, presenceChangedAt: toIsoOrNull(row.presenceChangedAt) };
    },
  });

  api.get('/routing/teams', {
    schema: {
      tags: ['routing'],
      summary: "Teams with their strategy, required skills and members' presence, skills, capacity and load",
      response: { 200: routingTeamListSchema, ...errors },
    },
    preHandler: guards.authorize('routing', 'read'),
    handler: async (request) => ({
      items: await listRoutingTeams(db, { workspaceId: principalOf(request).workspaceId }),
    }),
  });

  api.put('/routing/teams/:id', {
    schema: {
      tags: ['routing'],
      summary: "Set a team's strategy, stickiness and required skills",
      params: idParams,
      body: updateTeamRoutingBody,
      response: { 200: routingTeamSchema, ...errors },
    },
    preHandler: guards.authorize('routing', 'manage'),
    handler: async (request) =>
      updateTeamRouting(db, {
        actor: principalOf(request),
        ip: request.ip,
        teamId: request.params.id,
        changes: request.body,
      }),
  });

  api.put('/routing/agents/:userId', {
    schema: {
      tags: ['routing'],
      summary: "Set an agent's skills and capacity (open tickets, concurrent chats)",
      params: agentParams,
      body: updateAgentRoutingBody,
      response: { 200: agentRoutingSchema, ...errors },
    },
    preHandler: guards.authorize('routing', 'manage'),
    handler: async (request) =>
      updateAgentRouting(db, {
        actor: principalOf(request),
        ip: request.ip,
        userId: request.params.userId,
        changes: request.body,
      }),
  });

  api.post('/tickets/:id/transfer', {
    schema: {
      tags: ['tickets'],
      summary: 'Transfer a ticket to another person or team, with the reason; the first owner stays',
      params: idParams,
      body: transferTicketBody,
      response: { 200: ticketDetailSchema, 409: problemSchema, 422: problemSchema, ...errors },
    },
    preHandler: guards.authorize('tickets', 'assign'),
    handler: async (request) => {
      const actor = principalOf(request);
      const row = await transferTicket(db, {
        actor,
        ticketId: request.params.id,
        ...request.body,
        vault,
        sla: serviceLevels.deps.tracker,
        routing,
      });
      realtime.poke(actor.workspaceId);
      outbox.wake();
      return presentTicketDetail(db, actor.workspaceId, row);
    },
  });
}
