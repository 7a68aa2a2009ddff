import { DownloadOutlined } from '@ant-design/icons';
import { usePrivacyJob } from '@app/api/privacy';
import type { Customer, PrivacyJob } from '@app/api/types';
import { Alert, Button, Flex, Modal, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * A PIPL export (Art. 45) the server is working on: its progress, then the download link. The link is an ordinary
 * same-origin GET, so the session cookie authenticates it.
 */
export function ExportPersonalDataModal({
  customer,
  job: startedJob,
  onClose,
}: {
  customer: Customer;
  job: PrivacyJob;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const current = usePrivacyJob(startedJob.id).data ?? startedJob;

  const percent = current.total > 0 ? Math.floor((current.processed / current.total) * 100) : 0;
  return (
    <Modal
      open
      title={t('privacy.customer.exportTitle', { number: customer.number })}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
    >
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('privacy.customer.exportIntro')}
        </Typography.Paragraph>
        <Progress
          data-testid="export-progress"
          percent={current.status === 'running' ? percent : 100}
          status={
            current.status === 'running' ? 'active' : current.status === 'failed' ? 'exception' : 'success'
          }
          format={() =>
            t('privacy.customer.exportProgress', { processed: current.processed, total: current.total })
          }
        />
        {current.status === 'running' && (
          <Typography.Text type="secondary">{t('privacy.customer.exportRunning')}</Typography.Text>
        )}
        {current.status === 'failed' && (
          <Alert
            type="error"
            showIcon
            title={t('privacy.customer.exportFailed', { error: current.error ?? '' })}
          />
        )}
        {current.status === 'completed' && current.downloadUrl && (
          <Flex vertical gap={8} align="start">
            <Alert
              type="success"
              showIcon
              title={t('privacy.customer.exportDone')}
              style={{ width: '100%' }}
            />
            <Button
              type="primary"
              icon={<DownloadOutlined />}
              href={current.downloadUrl}
              data-testid="export-download"
            >
              {t('privacy.customer.download')}
            </Button>
          </Flex>
        )}
      </Flex>
    </Modal>
  );
}
