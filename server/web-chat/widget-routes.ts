/**
 * The widget's HTTP routes (public, token-authenticated, called from any host page): its configuration, visitor
 * sessions, file uploads and the visitor's own files. The socket is in widget-socket.ts.
 */
import { sendAttachment } from '@server/attachments/send-attachment';
import type { AttachmentStore } from '@server/attachments/service';
import type { Api, RouteDeps } from '@server/http/api';
import { problemSchema } from '@server/http/common-schema';
import { HttpProblem, notFound } from '@server/http/problem';
import type { WidgetConfig } from '@shared/web-chat';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { localized, widgetLocale } from './presenter';
import { authenticateVisitor, originAllowed, widgetUnavailable } from './visitor-auth';
import { acceptVisitorMessage } from './visitor-intake';
import {
  identityIsGenuine,
  signVisitorToken,
  tokenWorkspace,
  VISITOR_TOKEN_PURPOSE,
  verifyVisitorToken,
} from './visitor-token';
import { createVisitor, identityRef, loadVisitor, pageOf, recordPage } from './visitors';

const tags = ['web chat widget'];
/** What the widget offers to upload; the server still sniffs every file's real type. */
const WIDGET_UPLOAD_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf'];

const sessionBody = z.object({
  key: z.string().min(1).max(100),
  visitorToken: z.string().max(300).nullish(),
  identity: z
    .object({
      userId: z.string().trim().min(1).max(200).optional(),
      email: z.email().max(200).optional(),
      name: z.string().trim().max(100).optional(),
      signature: z.string().regex(/^[0-9a-fA-F]{64}$/, 'Hex HMAC-SHA256 of `${userId}:${email}`'),
    })
    .refine((identity) => identity.userId || identity.email, 'Give a userId or an email')
    .nullish(),
  locale: z.enum(['zh-CN', 'en']).optional(),
  page: z.object({ url: z.string().max(2000), title: z.string().max(500) }).nullish(),
});

export function registerWidgetRoutes(api: Api, deps: RouteDeps, store: AttachmentStore): void {
  const { db, vault, webChat } = deps;
  const keyring = vault.keyring;
  const authDeps = { db, keyring, widgetKeys: webChat.widgetKeys };

  api.register(async (plugin) => {
    const widget = plugin.withTypeProvider<ZodTypeProvider>();
    // Host pages on any origin call these; they carry no cookies, so a wildcard is safe.
    widget.addHook('onRequest', async (_request, reply) => {
      reply.header('access-control-allow-origin', '*');
      reply.header('cross-origin-resource-policy', 'cross-origin');
    });
    widget.options('/widget/*', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .header('access-control-allow-methods', 'GET, POST')
        .header('access-control-allow-headers', 'content-type')
        .header('access-control-max-age', '600')
        .status(204)
        .send(),
    );

    widget.get('/widget/config', {
      schema: {
        tags,
        summary:
          "The widget's settings for a host page: welcome, pre-chat form, rating scale, business hours",
        querystring: z.object({ key: z.string().min(1).max(100), locale: z.string().max(20).optional() }),
      },
      config: { rateLimit: { max: 300, timeWindow: '1 minute' } },
      handler: async (request, reply) => {
        const settings = await webChat.widgetKeys.byKey(request.query.key);
        if (!settings?.enabled) throw widgetUnavailable();
        const locale = widgetLocale(request.query.locale);
        const [workspace, resolved] = await Promise.all([
          db
            .selectFrom('workspaces')
            .select('name')
            .where('id', '=', settings.workspace_id)
            .executeTakeFirst(),
          deps.serviceLevels.deps.calendars.get(db, settings.workspace_id, settings.calendar_id),
        ]);
        const now = new Date();
        const open = resolved ? resolved.calendar.isOpenAt(now) : true;
        let nextOpenAt: string | null = null;
        if (!open && resolved) {
          try {
            nextOpenAt = resolved.calendar.nextOpening(now).toISOString();
          } catch {
            nextOpenAt = null;
          }
        }
        const config: WidgetConfig = {
          workspaceName: workspace?.name ?? '',
          locale,
          welcome: localized(settings.welcome, locale),
          preChat: settings.pre_chat,
          rating: { scale: settings.rating_scale },
          businessHours: { open, nextOpenAt },
          uploads: { maxBytes: settings.upload_max_bytes, types: WIDGET_UPLOAD_TYPES },
        };
        return reply.header('cache-control', 'no-store').send(config);
      },
    });

    widget.post('/widget/sessions', {
      schema: {
        tags,
        summary:
          'Starts or resumes a visitor: pass the stored token to stay the same visitor; a host site may vouch for a signed-in user',
        body: sessionBody,
      },
      config: { rateLimit: { max: deps.widgetSessionsPerMinute, timeWindow: '1 minute' } },
      handler: async (request) => {
        const body = request.body;
        const settings = await webChat.widgetKeys.byKey(body.key);
        if (!settings?.enabled) throw widgetUnavailable();
        if (!originAllowed(settings, request.headers.origin)) {
          throw new HttpProblem(403, 'origin_not_allowed', 'This site may not embed the chat widget');
        }
        const workspaceId = settings.workspace_id;
        const key = await keyring.purposeKey(workspaceId, VISITOR_TOKEN_PURPOSE);
        let identity = null;
        if (body.identity) {
          const secret = settings.identity_secret_ciphertext
            ? await keyring.decrypt(workspaceId, settings.identity_secret_ciphertext)
            : null;
          if (!secret || !identityIsGenuine(secret, body.identity)) {
            throw new HttpProblem(
              401,
              'invalid_identity_signature',
              'The signed-in user could not be verified',
              [
                {
                  path: 'body/identity/signature',
                  message: 'Does not match HMAC-SHA256(secret, userId + ":" + email)',
                },
              ],
            );
          }
          identity = { userId: body.identity.userId, email: body.identity.email, name: body.identity.name };
        }
        const page = body.page ? pageOf(body.page.url, body.page.title, new Date()) : null;
        // The same visitor again (a reload, another tab), unless a different signed-in user is vouched for now.
        const claims = body.visitorToken ? tokenWorkspace(body.visitorToken) : null;
        if (
          body.visitorToken &&
          claims?.workspaceId === workspaceId &&
          verifyVisitorToken(key, body.visitorToken)
        ) {
          const known = await loadVisitor(db, workspaceId, claims.visitorId);
          // The same person only: another signed-in user on this browser, or a signed-in user who has logged out,
          // starts afresh instead of reading the earlier person's conversation.
          const expectedRef = identity ? await identityRef(keyring, workspaceId, identity) : null;
          const samePerson = known && (expectedRef ? known.ref === expectedRef : !known.identified);
          if (known && samePerson) {
            if (page) await recordPage(db, { workspaceId, id: known.id }, page);
            return { visitorToken: body.visitorToken, visitorId: known.id, identified: known.identified };
          }
        }
        const visitor = await createVisitor(db, keyring, {
          workspaceId,
          identity,
          locale: body.locale ?? widgetLocale(request.headers['accept-language']),
          userAgent: String(request.headers['user-agent'] ?? ''),
          page,
        });
        return {
          visitorToken: signVisitorToken(key, workspaceId, visitor.id),
          visitorId: visitor.id,
          identified: visitor.identified,
        };
      },
    });

    widget.post('/widget/uploads', {
      schema: {
        tags,
        summary:
          'A file from the visitor (multipart/form-data: field "clientId" first, then "file"): sent as a message',
        querystring: z.object({ token: z.string().min(1).max(300) }),
        consumes: ['multipart/form-data'],
        response: {
          201: z.object({ messageId: z.uuid(), ticketNumber: z.string() }),
          400: problemSchema,
          401: problemSchema,
          413: problemSchema,
          415: problemSchema,
        },
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      handler: async (request, reply) => {
        const { settings, visitor } = await authenticateVisitor(
          authDeps,
          request.query.token,
          request.headers.origin,
        );
        if (!request.isMultipart()) {
          throw new HttpProblem(415, 'unsupported_media_type', 'Send the file as multipart/form-data');
        }
        const file = await request.file();
        if (!file) {
          throw new HttpProblem(400, 'file_missing', 'No file in the upload', [
            { path: 'body/file', message: 'Required' },
          ]);
        }
        const clientField = file.fields.clientId;
        const clientId =
          clientField && 'value' in clientField && typeof clientField.value === 'string'
            ? clientField.value.slice(0, 100)
            : crypto.randomUUID();
        const content = await file.toBuffer();
        if (content.length > settings.upload_max_bytes) {
          throw new HttpProblem(
            413,
            'file_too_large',
            `Files may be at most ${settings.upload_max_bytes} bytes`,
            [{ path: 'body/file', message: `At most ${Math.floor(settings.upload_max_bytes / 1048576)} MB` }],
          );
        }
        const result = await acceptVisitorMessage(
          {
            db,
            keyring,
            intake: deps.intake,
            hub: webChat.hub,
            realtime: deps.realtime,
            outbox: deps.outbox,
          },
          settings,
          visitor,
          {
            clientId: `file:${clientId}`,
            text: '',
            attachments: [{ filename: file.filename, declaredType: file.mimetype, content }],
          },
        );
        return reply.status(201).send({ messageId: result.messageId, ticketNumber: result.ticketNumber });
      },
    });

    widget.get('/widget/attachments/:id', {
      schema: {
        tags,
        summary: "A file of the visitor's own conversation (for the widget's image previews and downloads)",
        params: z.object({ id: z.uuid() }),
        querystring: z.object({ token: z.string().min(1).max(300) }),
      },
      handler: async (request, reply) => {
        // An <img> sends no Origin: the token alone decides, as it does for the socket it came from.
        const { visitor } = await authenticateVisitor(authDeps, request.query.token, null);
        if (!visitor.conversation_id) throw notFound('Attachment');
        const row = await db
          .selectFrom('attachments as a')
          .innerJoin('tickets as t', (join) =>
            join.onRef('t.id', '=', 'a.ticket_id').onRef('t.workspace_id', '=', 'a.workspace_id'),
          )
          .innerJoin('ticket_messages as m', (join) =>
            join.onRef('m.id', '=', 'a.message_id').onRef('m.workspace_id', '=', 'a.workspace_id'),
          )
          .selectAll('a')
          .where('a.workspace_id', '=', visitor.workspace_id)
          .where('a.id', '=', request.params.id)
          .where('t.conversation_id', '=', visitor.conversation_id)
          .where('m.direction', 'in', ['inbound', 'outbound'])
          .executeTakeFirst();
        if (!row) throw notFound('Attachment');
        return sendAttachment(reply, store, row);
      },
    });
  });
}
