import type { CustomerImport } from '@app/api/types';
import { Alert, Col, Flex, Progress, Row, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

type RowError = CustomerImport['errors'][number];

const IMPORT_FIELDS = [
  'name',
  'nickname',
  'phone',
  'email',
  'company',
  'tags',
  'notes',
  'channel',
  'external_id',
] as const;
const isImportField = (field: string): field is (typeof IMPORT_FIELDS)[number] =>
  (IMPORT_FIELDS as readonly string[]).includes(field);

/** Where an import stands: a progress bar while it runs, then the counts and every row that failed. */
export function ImportProgress({ job }: { job: CustomerImport }) {
  const { t } = useTranslation();
  const percent = job.total > 0 ? Math.floor((job.processed / job.total) * 100) : 0;
  const running = job.status === 'running';

  return (
    <Flex vertical gap={16}>
      <Progress
        percent={running ? percent : 100}
        status={running ? 'active' : job.status === 'failed' ? 'exception' : 'success'}
        format={() => t('customers.import.progress', { processed: job.processed, total: job.total })}
      />
      {job.status === 'failed' && <Alert type="error" showIcon title={t('customers.import.failedJob')} />}
      {job.status === 'completed' && (
        <Alert
          type={job.failed > 0 ? 'warning' : 'success'}
          showIcon
          title={job.failed > 0 ? t('customers.import.doneWithErrors') : t('customers.import.done')}
        />
      )}
      <Row gutter={16}>
        <Col span={8}>
          <Statistic title={t('customers.import.created')} value={job.created} />
        </Col>
        <Col span={8}>
          <Statistic title={t('customers.import.updated')} value={job.updated} />
        </Col>
        <Col span={8}>
          <Statistic
            title={t('customers.import.failed')}
            value={job.failed}
            styles={{ content: job.failed > 0 ? { color: '#cf1322' } : undefined }}
          />
        </Col>
      </Row>
      {job.errors.length > 0 && (
        <>
          <Typography.Text strong>{t('customers.import.errorsTitle')}</Typography.Text>
          <Table<RowError>
            rowKey={(error) => `${error.row}:${error.field}:${error.message}`}
            dataSource={job.errors}
            size="small"
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={[
              { title: t('customers.import.row'), dataIndex: 'row', width: 80 },
              {
                title: t('customers.import.field'),
                dataIndex: 'field',
                width: 120,
                render: (field: string) =>
                  isImportField(field) ? t(`customers.import.fields.${field}`) : field,
              },
              {
                title: t('customers.import.message'),
                dataIndex: 'code',
                render: (code: string, error: RowError) =>
                  t(`customers.import.codes.${code}`, { defaultValue: error.message }),
              },
            ]}
          />
        </>
      )}
    </Flex>
  );
}
