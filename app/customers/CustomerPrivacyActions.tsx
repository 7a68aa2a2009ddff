import { DeleteOutlined, ExportOutlined } from '@ant-design/icons';
import { useStartPersonalDataExport } from '@app/api/privacy';
import type { Customer, PrivacyJob } from '@app/api/types';
import { problemMessage } from '@app/i18n/problem-message';
import { useCan } from '@app/session/use-session';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErasePersonalDataModal } from './ErasePersonalDataModal';
import { ExportPersonalDataModal } from './ExportPersonalDataModal';

/** The customer's PIPL rights, exercised by an admin on their behalf: a copy of their data, or its erasure. */
export function CustomerPrivacyActions({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const startExport = useStartPersonalDataExport();
  const [exportJob, setExportJob] = useState<PrivacyJob | null>(null);
  const [erasing, setErasing] = useState(false);

  const exportData = () =>
    startExport.mutate(customer.id, {
      onSuccess: setExportJob,
      onError: (error) => void message.error(problemMessage(t, error)),
    });

  return (
    <>
      {can('pii:export') && (
        <Button
          icon={<ExportOutlined />}
          onClick={exportData}
          loading={startExport.isPending}
          data-testid="customer-export"
        >
          {t('privacy.customer.export')}
        </Button>
      )}
      {can('pii:erase') && !customer.erasedAt && (
        <Button
          danger
          icon={<DeleteOutlined />}
          onClick={() => setErasing(true)}
          data-testid="customer-erase"
        >
          {t('privacy.customer.erase')}
        </Button>
      )}
      {exportJob && (
        <ExportPersonalDataModal customer={customer} job={exportJob} onClose={() => setExportJob(null)} />
      )}
      {erasing && <ErasePersonalDataModal customer={customer} onClose={() => setErasing(false)} />}
    </>
  );
}
