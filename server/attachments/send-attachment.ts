import fs from 'node:fs';
import type { AttachmentRow } from '@server/db/schema';
import type { FastifyReply } from 'fastify';
import { INLINE_TYPES } from './file-types';
import { type AttachmentStore, attachmentPath } from './service';

/**
 * Answers with a stored file, to agents and to widget visitors alike. Uploads are the customer's bytes: only types a
 * browser shows safely open inline, and whatever it opens is sandboxed, so a file can never run as a page of ours.
 */
export function sendAttachment(
  reply: FastifyReply,
  store: AttachmentStore,
  row: AttachmentRow,
): FastifyReply {
  const disposition = INLINE_TYPES.has(row.content_type) ? 'inline' : 'attachment';
  return reply
    .header('content-type', row.content_type)
    .header('content-length', String(row.size_bytes))
    .header('content-disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(row.filename)}`)
    .header('cache-control', 'private, max-age=3600')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(fs.createReadStream(attachmentPath(store, row)));
}
