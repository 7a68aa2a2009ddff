import { UploadOutlined } from '@ant-design/icons';
import { useImportCalendarDays } from '@app/api/calendars';
import type { CalendarImportFormat } from '@app/api/sla-types';
import { problemMessage } from '@app/i18n/problem-message';
import { App, Button, Tooltip, Upload } from 'antd';
import { useTranslation } from 'react-i18next';

/** A holiday file is a few kilobytes; anything far larger is not one. */
const MAX_IMPORT_BYTES = 1024 * 1024;

const formatOf = (fileName: string): CalendarImportFormat | null =>
  /\.ics$/i.test(fileName) ? 'ics' : /\.json$/i.test(fileName) ? 'json' : null;

/** Reads an `.ics` or JSON holiday file in the browser and sends its text to the import endpoint. */
export function CalendarImportButton({ calendarId }: { calendarId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const importDays = useImportCalendarDays();

  const importFile = async (file: File) => {
    const format = formatOf(file.name);
    if (!format) {
      void message.error(t('calendars.importUnsupported'));
      return;
    }
    if (file.size > MAX_IMPORT_BYTES) {
      void message.error(t('calendars.importTooLarge'));
      return;
    }
    const content = await file.text();
    importDays.mutate(
      { calendarId, format, content },
      {
        onSuccess: ({ imported }) => void message.success(t('calendars.imported', { count: imported })),
        onError: (error) => void message.error(problemMessage(t, error)),
      },
    );
  };

  return (
    <Upload
      accept=".ics,.json,text/calendar,application/json"
      showUploadList={false}
      beforeUpload={(file) => {
        void importFile(file);
        // Read here and sent as JSON; the component uploads nothing itself.
        return false;
      }}
    >
      <Tooltip title={t('calendars.importHint')}>
        <Button size="small" icon={<UploadOutlined />} loading={importDays.isPending}>
          {t('calendars.import')}
        </Button>
      </Tooltip>
    </Upload>
  );
}
