import type { WidgetConfig } from '@shared/web-chat';
import type { Translate } from './i18n';

function acceptsFile(types: string[], file: File): boolean {
  if (types.length === 0) return true;
  return types.some((type) =>
    type.endsWith('/*')
      ? file.type.startsWith(type.slice(0, -1))
      : type.startsWith('.')
        ? file.name.toLowerCase().endsWith(type.toLowerCase())
        : file.type === type,
  );
}

const megabytes = (bytes: number) => `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;

/**
 * Why the server would refuse this file, checked before uploading so the visitor learns at once rather than after
 * sending 50 MB; null when it may go.
 */
export function uploadProblem(uploads: WidgetConfig['uploads'], file: File, t: Translate): string | null {
  if (!acceptsFile(uploads.types, file)) return t('fileType');
  if (file.size > uploads.maxBytes) return t('fileTooLarge', { size: megabytes(uploads.maxBytes) });
  return null;
}
