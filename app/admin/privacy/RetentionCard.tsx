import { useRetentionDryRun, useRetentionRun } from '@app/api/privacy';
import type { RetentionReport } from '@app/api/types';
import { useFormatDateTime } from '@app/components/use-format-date';
import { problemMessage } from '@app/i18n/problem-message';
import { Alert, App, Button, Card, Col, Flex, Popconfirm, Row, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

function Counts({ report }: { report: RetentionReport }) {
  const { t } = useTranslation();
  return (
    <Row gutter={16} data-testid="retention-counts">
      <Col span={8}>
        <Statistic title={t('privacy.retention.messages')} value={report.messages} />
      </Col>
      <Col span={8}>
        <Statistic title={t('privacy.retention.ticketDescriptions')} value={report.ticketDescriptions} />
      </Col>
      <Col span={8}>
        <Statistic title={t('privacy.retention.attachments')} value={report.attachments} />
      </Col>
    </Row>
  );
}

/**
 * Anonymizing what is older than the retention period, in two steps: a dry run counts, the run anonymizes up to
 * the dry run's cutoff, so what is done is exactly what was shown.
 */
export function RetentionCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formatDateTime = useFormatDateTime();
  const dryRun = useRetentionDryRun();
  const run = useRetentionRun();
  const [result, setResult] = useState<{ report: RetentionReport; done: boolean } | null>(null);
  const onError = (error: unknown) => void message.error(problemMessage(t, error));

  const count = () =>
    dryRun.mutate(undefined, { onSuccess: (report) => setResult({ report, done: false }), onError });
  const anonymize = (cutoff: string) =>
    run.mutate(cutoff, {
      onSuccess: (report) => {
        setResult({ report, done: true });
        void message.success(t('privacy.retention.done'));
      },
      onError,
    });

  const cutoff = result ? formatDateTime(result.report.cutoff) : '';
  return (
    <Card title={t('privacy.retention.title')}>
      <Flex vertical gap={16}>
        <Typography.Text type="secondary">{t('privacy.retention.intro')}</Typography.Text>
        {result && (
          <Alert
            type={result.done ? 'success' : 'info'}
            showIcon
            title={
              result.done
                ? t('privacy.retention.anonymized', { cutoff })
                : t('privacy.retention.wouldAnonymize', { months: result.report.retentionMonths, cutoff })
            }
          />
        )}
        {result && <Counts report={result.report} />}
        <Flex gap={8}>
          <Button onClick={count} loading={dryRun.isPending} data-testid="retention-dry-run">
            {t('privacy.retention.dryRun')}
          </Button>
          {result && !result.done && (
            <Popconfirm
              title={t('privacy.retention.runConfirm', { cutoff })}
              okText={t('privacy.retention.run')}
              okButtonProps={{ danger: true }}
              onConfirm={() => anonymize(result.report.cutoff)}
            >
              <Button danger loading={run.isPending} data-testid="retention-run">
                {t('privacy.retention.run')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}
