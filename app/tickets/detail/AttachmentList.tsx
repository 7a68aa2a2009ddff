import {
  FileExcelOutlined,
  FileOutlined,
  FilePdfOutlined,
  FileTextOutlined,
  FileWordOutlined,
  FileZipOutlined,
  SoundOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import type { Attachment } from '@app/api/types';
import { Flex, Image, Typography } from 'antd';
import type { ReactNode } from 'react';

/** Images the browser can show; HEIC (iPhone photos) is not one of them, so it downloads like a document. */
const PREVIEWABLE_IMAGES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

function fileIcon(contentType: string): ReactNode {
  if (contentType === 'application/pdf') return <FilePdfOutlined />;
  if (contentType.includes('wordprocessingml')) return <FileWordOutlined />;
  if (contentType.includes('spreadsheetml') || contentType.startsWith('text/csv'))
    return <FileExcelOutlined />;
  if (contentType === 'application/zip') return <FileZipOutlined />;
  if (contentType.startsWith('audio/')) return <SoundOutlined />;
  if (contentType.startsWith('video/')) return <VideoCameraOutlined />;
  if (contentType.startsWith('text/')) return <FileTextOutlined />;
  return <FileOutlined />;
}

export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A message's files: photos as thumbnails that open a full-size preview, everything else as download links. */
export function AttachmentList({ attachments }: { attachments: Attachment[] }) {
  if (attachments.length === 0) return null;
  const images = attachments.filter((file) => PREVIEWABLE_IMAGES.has(file.contentType));
  const documents = attachments.filter((file) => !PREVIEWABLE_IMAGES.has(file.contentType));

  return (
    <Flex vertical gap={6} style={{ marginTop: 8 }}>
      {images.length > 0 && (
        <Image.PreviewGroup>
          <Flex gap={6} wrap>
            {images.map((file) => (
              <Image
                key={file.id}
                src={file.url}
                alt={file.filename}
                width={88}
                height={88}
                style={{ objectFit: 'cover', borderRadius: 6 }}
              />
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
      {documents.map((file) => (
        <Typography.Link
          key={file.id}
          href={file.url}
          download={file.filename}
          target="_blank"
          rel="noopener"
        >
          <Flex gap={6} align="center">
            {fileIcon(file.contentType)}
            <span style={{ wordBreak: 'break-all' }}>{file.filename}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              {formatFileSize(file.sizeBytes)}
            </Typography.Text>
          </Flex>
        </Typography.Link>
      ))}
    </Flex>
  );
}
