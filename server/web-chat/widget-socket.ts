/**
 * The widget's socket: the visitor's messages in (each answered with an `ack` once committed, deduplicated by the
 * widget's client id, handled strictly in the order sent), the conversation out (history after `after` first,
 * then live messages and chat changes from the widget hub). A reconnecting widget passes the last message it saw
 * and resends what was not acknowledged: nothing is lost and nothing shown twice.
 */

import type { Api, RouteDeps } from '@server/http/api';
import { HttpProblem } from '@server/http/problem';
import { maskPersonalData } from '@server/privacy/detector';
import type { WidgetClientFrame, WidgetServerFrame } from '@shared/web-chat';
import { z } from 'zod';
import { endChat } from './chat-sessions';
import { loadWidgetChat, markReadByVisitor, rateChat } from './chat-state';
import { loadWidgetMessages, messageExists } from './messages';
import { authenticateVisitor } from './visitor-auth';
import { VisitorBudget } from './visitor-budget';
import { acceptVisitorMessage } from './visitor-intake';
import { conversationOfRef, pageOf, recordPage } from './visitors';
import { markSent, type VisitorConnection } from './widget-hub';

const MAX_BUFFERED_BYTES = 1024 * 1024;
const PING_MS = 30_000;
const TYPING_EVERY_MS = 1000;
/** Per process, across every socket a visitor opens. */
const budget = new VisitorBudget();

/** A typing preview goes to agents as it is typed: half a phone number is masked too, not only whole ones. */
export function maskTypingPreview(text: string): string {
  return maskPersonalData(text.slice(0, 200))
    .masked.replace(/\d{4,}/g, (digits) => '*'.repeat(digits.length))
    .replace(/[^\s@]*@[^\s@]*/g, '***@***');
}

const clientFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('message'),
    clientId: z.string().min(1).max(100),
    text: z.string().max(5000),
    contact: z
      .object({
        name: z.string().trim().max(100).optional(),
        phone: z.string().trim().max(40).optional(),
        email: z.string().trim().max(200).optional(),
        order: z.string().trim().max(64).optional(),
      })
      .optional(),
  }),
  z.object({ type: z.literal('typing'), typing: z.boolean(), preview: z.string().max(2000).optional() }),
  z.object({ type: z.literal('read'), upTo: z.uuid() }),
  z.object({ type: z.literal('page'), url: z.string().max(2000), title: z.string().max(500) }),
  z.object({
    type: z.literal('rate'),
    score: z.number().int().min(1).max(5),
    comment: z.string().max(1000).optional(),
  }),
  z.object({ type: z.literal('end') }),
  z.object({ type: z.literal('ping') }),
]);

function problemFrame(error: unknown, clientId?: string): WidgetServerFrame {
  if (error instanceof HttpProblem) {
    return {
      type: 'error',
      ...(clientId ? { clientId } : {}),
      status: error.status,
      title: error.message,
      ...(error.errors?.length
        ? { errors: error.errors.map((e) => ({ field: e.path, message: e.message })) }
        : {}),
    };
  }
  return {
    type: 'error',
    ...(clientId ? { clientId } : {}),
    status: 500,
    title: 'Something went wrong; it will be retried',
  };
}

export function registerWidgetSocket(api: Api, deps: RouteDeps): void {
  const { db, vault, webChat, realtime } = deps;
  const keyring = vault.keyring;
  const intakeDeps = { db, keyring, intake: deps.intake, hub: webChat.hub, realtime, outbox: deps.outbox };

  api.get(
    '/widget/socket',
    {
      websocket: true,
      schema: {
        tags: ['web chat widget'],
        summary:
          'WebSocket of one visitor: send message/typing/read/page/rate/end frames; receive ready, message, chat, typing, ack, error (see shared/web-chat.ts)',
        querystring: z.object({ token: z.string().min(1).max(300), after: z.string().max(40).optional() }),
      },
    },
    async (socket, request) => {
      if (webChat.hub.refusing) {
        socket.close(1013, 'try again later');
        return;
      }
      // Frames that arrive while the visitor is being looked up wait, in order.
      const early: Buffer[] = [];
      let onFrame: ((data: Buffer) => void) | null = null;
      socket.on('message', (data: Buffer) => (onFrame ? onFrame(data) : early.push(data)));
      let connection: VisitorConnection | null = null;
      const timers: NodeJS.Timeout[] = [];
      let closed = false;
      socket.on('close', () => {
        closed = true;
        for (const timer of timers) clearInterval(timer);
        if (connection) webChat.hub.detach(connection);
      });

      let ready = false;
      const held: WidgetServerFrame[] = [];
      const send = (frame: WidgetServerFrame) => {
        if (!ready && frame.type !== 'ready') {
          held.push(frame);
          return;
        }
        if (socket.readyState !== socket.OPEN) return;
        if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
          socket.close(4008, 'too far behind; reconnect with after');
          return;
        }
        socket.send(JSON.stringify(frame));
      };

      let auth: Awaited<ReturnType<typeof authenticateVisitor>>;
      try {
        auth = await authenticateVisitor(
          { db, keyring, widgetKeys: webChat.widgetKeys },
          request.query.token,
          request.headers.origin,
        );
      } catch (error) {
        ready = true;
        send(problemFrame(error));
        socket.close(4401, 'invalid token');
        return;
      }
      const { settings, visitor } = auth;
      const workspaceId = visitor.workspace_id;
      if (!visitor.conversation_id && visitor.identified) {
        // A signed-in user's other device already has the conversation.
        visitor.conversation_id = await conversationOfRef(db, workspaceId, visitor.ref);
      }
      connection = {
        workspaceId,
        visitorId: visitor.id,
        conversationId: visitor.conversation_id,
        send,
        drop: () => socket.terminate(),
        sent: new Set(),
      };
      await webChat.hub.attach(connection);
      if (closed) {
        webChat.hub.detach(connection);
        return;
      }
      const conversationId = connection.conversationId;
      const after =
        request.query.after && z.uuid().safeParse(request.query.after).success ? request.query.after : null;
      const validAfter = after && (await messageExists(db, workspaceId, after)) ? after : null;
      const history = conversationId
        ? (await loadWidgetMessages(db, { workspaceId, conversationId, after: validAfter })).filter(
            (message) => markSent(connection as VisitorConnection, message.id),
          )
        : [];
      const chat = conversationId ? await loadWidgetChat(db, { workspaceId, conversationId }) : null;
      ready = true;
      send({ type: 'ready', visitorId: visitor.id, history, chat: chat ? withoutTicketId(chat) : null });
      for (const frame of held.splice(0)) send(frame);

      timers.push(setInterval(() => socket.ping(), PING_MS));
      let lastTyping = 0;
      let typingShown = false;
      let chain = Promise.resolve();
      const openChatTicket = async () => {
        if (!connection?.conversationId) return null;
        const current = await loadWidgetChat(db, { workspaceId, conversationId: connection.conversationId });
        return current && current.state !== 'ended' ? current.ticketId : null;
      };

      const handle = async (frame: WidgetClientFrame) => {
        switch (frame.type) {
          case 'message': {
            if (!budget.take(visitor.id, 'message')) {
              throw new HttpProblem(429, 'too_many_messages', 'Too many messages; wait a moment');
            }
            if (frame.text.trim() === '') {
              throw new HttpProblem(422, 'validation_failed', 'The message is empty', [
                { path: 'text', message: 'Write something first' },
              ]);
            }
            const result = await acceptVisitorMessage(intakeDeps, settings, visitor, {
              clientId: frame.clientId,
              text: frame.text,
              contact: frame.contact,
            });
            send({
              type: 'ack',
              clientId: frame.clientId,
              messageId: result.messageId,
              ticketNumber: result.ticketNumber,
            });
            return;
          }
          case 'typing': {
            const now = Date.now();
            // At most one preview a second, and a stop only after a start.
            if (frame.typing ? now - lastTyping < TYPING_EVERY_MS : !typingShown) return;
            if (frame.typing) lastTyping = now;
            typingShown = frame.typing;
            const ticketId = await openChatTicket();
            if (!ticketId) return;
            // What agents preview is masked like everything stored: a phone typed in shows as 138****5678.
            const preview = frame.typing ? maskTypingPreview(frame.preview ?? '') : '';
            await realtime.broadcastEphemeral(workspaceId, {
              type: 'ephemeral',
              kind: 'chat.typing',
              ticketId,
              data: { typing: frame.typing, preview },
            });
            return;
          }
          case 'read':
            if (!connection?.conversationId) return;
            await markReadByVisitor(db, {
              workspaceId,
              conversationId: connection.conversationId,
              channelAccountId: settings.channel_account_id,
              upTo: frame.upTo,
            });
            realtime.poke(workspaceId);
            return;
          case 'page': {
            const page = pageOf(frame.url, frame.title, new Date());
            if (!page) return;
            await recordPage(db, { workspaceId, id: visitor.id }, page);
            return;
          }
          case 'rate':
            if (!connection?.conversationId)
              throw new HttpProblem(409, 'chat_not_ended', 'There is no chat to rate');
            await rateChat(db, vault, {
              workspaceId,
              conversationId: connection.conversationId,
              score: frame.score,
              comment: frame.comment ?? '',
            });
            realtime.poke(workspaceId);
            return;
          case 'end': {
            const ticketId = await openChatTicket();
            if (!ticketId) return;
            await endChat(db, {
              workspaceId,
              ticketId,
              by: 'visitor',
              actorUserId: null,
              sla: deps.serviceLevels.deps.tracker,
            });
            realtime.poke(workspaceId);
            return;
          }
          case 'ping':
            send({ type: 'pong' });
            return;
        }
      };

      onFrame = (data: Buffer) => {
        let parsed: WidgetClientFrame;
        try {
          const result = clientFrame.safeParse(JSON.parse(data.toString('utf8')));
          if (!result.success) {
            send({
              type: 'error',
              status: 400,
              title: 'Frame not understood',
              errors: result.error.issues.map((issue) => ({
                field: issue.path.join('.'),
                message: issue.message,
              })),
            });
            return;
          }
          parsed = result.data as WidgetClientFrame;
        } catch {
          send({ type: 'error', status: 400, title: 'Frames are JSON' });
          return;
        }
        // Messages have their own budget (checked in order, below); everything else shares a larger one.
        if (parsed.type !== 'message' && parsed.type !== 'ping' && !budget.take(visitor.id, 'frame')) {
          if (parsed.type === 'rate' || parsed.type === 'end') {
            send({ type: 'error', status: 429, title: 'Too many requests; wait a moment' });
          }
          return;
        }
        // One at a time: the visitor's messages are stored in the order they were sent.
        chain = chain.then(() =>
          handle(parsed).catch((error) => {
            if (!(error instanceof HttpProblem)) request.log.error({ err: error }, 'widget frame failed');
            send(problemFrame(error, parsed.type === 'message' ? parsed.clientId : undefined));
          }),
        );
      };
      for (const data of early.splice(0)) onFrame(data);
    },
  );
}

function withoutTicketId<T extends { ticketId: string }>(chat: T): Omit<T, 'ticketId'> {
  const { ticketId: _ticketId, ...rest } = chat;
  return rest;
}
