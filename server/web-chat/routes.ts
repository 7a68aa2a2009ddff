/** 管理 → 网页聊天: the widget's settings, its embed snippet and the identity secret for signed-in users. */
import { recordAudit } from '@server/audit/service';
import { principalOf } from '@server/auth/principal';
import type { Database } from '@server/db/schema';
import type { Api, RouteDeps } from '@server/http/api';
import { unprocessable } from '@server/http/problem';
import type { FastifyRequest } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { presentWebChatSettings } from './presenter';
import { ensureWebChat, rotateIdentitySecret } from './settings';

const tags = ['web chat'];
const localizedText = z.object({ 'zh-CN': z.string().trim().max(500), en: z.string().trim().max(500) });

export const webChatSettingsBody = z
  .object({
    enabled: z.boolean(),
    welcome: localizedText,
    greeting: localizedText,
    preChat: z.object({
      enabled: z.boolean(),
      fields: z
        .array(z.object({ field: z.enum(['name', 'phone', 'email', 'order']), required: z.boolean() }))
        .max(4)
        .refine((fields) => new Set(fields.map((f) => f.field)).size === fields.length, 'Each field once'),
    }),
    ratingScale: z.enum(['three', 'five']),
    calendarId: z.uuid().nullable(),
    allowedOrigins: z.array(z.url({ protocol: /^https?$/ }).transform((url) => new URL(url).origin)).max(50),
    uploadMaxBytes: z
      .number()
      .int()
      .min(100 * 1024)
      .max(20 * 1024 * 1024),
  })
  .partial();

function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

async function presentFor(db: Kysely<Database>, request: FastifyRequest, workspaceId: string) {
  const [settings, workspace] = await Promise.all([
    ensureWebChat(db, workspaceId),
    db.selectFrom('workspaces').select('slug').where('id', '=', workspaceId).executeTakeFirstOrThrow(),
  ]);
  return presentWebChatSettings(settings, originOf(request), workspace.slug);
}

export function registerWebChatRoutes(api: Api, deps: RouteDeps): void {
  const { db, guards, vault, webChat } = deps;

  api.get('/web-chat/settings', {
    schema: { tags, summary: "The widget's settings and embed snippet" },
    preHandler: guards.authorize('channels', 'read'),
    handler: async (request) => presentFor(db, request, principalOf(request).workspaceId),
  });

  api.put('/web-chat/settings', {
    schema: {
      tags,
      summary: "Changes the widget's settings (any subset)",
      body: webChatSettingsBody,
    },
    preHandler: guards.authorize('channels', 'manage'),
    handler: async (request) => {
      const actor = principalOf(request);
      const body = request.body;
      await ensureWebChat(db, actor.workspaceId);
      if (body.calendarId) {
        const calendar = await db
          .selectFrom('calendars')
          .select('id')
          .where('workspace_id', '=', actor.workspaceId)
          .where('id', '=', body.calendarId)
          .executeTakeFirst();
        if (!calendar) {
          throw unprocessable('validation_failed', 'No such calendar', [
            { path: 'body/calendarId', message: 'Choose a calendar of this workspace' },
          ]);
        }
      }
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable('web_chat_settings')
          .set({
            ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
            ...(body.welcome ? { welcome: JSON.stringify(body.welcome) } : {}),
            ...(body.greeting ? { greeting: JSON.stringify(body.greeting) } : {}),
            ...(body.preChat ? { pre_chat: JSON.stringify(body.preChat) } : {}),
            ...(body.ratingScale ? { rating_scale: body.ratingScale } : {}),
            ...(body.calendarId !== undefined ? { calendar_id: body.calendarId } : {}),
            ...(body.allowedOrigins ? { allowed_origins: body.allowedOrigins } : {}),
            ...(body.uploadMaxBytes ? { upload_max_bytes: body.uploadMaxBytes } : {}),
            updated_at: sql<Date>`now()`,
          })
          .where('workspace_id', '=', actor.workspaceId)
          .execute();
        await recordAudit(tx, {
          workspaceId: actor.workspaceId,
          actorUserId: actor.userId,
          action: 'web_chat.settings_updated',
          targetType: 'web_chat',
          targetId: actor.workspaceId,
          detail: { fields: Object.keys(body) },
          ip: request.ip,
        });
      });
      webChat.widgetKeys.forget();
      return presentFor(db, request, actor.workspaceId);
    },
  });

  api.post('/web-chat/identity-secret', {
    schema: {
      tags,
      summary:
        'Creates or replaces the secret host sites sign signed-in users with (HMAC-SHA256 of `${userId}:${email}`); shown once',
    },
    preHandler: guards.authorize('channels', 'manage'),
    handler: async (request) => {
      const actor = principalOf(request);
      await ensureWebChat(db, actor.workspaceId);
      const secret = await rotateIdentitySecret(db, vault.keyring, actor.workspaceId);
      await recordAudit(db, {
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        action: 'web_chat.identity_secret_rotated',
        targetType: 'web_chat',
        targetId: actor.workspaceId,
        detail: {},
        ip: request.ip,
      });
      webChat.widgetKeys.forget();
      return { secret, settings: await presentFor(db, request, actor.workspaceId) };
    },
  });
}
