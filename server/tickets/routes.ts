import { principalOf } from '@server/auth/principal';
import { loadReplyWindow } from '@server/channels/platform/reply-window';
import type { ChannelAccount } from '@server/channels/repo';
import { approvedTemplatesOrProblem, prepareTemplateReply } from '@server/channels/whatsapp/templates';
import type { OutboundTemplate } from '@server/db/schema';
import type { Api, RouteDeps } from '@server/http/api';
import { idParams, problemSchema } from '@server/http/common-schema';
import { notFound, unprocessable } from '@server/http/problem';
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
  replyWindowSchema,
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
  { db, guards, vault, realtime, outbox, serviceLevels, routing, channelAccounts }: RouteDeps,
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
      response: { 201: messageSchema, 409: problemSchema, 422: problemSchema, 502: problemSchema, ...errors },
    },
    preHandler: guards.authorize('tickets', 'reply'),
    handler: async (request, reply) => {
      const actor = principalOf(request);
      const { template: requested, body: written, ...rest } = request.body;
      // A template is checked against WhatsApp's approved list before the transaction (a network call).
      const template =
        requested && rest.direction === 'outbound'
          ? await templateReply(actor.workspaceId, request.params.id, requested)
          : null;
      const message = await addTicketMessage(db, {
        actor,
        ticketId: request.params.id,
        ...rest,
        body: template?.body ?? written ?? '',
        template: template?.template ?? null,
        vault,
        sla,
      });
      realtime.poke(actor.workspaceId);
      if (message.queuedForDelivery) outbox.wake();
      const thread = await loadThread(db, { workspaceId: actor.workspaceId, ticketId: request.params.id });
      return reply.status(201).send(thread.find((m) => m.id === message.id) as (typeof thread)[number]);
    },
  });

  api.get('/tickets/:id/reply-window', {
    schema: {
      tags,
      summary:
        "The messaging platform's reply window (WhatsApp 24 h, Douyin 48 h / 5 replies) and WhatsApp templates",
      params: idParams,
      response: { 200: replyWindowSchema, 502: problemSchema, ...errors },
    },
    preHandler: guards.authorize('tickets', 'read'),
    handler: async (request) => {
      const { workspaceId } = principalOf(request);
      const row = await loadTicket(db, { workspaceId, ticketId: request.params.id });
      if (!row) throw notFound('Ticket');
      const window = await loadReplyWindow(db, {
        workspaceId,
        conversationId: row.conversation_id,
        now: new Date(),
      });
      if (!window) return { kind: null, hours: null, open: true, closesAt: null, templatesOnly: false };
      const { channelAccountId, closesAt, ...state } = window;
      const account = state.kind === 'whatsapp' ? await channelAccounts.get(channelAccountId) : null;
      return {
        ...state,
        closesAt: closesAt?.toISOString() ?? null,
        ...(account ? { templates: await offeredTemplates(account, state.templatesOnly) } : {}),
      };
    },
  });

  /**
   * The approved templates to offer. Inside the 24 hours they are only a convenience: Meta being unreachable must
   * not hide the window from the agent (502 only when a template is the one way to reply).
   */
  async function offeredTemplates(account: ChannelAccount, required: boolean) {
    try {
      return await approvedTemplatesOrProblem(account);
    } catch (error) {
      if (required) throw error;
      return [];
    }
  }

  /** The ticket's WhatsApp account's template, checked and rendered; 422 when the ticket is not on WhatsApp. */
  async function templateReply(workspaceId: string, ticketId: string, requested: OutboundTemplate) {
    const row = await loadTicket(db, { workspaceId, ticketId });
    if (!row) throw notFound('Ticket');
    const window = await loadReplyWindow(db, {
      workspaceId,
      conversationId: row.conversation_id,
      now: new Date(),
    });
    const account = window?.kind === 'whatsapp' ? await channelAccounts.get(window.channelAccountId) : null;
    if (!account) {
      throw unprocessable('template_not_supported', 'Only a WhatsApp conversation takes a template reply', [
        { path: '/template', message: 'Not a WhatsApp conversation' },
      ]);
    }
    return prepareTemplateReply(account, requested);
  }

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
