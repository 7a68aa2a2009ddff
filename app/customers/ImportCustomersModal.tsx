import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useCustomerImport, useStartCustomerImport } from '@app/api/customer-imports';
import { problemMessage } from '@app/i18n/problem-message';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Modal, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadCsvTemplate, readCsvFile } from './csv-file';
import { ImportProgress } from './ImportProgress';

/** The server refuses larger bodies; saying so before reading the file spares a long wait for a 413. */
const MAX_CSV_BYTES = 10 * 1024 * 1024;

interface ChosenFile {
  name: string;
  text: string;
  rows: number;
}

const countDataRows = (text: string) => text.split(/\r?\n/).filter((line) => line.trim() !== '').length - 1;

export function ImportCustomersModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [importId, setImportId] = useState<string>();
  const startImport = useStartCustomerImport();
  const job = useCustomerImport(importId).data;

  const reset = () => {
    setFile(null);
    setFileError(null);
    setImportId(undefined);
    startImport.reset();
  };
  const close = () => {
    reset();
    onClose();
  };

  const choose = async (chosen: File) => {
    setFileError(null);
    if (!/\.csv$/i.test(chosen.name)) {
      setFileError(t('customers.import.notCsv'));
      return;
    }
    if (chosen.size > MAX_CSV_BYTES) {
      setFileError(t('customers.import.tooLarge'));
      return;
    }
    const text = await readCsvFile(chosen);
    setFile({ name: chosen.name, text, rows: Math.max(0, countDataRows(text)) });
  };

  const start = () => {
    if (!file) return;
    startImport.mutate(file.text, {
      onSuccess: (started) => {
        queryClient.setQueryData(['customer-imports', started.id], started);
        setImportId(started.id);
      },
      onError: (error) => void message.error(problemMessage(t, error)),
    });
  };

  const running = job?.status === 'running';
  const footer = job
    ? [
        !running && (
          <Button key="again" onClick={reset}>
            {t('customers.import.another')}
          </Button>
        ),
        <Button key="close" type="primary" onClick={close}>
          {running ? t('customers.import.closeWhileRunning') : t('common.close')}
        </Button>,
      ]
    : [
        <Button key="cancel" onClick={close}>
          {t('common.cancel')}
        </Button>,
        <Button key="start" type="primary" disabled={!file} loading={startImport.isPending} onClick={start}>
          {t('customers.import.start')}
        </Button>,
      ];

  return (
    <Modal open={open} title={t('customers.import.title')} onCancel={close} footer={footer} width={680}>
      {job ? (
        <ImportProgress job={job} />
      ) : (
        <Flex vertical gap={12}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('customers.import.intro')}
          </Typography.Paragraph>
          <div>
            <Button icon={<DownloadOutlined />} onClick={downloadCsvTemplate}>
              {t('customers.import.template')}
            </Button>
          </div>
          <Upload.Dragger
            accept=".csv,text/csv"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(chosen) => {
              void choose(chosen);
              // The file is read here and sent as text/csv, not uploaded as multipart by the component.
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('customers.import.drop')}</p>
            <p className="ant-upload-hint">{t('customers.import.dropHint')}</p>
          </Upload.Dragger>
          {fileError && <Alert type="error" showIcon title={fileError} />}
          {file && (
            <Alert
              type="info"
              showIcon
              title={t('customers.import.chosen', { name: file.name, count: file.rows })}
            />
          )}
        </Flex>
      )}
    </Modal>
  );
}
