import { principalOf } from '@server/auth/principal';
import type { Api, RouteDeps } from '@server/http/api';
import { idParams, problemSchema } from '@server/http/common-schema';
import { notFound } from '@server/http/problem';
import { z } from 'zod';
import { addTicketMessage } from './add-message';
import { createTicket } from './create-ticket';
import { listTickets } from './list-tickets';
import { mergeTickets } from './merge-tickets';
import { loadTicket, type TicketWithRefs } from './repo';
import {
  addMessageBody,
  createTicketBody,
  listTicketsQuery,
  mergeTicketsBody,
  messageSchema,
  ticketDetailSchema,
  ticketListSchema,
  updateTicketBody,
} from './schema';
import { loadThread, presentTicketDetail } from './thread';
import { getTicketConfig } from './ticket-config';
import { updateTicket } from './update-ticket';

const tags = ['tickets'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

export function registerTicketRoutes(
  api: Api,
  { db, guards, vault, realtime, outbox, serviceLevels, routing }: RouteDeps,
): void {
  const sla = serviceLevels.deps.tracker;
  const detail = (workspaceId: string, row: TicketWithRefs) => presentTicketDetail(db, workspaceId, row);

  api.get('/tickets', {
    schema: {
      tags,
      summary: 'The inbox: saved views, filters, search (q), sorting, cursor pages',
      querystring: listTicketsQuery,
      response: { 200: ticketListSchema, ...errors },
    },
    preHandler: guards.authorize('tickets', 'read'),
    handler: async (request) => listTickets(db, { actor: principalOf(request), query: request.query, vault }),
  });

  api.post('/tickets', {
    schema: {
      tags,
      summary: 'Register a request as a numbered ticket',
      body: createTicketBody,
      response: { 201: ticketDetailSchema, 422: problemSchema, ...errors },
    },
    preHandler: guards.authorize('tickets', 'create'),
    handler: async (request, reply) => {
      const actor = principalOf(request);
      const row = await createTicket(db, { actor, ticket: request.body, vault, sla, routing });
      outbox.wake();
      realtime.poke(actor.workspaceId);
      return reply.status(201).send(await detail(actor.workspaceId, row));
    },
  });

  api.get('/tickets/:id', {
    schema: {
      tags,
      summary: 'A ticket with its thread and timeline; a merged ticket names the one it went into',
      params: idParams,
      response: { 200: ticketDetailSchema, ...errors },
    },
    preHandler: guards.authorize('tickets', 'read'),
    handler: async (request) => {
      const { workspaceId } = principalOf(request);
      const row = await loadTicket(db, { workspaceId, ticketId: request.params.id });
      if (!row) throw notFound('Ticket');
      return detail(workspaceId, row);
    },
  });

  api.patch('/tickets/:id', {
    schema: {
      tags,
      summary: 'Change fields, status or owner; send the version you read',
      params: idParams,
      body: updateTicketBody,
      response: { 200: ticketDetailSchema, 409: problemSchema, 422: problemSchema, ...errors },
    },
    preHandler: guards.authorize('tickets', 'update'),
    handler: async (request) => {
      const actor = principalOf(request);
      const { version, ...changes } = request.body;
      const row = await updateTicket(db, {
        actor,
        ticketId: request.params.id,
        version,
        changes,
        vault,
        sla,
        routing,
      });
      realtime.poke(actor.workspaceId);
      outbox.wake();
      return detail(actor.workspaceId, row);
    },
  });

  api.post('/tickets/:id/messages', {
    schema: {
      tags,
      summary: 'Reply to the customer, add an internal note, or log a customer message',
      params: idParams,
      body: addMessageBody,
      response: { 201: messageSchema, 409: problemSchema, ...errors },
    },
    preHandler: guards.authorize('tickets', 'reply'),
    handler: async (request, reply) => {
      const actor = principalOf(request);
      const message = await addTicketMessage(db, {
        actor,
        ticketId: request.params.id,
        ...request.body,
        vault,
        sla,
      });
      realtime.poke(actor.workspaceId);
      if (message.queuedForDelivery) outbox.wake();
      const thread = await loadThread(db, { workspaceId: actor.workspaceId, ticketId: request.params.id });
      return reply.status(201).send(thread.find((m) => m.id === message.id) as (typeof thread)[number]);
    },
  });

  api.post('/tickets/:id/merge', {
    schema: {
      tags,
      summary: 'Merge other tickets (the same request from other channels) into this one',
      params: idParams,
      body: mergeTicketsBody,
      response: { 200: ticketDetailSchema, 409: problemSchema, 422: problemSchema, ...errors },
    },
    preHandler: guards.authorize('tickets', 'merge'),
    handler: async (request) => {
      const actor = principalOf(request);
      const row = await mergeTickets(db, {
        actor,
        ip: request.ip,
        targetTicketId: request.params.id,
        sourceTicketIds: request.body.sourceTicketIds,
        sla,
      });
      realtime.poke(actor.workspaceId);
      return detail(actor.workspaceId, row);
    },
  });

  api.get('/ticket-config', {
    schema: {
      tags,
      summary: "The workspace's request types, sub-types and priority names",
      response: {
        200: z.object({
          presetId: z.string(),
          types: z.array(
            z.object({
              key: z.string(),
              label: z.string(),
              subtypes: z.array(z.object({ key: z.string(), label: z.string() })),
            }),
          ),
          priorityLabels: z.object({ urgent: z.string(), important: z.string(), normal: z.string() }),
        }),
        ...errors,
      },
    },
    preHandler: guards.authorize('tickets', 'read'),
    handler: async (request) => getTicketConfig(db, principalOf(request).workspaceId),
  });
}
