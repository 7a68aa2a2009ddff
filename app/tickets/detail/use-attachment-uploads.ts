import { isApiProblem } from '@app/api/problem';
import { discardAttachment, uploadTicketAttachment } from '@app/api/ticket-messages';
import type { Attachment } from '@app/api/types';
import { problemMessage } from '@app/i18n/problem-message';
import { App } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The server takes at most this many files with one message. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;

export interface PendingUpload {
  key: string;
  name: string;
  size: number;
  percent: number;
  status: 'uploading' | 'done' | 'error';
  error?: string;
  attachment?: Attachment;
}

let uploadCounter = 0;

/**
 * Files being attached to the next message: each uploads at once, showing its progress, so that sending the
 * message itself is quick. Failed files stay listed with the reason until removed.
 */
export function useAttachmentUploads(ticketId: string) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [uploads, setUploads] = useState<PendingUpload[]>([]);
  const controllers = useRef(new Map<string, AbortController>());

  useEffect(() => {
    const running = controllers.current;
    return () => {
      for (const controller of running.values()) controller.abort();
    };
  }, []);

  const patch = useCallback((key: string, changes: Partial<PendingUpload>) => {
    setUploads((current) =>
      current.map((upload) => (upload.key === key ? { ...upload, ...changes } : upload)),
    );
  }, []);

  const add = useCallback(
    (files: File[]) => {
      const room = MAX_ATTACHMENTS_PER_MESSAGE - uploads.length;
      if (files.length > room)
        void message.warning(t('ticket.reply.tooManyFiles', { max: MAX_ATTACHMENTS_PER_MESSAGE }));
      for (const file of files.slice(0, Math.max(0, room))) {
        uploadCounter += 1;
        const key = `upload-${uploadCounter}`;
        const controller = new AbortController();
        controllers.current.set(key, controller);
        setUploads((current) => [
          ...current,
          { key, name: file.name, size: file.size, percent: 0, status: 'uploading' },
        ]);
        uploadTicketAttachment(ticketId, file, {
          signal: controller.signal,
          onProgress: (percent) => patch(key, { percent }),
        })
          .then(
            (attachment) => patch(key, { status: 'done', percent: 100, attachment }),
            (error: unknown) => {
              if (isApiProblem(error) && error.code === 'aborted') return;
              patch(key, { status: 'error', error: problemMessage(t, error) });
            },
          )
          .finally(() => controllers.current.delete(key));
      }
    },
    [ticketId, uploads.length, patch, message, t],
  );

  const remove = useCallback(
    (key: string) => {
      controllers.current.get(key)?.abort();
      // An uploaded but unsent file would otherwise stay on the server, attached to nothing.
      const removed = uploads.find((upload) => upload.key === key);
      if (removed?.attachment) void discardAttachment(removed.attachment.id).catch(() => undefined);
      setUploads((current) => current.filter((upload) => upload.key !== key));
    },
    [uploads],
  );

  const clear = useCallback(() => setUploads([]), []);

  return {
    uploads,
    add,
    remove,
    clear,
    busy: uploads.some((upload) => upload.status === 'uploading'),
    attachmentIds: uploads.flatMap((upload) => (upload.attachment ? [upload.attachment.id] : [])),
  };
}
