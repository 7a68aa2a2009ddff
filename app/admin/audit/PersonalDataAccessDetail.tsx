import type { AuditEvent } from '@app/api/types';
import { piiKindLabel } from '@app/privacy/pii-kinds';
import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

function Line({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {label}: {children}
    </Typography.Text>
  );
}

/** A reveal (or a refused one): which kind of data, on which ticket and customer, and the reason given. */
export function PersonalDataAccessDetail({ detail }: { detail: AuditEvent['detail'] }) {
  const { t } = useTranslation();
  const ticketId = text(detail.ticketId);
  const ticketNumber = text(detail.ticketNumber);
  const customerId = text(detail.customerId);
  const customerNumber = text(detail.customerNumber);
  const reason = text(detail.reason);

  return (
    <Flex vertical style={{ maxWidth: 360 }}>
      <Line label={t('audit.reveal.kind')}>{piiKindLabel(t, detail.kind)}</Line>
      {ticketNumber && (
        <Line label={t('audit.reveal.ticket')}>
          {ticketId ? (
            <Link to={`/tickets/${ticketId}`} data-testid="audit-ticket-link">
              {ticketNumber}
            </Link>
          ) : (
            ticketNumber
          )}
        </Line>
      )}
      {customerNumber && (
        <Line label={t('audit.reveal.customer')}>
          {customerId ? <Link to={`/customers/${customerId}`}>{customerNumber}</Link> : customerNumber}
        </Line>
      )}
      {reason && (
        <Line label={t('audit.reveal.reason')}>
          <Typography.Text style={{ fontSize: 12 }} data-testid="audit-reveal-reason">
            {reason}
          </Typography.Text>
        </Line>
      )}
    </Flex>
  );
}
