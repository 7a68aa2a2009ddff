import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AttachmentRow, Database } from '@server/db/schema';
import { conflict, HttpProblem, notFound } from '@server/http/problem';
import type { PersonalDataVault } from '@server/privacy/vault';
import type { Kysely } from 'kysely';
import { ALLOWED_EXTENSIONS, detectFileType } from './file-types';

/** Where attachment bytes live: `<KEFU_DATA_DIR>/attachments/<workspace>/<attachment id>`. */
export interface AttachmentStore {
  root: string;
  maxBytes: number;
}

/** Where a new file is kept, relative to the store's root. */
export const attachmentStorageKey = (workspaceId: string, attachmentId: string) =>
  path.join(workspaceId, attachmentId);

export function attachmentPath(store: AttachmentStore, row: Pick<AttachmentRow, 'storage_key'>): string {
  return path.join(store.root, row.storage_key);
}

/**
 * Streams an upload to disk while hashing it, then checks its size and real type before recording it. The file
 * is written before the row, and the row in one statement: nothing waits on disk inside a transaction.
 */
export async function storeAttachment(
  db: Kysely<Database>,
  store: AttachmentStore,
  options: {
    workspaceId: string;
    ticketId: string;
    uploadedBy: string;
    filename: string;
    stream: NodeJS.ReadableStream & { truncated?: boolean };
    vault: PersonalDataVault;
  },
): Promise<AttachmentRow> {
  const ticket = await db
    .selectFrom('tickets')
    .select(['id', 'customer_id'])
    .where('workspace_id', '=', options.workspaceId)
    .where('id', '=', options.ticketId)
    .executeTakeFirst();
  if (!ticket) {
    options.stream.resume();
    throw notFound('Ticket');
  }

  const id = randomUUID();
  const storageKey = attachmentStorageKey(options.workspaceId, id);
  const finalPath = path.join(store.root, storageKey);
  const tmpPath = path.join(store.root, 'tmp', `${id}.part`);
  fs.mkdirSync(path.dirname(tmpPath), { recursive: true, mode: 0o700 });
  fs.mkdirSync(path.dirname(finalPath), { recursive: true, mode: 0o700 });

  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      if (head.length < 16) head = Buffer.concat([head, chunk]).subarray(0, 16);
      done(null, chunk);
    },
  });
  try {
    await pipeline(options.stream, measure, fs.createWriteStream(tmpPath, { mode: 0o600 }));
    if (options.stream.truncated) {
      throw new HttpProblem(
        413,
        'file_too_large',
        `Files may be at most ${Math.round(store.maxBytes / 1024 / 1024)} MB`,
      );
    }
    const filename = path.basename(options.filename).slice(0, 200) || 'file';
    const contentType = detectFileType(filename, head);
    if (!contentType) {
      throw new HttpProblem(
        415,
        'unsupported_file_type',
        `Allowed file types: ${ALLOWED_EXTENSIONS.join(', ')}`,
        [{ path: 'body/file', message: 'This kind of file cannot be attached' }],
      );
    }
    fs.renameSync(tmpPath, finalPath);
    // A file named after its contents (身份证_110105….jpg) would put the number in every listing.
    const masked = await options.vault.maskFields(options.workspaceId, { filename });
    const digest = hash.digest('hex');
    return await db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('attachments')
        .values({
          id,
          workspace_id: options.workspaceId,
          ticket_id: ticket.id,
          filename: masked.text.filename,
          content_type: contentType,
          size_bytes: size,
          sha256: digest,
          storage_key: storageKey,
          uploaded_by: options.uploadedBy,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await options.vault.storeSpans(
        tx,
        {
          workspaceId: options.workspaceId,
          ownerType: 'attachment',
          ownerId: id,
          ticketId: ticket.id,
          customerId: ticket.customer_id,
        },
        masked.spans,
      );
      return row;
    });
  } catch (error) {
    fs.rmSync(tmpPath, { force: true });
    fs.rmSync(finalPath, { force: true });
    throw error;
  }
}

/** Removes an upload nobody sent (the agent took it out of the reply box); a sent file is part of the record. */
export async function discardAttachment(
  db: Kysely<Database>,
  store: AttachmentStore,
  options: { workspaceId: string; attachmentId: string },
): Promise<void> {
  const row = await db
    .selectFrom('attachments')
    .select(['id', 'message_id', 'storage_key'])
    .where('workspace_id', '=', options.workspaceId)
    .where('id', '=', options.attachmentId)
    .executeTakeFirst();
  if (!row) throw notFound('Attachment');
  if (row.message_id)
    throw conflict('attachment_sent', 'This file was sent with a message and stays on the ticket');
  await db
    .deleteFrom('attachments')
    .where('workspace_id', '=', options.workspaceId)
    .where('id', '=', row.id)
    .where('message_id', 'is', null)
    .execute();
  fs.rmSync(attachmentPath(store, row), { force: true });
}

export function presentAttachment(row: AttachmentRow) {
  return {
    id: row.id,
    filename: row.filename,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    messageId: row.message_id,
    url: `/api/v1/attachments/${row.id}`,
    createdAt: row.created_at.toISOString(),
  };
}
