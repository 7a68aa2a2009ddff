import { NumberOutlined, SafetyOutlined } from '@ant-design/icons';
import { isApiProblem } from '@app/api/problem';
import { type LookupResult, useLookUpTicket } from '@app/api/ticket-lookup';
import { useFormatDateTime } from '@app/components/use-format-date';
import { problemMessage } from '@app/i18n/problem-message';
import { Alert, Button, Form, Input } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

interface LookupFields {
  number: string;
  factor: string;
}

const FACTOR_PATTERN = /^(?:\d{4}|[^@\s]+@[^@\s]+)$/;

function lookupErrorMessage(t: TFunction, error: unknown, formatTime: (iso: string) => string): string {
  if (!isApiProblem(error)) return problemMessage(t, error);
  if (error.code === 'lookup_not_found') return t('ticketLookup.notFound');
  if (error.code === 'lookup_locked' && error.retryAfterSeconds) {
    return t('ticketLookup.locked', {
      time: formatTime(new Date(Date.now() + error.retryAfterSeconds * 1000).toISOString()),
    });
  }
  if (error.status === 429) return t('ticketLookup.rateLimited');
  return problemMessage(t, error);
}

/** Ticket number and verification factor; hands the found ticket and its token up. */
export function LookupForm({
  workspace,
  notice,
  onFound,
}: {
  workspace: string;
  /** Why the customer is back at the form (the page expired), if they did not come here fresh. */
  notice?: string;
  onFound: (result: LookupResult) => void;
}) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const lookUp = useLookUpTicket();

  const submit = (fields: LookupFields) =>
    lookUp.mutate(
      { workspace, number: fields.number.trim(), factor: fields.factor.trim() },
      { onSuccess: onFound },
    );

  return (
    <>
      {lookUp.isError ? (
        <Alert
          type="error"
          showIcon
          title={lookupErrorMessage(t, lookUp.error, (iso) => formatDateTime(iso))}
          style={{ marginBottom: 16 }}
          data-testid="lookup-error"
        />
      ) : notice ? (
        <Alert type="info" showIcon title={notice} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<LookupFields>
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        disabled={lookUp.isPending}
      >
        <Form.Item
          name="number"
          label={t('ticketLookup.number')}
          htmlFor="lookup-number"
          rules={[{ required: true, whitespace: true, message: t('ticketLookup.numberRequired') }]}
        >
          <Input
            id="lookup-number"
            prefix={<NumberOutlined />}
            placeholder={t('ticketLookup.numberPlaceholder')}
            autoComplete="off"
            maxLength={40}
            autoFocus
          />
        </Form.Item>
        <Form.Item
          name="factor"
          label={t('ticketLookup.factor')}
          htmlFor="lookup-factor"
          extra={t('ticketLookup.factorHelp')}
          rules={[
            { required: true, whitespace: true, message: t('ticketLookup.factorRequired') },
            {
              pattern: FACTOR_PATTERN,
              message: t('ticketLookup.factorInvalid'),
              transform: (v) => v?.trim(),
            },
          ]}
        >
          <Input
            id="lookup-factor"
            prefix={<SafetyOutlined />}
            placeholder={t('ticketLookup.factorPlaceholder')}
            autoComplete="off"
            maxLength={254}
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={lookUp.isPending}
          data-testid="lookup-submit"
        >
          {t('ticketLookup.submit')}
        </Button>
      </Form>
    </>
  );
}
