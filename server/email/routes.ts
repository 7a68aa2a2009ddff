import type { AttachmentStore } from '@server/attachments/service';
import { principalOf } from '@server/auth/principal';
import type { Api, RouteDeps } from '@server/http/api';
import { idParams, problemSchema } from '@server/http/common-schema';
import { notFound } from '@server/http/problem';
import { maskText } from '@server/privacy/spans';
import { z } from 'zod';
import { emailHtmlPolicy, renderEmailHtml } from './html-view';
import { createMailbox, listMailboxes, mailboxById, setMailboxEnabled, updateMailbox } from './mailboxes';
import { presentMailbox } from './presenter';
import { emailDetailsSchema, mailboxBody, mailboxSchema, updateMailboxBody } from './schema';

const tags = ['email'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

export function registerEmailRoutes(
  api: Api,
  { db, guards, vault }: RouteDeps,
  store: AttachmentStore,
): void {
  const presentOne = async (workspaceId: string, id: string) => {
    const row = (await listMailboxes(db, workspaceId)).find((mailbox) => mailbox.id === id);
    if (!row) throw notFound('Mailbox');
    return presentMailbox(row);
  };

  api.get('/email/mailboxes', {
    schema: {
      tags,
      summary: "The workspace's mailboxes",
      response: { 200: z.array(mailboxSchema), ...errors },
    },
    // Settings and connection state only: passwords never leave the server.
    preHandler: guards.authorize('channels', 'read'),
    handler: async (request) =>
      (await listMailboxes(db, principalOf(request).workspaceId)).map(presentMailbox),
  });

  api.post('/email/mailboxes', {
    schema: {
      tags,
      summary: 'Add a mailbox: its address, how mail comes in (SMTP listener, IMAP) and goes out (SMTP)',
      body: mailboxBody,
      response: { 201: mailboxSchema, 409: problemSchema, ...errors },
    },
    preHandler: guards.authorize('channels', 'manage'),
    handler: async (request, reply) => {
      const { workspaceId } = principalOf(request);
      const row = await createMailbox(db, vault.keyring, workspaceId, request.body);
      return reply.status(201).send(await presentOne(workspaceId, row.id));
    },
  });

  api.patch('/email/mailboxes/:id', {
    schema: {
      tags,
      summary: "Change a mailbox's settings (passwords left out stay as they are)",
      params: idParams,
      body: updateMailboxBody,
      response: { 200: mailboxSchema, 409: problemSchema, ...errors },
    },
    preHandler: guards.authorize('channels', 'manage'),
    handler: async (request) => {
      const { workspaceId } = principalOf(request);
      const { enabled, ...settings } = request.body;
      await mailboxById(db, workspaceId, request.params.id);
      if (Object.keys(settings).length > 0)
        await updateMailbox(db, vault.keyring, workspaceId, request.params.id, settings);
      if (enabled !== undefined) await setMailboxEnabled(db, workspaceId, request.params.id, enabled);
      return presentOne(workspaceId, request.params.id);
    },
  });

  const emailOf = async (workspaceId: string, messageId: string) => {
    const row = await db
      .selectFrom('email_messages')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('ticket_message_id', '=', messageId)
      .where('direction', '=', 'in')
      .executeTakeFirst();
    if (!row) throw notFound('E-mail');
    return row;
  };

  api.get('/messages/:id/email', {
    schema: {
      tags,
      summary:
        'How a message arrived by e-mail: sender authentication, automatic mail, its HTML and original',
      params: idParams,
      response: { 200: emailDetailsSchema, ...errors },
    },
    preHandler: guards.authorize('tickets', 'read'),
    handler: async (request) => {
      const email = await emailOf(principalOf(request).workspaceId, request.params.id);
      return {
        auth: email.auth ?? { spf: null, dkim: null, dmarc: null },
        automatic: email.automatic,
        hasHtml: email.has_html,
        blockedImages: email.blocked_images,
        originalAttachmentId: email.raw_attachment_id,
        htmlUrl:
          email.has_html && email.raw_attachment_id
            ? `/api/v1/messages/${request.params.id}/email.html`
            : null,
      };
    },
  });

  api.get('/messages/:id/email.html', {
    // No response schema: the body is a sanitised HTML page for a sandboxed frame.
    schema: {
      tags,
      summary: "The mail's HTML, sanitised, under a CSP sandbox (remote images only with ?images=show)",
      params: idParams,
      querystring: z.object({ images: z.enum(['show', 'block']).default('block') }),
    },
    preHandler: guards.authorize('tickets', 'read'),
    handler: async (request, reply) => {
      const { workspaceId } = principalOf(request);
      const email = await emailOf(workspaceId, request.params.id);
      const original = email.raw_attachment_id
        ? await db
            .selectFrom('attachments')
            .selectAll()
            .where('workspace_id', '=', workspaceId)
            .where('id', '=', email.raw_attachment_id)
            .executeTakeFirst()
        : undefined;
      if (!original) throw notFound('E-mail');
      const showImages = request.query.images === 'show';
      const rules = await vault.rules(workspaceId);
      const html = await renderEmailHtml(store, original, {
        showImages,
        maskText: (text) => maskText(text, rules).text,
      });
      if (html === null) throw notFound('E-mail HTML');
      return (
        reply
          .header('content-type', 'text/html; charset=utf-8')
          .header('content-security-policy', emailHtmlPolicy(showImages))
          .header('x-content-type-options', 'nosniff')
          // Framed by the app itself only.
          .header('x-frame-options', 'SAMEORIGIN')
          .header('cache-control', 'private, no-store')
          .header('referrer-policy', 'no-referrer')
          .send(`<!doctype html><html><head><meta charset="utf-8"></head><body>${html}</body></html>`)
      );
    },
  });
}
