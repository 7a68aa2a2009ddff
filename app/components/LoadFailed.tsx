import { problemMessage } from '@app/i18n/problem-message';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';

/** Shown in place of a page whose data could not be loaded. */
export function LoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Result
      status="warning"
      title={t('common.loadFailed')}
      subTitle={problemMessage(t, error)}
      extra={<Button onClick={onRetry}>{t('common.retry')}</Button>}
    />
  );
}
