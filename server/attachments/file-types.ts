/**
 * What customers and agents may attach: screenshots, photos, documents, voice notes and short videos. The type is
 * decided from the file's first bytes where the format has a signature, so that a renamed executable is refused.
 */
interface FileType {
  contentType: string;
  extensions: string[];
  signature?: (head: Buffer) => boolean;
}

const startsWith =
  (bytes: number[], offset = 0) =>
  (head: Buffer) =>
    bytes.every((byte, i) => head[offset + i] === byte);

const FILE_TYPES: FileType[] = [
  { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'], signature: startsWith([0xff, 0xd8, 0xff]) },
  { contentType: 'image/png', extensions: ['png'], signature: startsWith([0x89, 0x50, 0x4e, 0x47]) },
  { contentType: 'image/gif', extensions: ['gif'], signature: startsWith([0x47, 0x49, 0x46, 0x38]) },
  {
    contentType: 'image/webp',
    extensions: ['webp'],
    signature: (h) => startsWith([0x52, 0x49, 0x46, 0x46])(h) && startsWith([0x57, 0x45, 0x42, 0x50], 8)(h),
  },
  {
    contentType: 'image/heic',
    extensions: ['heic', 'heif'],
    signature: startsWith([0x66, 0x74, 0x79, 0x70], 4),
  },
  { contentType: 'application/pdf', extensions: ['pdf'], signature: startsWith([0x25, 0x50, 0x44, 0x46]) },
  { contentType: 'application/zip', extensions: ['zip'], signature: startsWith([0x50, 0x4b, 0x03, 0x04]) },
  {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    signature: startsWith([0x50, 0x4b, 0x03, 0x04]),
  },
  {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    signature: startsWith([0x50, 0x4b, 0x03, 0x04]),
  },
  {
    contentType: 'audio/mpeg',
    extensions: ['mp3'],
    signature: (h) =>
      startsWith([0x49, 0x44, 0x33])(h) || startsWith([0xff, 0xfb])(h) || startsWith([0xff, 0xf3])(h),
  },
  { contentType: 'audio/amr', extensions: ['amr'], signature: startsWith([0x23, 0x21, 0x41, 0x4d, 0x52]) },
  {
    contentType: 'video/mp4',
    extensions: ['mp4', 'm4a', 'mov'],
    signature: startsWith([0x66, 0x74, 0x79, 0x70], 4),
  },
  { contentType: 'text/plain; charset=utf-8', extensions: ['txt', 'log'] },
  { contentType: 'text/csv; charset=utf-8', extensions: ['csv'] },
  // An e-mail as received (kept with every inbound mail). Any bytes: mail may carry raw 8-bit or even NUL, and it is
  // only ever downloaded (never shown inline), under a sandbox policy.
  { contentType: 'message/rfc822', extensions: ['eml'], signature: () => true },
];

/** Types a browser may show inline; everything else downloads. */
export const INLINE_TYPES = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'application/pdf',
]);

export const ALLOWED_EXTENSIONS = FILE_TYPES.flatMap((type) => type.extensions);

/** The content type to store and serve, or null when the file is not an allowed kind (or lies about its kind). */
export function detectFileType(filename: string, head: Buffer): string | null {
  const extension = filename.split('.').pop()?.toLowerCase() ?? '';
  const type = FILE_TYPES.find((candidate) => candidate.extensions.includes(extension));
  if (!type) return null;
  if (type.signature) return type.signature(head) ? type.contentType : null;
  // Text has no signature; refuse binary content posing as text.
  return head.includes(0) ? null : type.contentType;
}
