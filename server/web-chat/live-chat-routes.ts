/**
 * The agent side of web chat: the live chats, picking one up (the greeting with the agent's 工号 goes to the
 * customer), ending it (the customer is asked to rate), read receipts and the typing indicator.
 */
import { principalOf } from '@server/auth/principal';
import type { Api, RouteDeps } from '@server/http/api';
import { fillTemplate } from '@server/routing/auto-messages';
import { addTicketMessage } from '@server/tickets/add-message';
import { updateTicket } from '@server/tickets/update-ticket';
import { z } from 'zod';
import { chatNotFound, claimChat, endChat } from './chat-sessions';
import { markReadByAgent } from './chat-state';
import { listLiveChats } from './live-chats';
import { localized } from './presenter';
import { ensureWebChat } from './settings';

const tags = ['live chat'];
const ticketParams = z.object({ ticketId: z.uuid() });

export function registerLiveChatRoutes(api: Api, deps: RouteDeps): void {
  const { db, guards, vault, webChat, realtime } = deps;
  const sla = deps.serviceLevels.deps.tracker;

  const present = async (workspaceId: string, ticketId: string) => {
    const [chat] = await listLiveChats(db, workspaceId, { ticketId });
    if (!chat) throw chatNotFound();
    return chat;
  };

  api.get('/live-chats', {
    schema: { tags, summary: 'Open web chats: waiting for an agent, and active' },
    preHandler: guards.authorize('tickets', 'read'),
    handler: async (request) => ({ items: await listLiveChats(db, principalOf(request).workspaceId) }),
  });

  api.post('/live-chats/:ticketId/pick-up', {
    schema: {
      tags,
      summary:
        "Picks up a chat: it becomes the agent's, and the customer is greeted with the agent's name and 工号",
      params: ticketParams,
    },
    preHandler: guards.authorize('tickets', 'reply'),
    handler: async (request) => {
      const actor = principalOf(request);
      const { ticketId } = request.params;
      const claimed = await claimChat(db, { workspaceId: actor.workspaceId, ticketId, userId: actor.userId });
      // Also when the chat was already this agent's: a pick-up interrupted before the assignment finishes it now.
      const ticket = await db
        .selectFrom('tickets')
        .select(['assignee_id', 'version'])
        .where('workspace_id', '=', actor.workspaceId)
        .where('id', '=', ticketId)
        .executeTakeFirstOrThrow();
      if (ticket.assignee_id !== actor.userId) {
        await updateTicket(db, {
          // Picking a chat up is taking it oneself, which every role that may reply may do (not assigning others).
          actor: {
            ...actor,
            role: actor.role === 'engineer' || actor.role === 'operations' ? 'agent' : actor.role,
          },
          ticketId,
          version: ticket.version,
          changes: { assigneeId: actor.userId },
          vault,
          sla,
          routing: deps.routing,
        });
      }
      if (claimed) {
        const [settings, me] = await Promise.all([
          ensureWebChat(db, actor.workspaceId),
          db
            .selectFrom('users')
            .select(['name', 'employee_no', 'locale'])
            .where('workspace_id', '=', actor.workspaceId)
            .where('id', '=', actor.userId)
            .executeTakeFirstOrThrow(),
        ]);
        const visitor = await db
          .selectFrom('web_chat_sessions as s')
          .innerJoin('web_chat_visitors as v', 'v.id', 's.visitor_id')
          .select('v.locale')
          .where('s.workspace_id', '=', actor.workspaceId)
          .where('s.ticket_id', '=', ticketId)
          .executeTakeFirst();
        const greeting = fillTemplate(localized(settings.greeting, visitor?.locale ?? 'zh-CN'), {
          agentName: me.name,
          employeeNo: me.employee_no ?? '',
        });
        if (greeting.trim()) {
          await addTicketMessage(db, { actor, ticketId, direction: 'outbound', body: greeting, vault, sla });
          deps.outbox.wake();
        }
        realtime.poke(actor.workspaceId);
      }
      return present(actor.workspaceId, ticketId);
    },
  });

  api.post('/live-chats/:ticketId/end', {
    schema: {
      tags,
      summary: 'Ends a chat: the ticket is resolved and the customer is asked to rate the chat',
      params: ticketParams,
    },
    preHandler: guards.authorize('tickets', 'reply'),
    handler: async (request) => {
      const actor = principalOf(request);
      const { ticketId } = request.params;
      await endChat(db, {
        workspaceId: actor.workspaceId,
        ticketId,
        by: 'agent',
        actorUserId: actor.userId,
        sla,
      });
      realtime.poke(actor.workspaceId);
      const [chat] = await listLiveChats(db, actor.workspaceId, { ticketId, includeEnded: true });
      if (!chat) throw chatNotFound();
      return chat;
    },
  });

  api.post('/live-chats/:ticketId/read', {
    schema: { tags, summary: 'The agent has read the chat: the customer sees 已读', params: ticketParams },
    preHandler: guards.authorize('tickets', 'read'),
    handler: async (request, reply) => {
      const actor = principalOf(request);
      await markReadByAgent(db, actor.workspaceId, request.params.ticketId);
      realtime.poke(actor.workspaceId);
      return reply.status(204).send();
    },
  });

  api.post('/live-chats/:ticketId/typing', {
    schema: {
      tags,
      summary: 'The agent is typing (or stopped): shown in the customer’s widget',
      params: ticketParams,
      body: z.object({ typing: z.boolean() }),
    },
    preHandler: guards.authorize('tickets', 'reply'),
    config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    handler: async (request, reply) => {
      const actor = principalOf(request);
      await webChat.hub.agentTyping(actor.workspaceId, request.params.ticketId, request.body.typing);
      return reply.status(204).send();
    },
  });
}
