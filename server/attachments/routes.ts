import fastifyMultipart from '@fastify/multipart';
import { recordAudit } from '@server/audit/service';
import { principalOf } from '@server/auth/principal';
import type { Api, RouteDeps } from '@server/http/api';
import { idParams, problemSchema } from '@server/http/common-schema';
import { HttpProblem, notFound } from '@server/http/problem';
import { can } from '@shared/permissions';
import { z } from 'zod';
import { attachmentSchema } from './schema';
import { sendAttachment } from './send-attachment';
import { type AttachmentStore, discardAttachment, presentAttachment, storeAttachment } from './service';

const tags = ['attachments'];

export async function registerAttachmentRoutes(
  api: Api,
  { db, guards, vault }: RouteDeps,
  store: AttachmentStore,
): Promise<void> {
  await api.register(fastifyMultipart, { limits: { fileSize: store.maxBytes, files: 1, fields: 5 } });

  api.post('/tickets/:id/attachments', {
    schema: {
      tags,
      summary:
        'Upload a file to a ticket (multipart/form-data, field "file"); send its id with a message to attach it',
      params: idParams,
      consumes: ['multipart/form-data'],
      response: {
        201: attachmentSchema,
        400: problemSchema,
        401: problemSchema,
        403: problemSchema,
        404: problemSchema,
        413: problemSchema,
        415: problemSchema,
      },
    },
    preHandler: guards.authorize('tickets', 'reply'),
    handler: async (request, reply) => {
      if (!request.isMultipart())
        throw new HttpProblem(415, 'unsupported_media_type', 'Send the file as multipart/form-data');
      const file = await request.file();
      if (!file)
        throw new HttpProblem(400, 'file_missing', 'No file in the upload', [
          { path: 'body/file', message: 'Required' },
        ]);
      const actor = principalOf(request);
      const row = await storeAttachment(db, store, {
        workspaceId: actor.workspaceId,
        ticketId: request.params.id,
        uploadedBy: actor.userId,
        filename: file.filename,
        stream: file.file,
        vault,
      });
      return reply.status(201).send(presentAttachment(row));
    },
  });

  api.delete('/attachments/:id', {
    schema: {
      tags,
      summary:
        'Discard an upload that was not sent with a message (sent files stay: they are part of the record)',
      params: idParams,
      response: {
        204: z.null(),
        401: problemSchema,
        403: problemSchema,
        404: problemSchema,
        409: problemSchema,
      },
    },
    preHandler: guards.authorize('tickets', 'reply'),
    handler: async (request, reply) => {
      await discardAttachment(db, store, {
        workspaceId: principalOf(request).workspaceId,
        attachmentId: request.params.id,
      });
      return reply.status(204).send(null);
    },
  });

  api.get('/attachments/:id', {
    // No response schema: the body is the file's bytes, streamed from disk.
    schema: { tags, summary: 'Download an attachment (only for users of its workspace)', params: idParams },
    preHandler: guards.authorize('tickets', 'read'),
    handler: async (request, reply) => {
      const row = await db
        .selectFrom('attachments')
        .selectAll()
        .where('workspace_id', '=', principalOf(request).workspaceId)
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      if (!row) throw notFound('Attachment');
      if (row.content_type === 'message/rfc822') {
        // A mail as received holds everything unmasked (addresses, numbers, the quoted history): like revealing a
        // masked original, only for those who may, and on the record.
        const actor = principalOf(request);
        if (!can(actor.role, 'pii', 'reveal'))
          throw new HttpProblem(403, 'forbidden', 'Only supervisors and admins download original e-mails');
        await recordAudit(db, {
          workspaceId: actor.workspaceId,
          actorUserId: actor.userId,
          action: 'pii.original_email_downloaded',
          targetType: 'attachment',
          targetId: row.id,
          detail: { messageId: row.message_id },
        });
      }
      return sendAttachment(reply, store, row);
    },
  });
}
