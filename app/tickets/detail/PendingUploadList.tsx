import { CloseOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button, Flex, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatFileSize } from './AttachmentList';
import type { PendingUpload } from './use-attachment-uploads';

/** Files waiting to go with the next message, each with its upload progress or the reason it failed. */
export function PendingUploadList({
  uploads,
  onRemove,
}: {
  uploads: PendingUpload[];
  onRemove: (key: string) => void;
}) {
  const { t } = useTranslation();
  if (uploads.length === 0) return null;
  return (
    <Flex vertical gap={4}>
      {uploads.map((upload) => (
        <Flex key={upload.key} gap={8} align="center" data-testid="reply-attachment">
          <PaperClipOutlined />
          <Typography.Text
            ellipsis
            style={{ maxWidth: 260 }}
            type={upload.status === 'error' ? 'danger' : undefined}
          >
            {upload.name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {formatFileSize(upload.size)}
          </Typography.Text>
          {upload.status === 'uploading' && (
            <Progress percent={upload.percent} size="small" style={{ width: 140, margin: 0 }} />
          )}
          {upload.status === 'error' && (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {upload.error}
            </Typography.Text>
          )}
          <Button
            type="text"
            size="small"
            icon={<CloseOutlined />}
            onClick={() => onRemove(upload.key)}
            aria-label={t('ticket.reply.removeFile', { name: upload.name })}
          />
        </Flex>
      ))}
    </Flex>
  );
}
