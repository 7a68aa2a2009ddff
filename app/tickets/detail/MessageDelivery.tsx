import {
  CheckCircleOutlined,
  CheckOutlined,
  ClockCircleOutlined,
  ExclamationCircleOutlined,
  RedoOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import { useRetryDelivery } from '@app/api/ticket-messages';
import type { DeliveryErrorCode, DeliveryState, MessageDelivery, TicketMessage } from '@app/api/types';
import { useFormatDateTime } from '@app/components/use-format-date';
import { problemMessage } from '@app/i18n/problem-message';
import { zhCN } from '@app/i18n/zh-CN';
import { useCan } from '@app/session/use-session';
import { App, Button, Flex, Tag, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Look {
  color: string;
  icon: ReactNode;
  label: string;
}

type DeliveryStatus = TicketMessage['deliveryStatus'];

/** The message's own delivery status, for replies that do not go through a channel account. */
function DeliveryStatusTag({ status }: { status: DeliveryStatus }) {
  const { t } = useTranslation();
  // Received and internal messages have no delivery to report.
  const looks: Partial<Record<DeliveryStatus, Look>> = {
    pending: { color: 'warning', icon: <ClockCircleOutlined />, label: t('ticket.delivery.pending') },
    sent: { color: 'processing', icon: <CheckOutlined />, label: t('ticket.delivery.sent') },
    delivered: { color: 'success', icon: <CheckOutlined />, label: t('ticket.delivery.delivered') },
    failed: { color: 'error', icon: <ExclamationCircleOutlined />, label: t('ticket.delivery.failed') },
  };
  const look = looks[status];
  if (!look) return null;
  return (
    <Tag color={look.color} icon={look.icon} variant="outlined" style={{ marginInlineEnd: 0 }}>
      {look.label}
    </Tag>
  );
}

const isKnownErrorCode = (code: string): code is DeliveryErrorCode =>
  Object.hasOwn(zhCN.ticket.delivery.errors, code);

/** Why the platform did not take the reply; a code of the platform's own shows as it is. */
const deliveryErrorLabel = (t: TFunction, code: string): string =>
  isKnownErrorCode(code) ? t(`ticket.delivery.errors.${code}`) : t('ticket.delivery.errorOther', { code });

/** Where a reply sent through a channel account stands, with attempts and times on hover. */
function DeliveryStateTag({ delivery }: { delivery: MessageDelivery }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const looks: Record<DeliveryState, Omit<Look, 'label'>> = {
    queued: { color: 'default', icon: <ClockCircleOutlined /> },
    sending: { color: 'processing', icon: <SyncOutlined spin /> },
    sent: { color: 'processing', icon: <CheckOutlined /> },
    delivered: { color: 'success', icon: <CheckOutlined /> },
    read: { color: 'success', icon: <CheckCircleOutlined /> },
    failed: { color: 'error', icon: <ExclamationCircleOutlined /> },
  };
  const look = looks[delivery.state];
  const details: string[] = [];
  if (delivery.attempts > 0) details.push(t('ticket.delivery.attempts', { count: delivery.attempts }));
  if (delivery.state === 'queued' && delivery.nextAttemptAt) {
    details.push(t('ticket.delivery.nextAttempt', { time: formatDateTime(delivery.nextAttemptAt) }));
  }
  details.push(t('ticket.delivery.updatedAt', { time: formatDateTime(delivery.updatedAt) }));

  return (
    <Tooltip title={details.map((line) => <div key={line}>{line}</div>)}>
      <Tag
        color={look.color}
        icon={look.icon}
        variant="outlined"
        style={{ marginInlineEnd: 0 }}
        data-testid="delivery-state"
        data-state={delivery.state}
      >
        {t(`ticket.delivery.states.${delivery.state}`)}
      </Tag>
    </Tooltip>
  );
}

/** The tag in a message's header line: the channel account's delivery where there is one. */
export function DeliveryTag({ message }: { message: TicketMessage }) {
  if (message.direction === 'outbound' && message.delivery) {
    return <DeliveryStateTag delivery={message.delivery} />;
  }
  return <DeliveryStatusTag status={message.deliveryStatus} />;
}

/**
 * Under a reply the platform did not take: the reason (the platform's own words on hover), how often it was tried,
 * and sending it again.
 */
export function DeliveryFailure({ ticketId, message }: { ticketId: string; message: TicketMessage }) {
  const { t } = useTranslation();
  const { message: notice } = App.useApp();
  const can = useCan();
  const retryDelivery = useRetryDelivery(ticketId);
  const { delivery } = message;
  if (message.direction !== 'outbound' || delivery?.state !== 'failed') return null;

  const retry = () =>
    retryDelivery.mutate(message.id, {
      onSuccess: () => void notice.success(t('ticket.delivery.retried')),
      onError: (error) => void notice.error(problemMessage(t, error)),
    });

  return (
    <Flex align="center" gap={8} wrap style={{ marginTop: 8 }} data-testid="delivery-failure">
      {delivery.error && (
        <Tooltip title={delivery.error.message || undefined}>
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            <ExclamationCircleOutlined /> {deliveryErrorLabel(t, delivery.error.code)}
          </Typography.Text>
        </Tooltip>
      )}
      {delivery.attempts > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('ticket.delivery.attempts', { count: delivery.attempts })}
        </Typography.Text>
      )}
      {can('tickets:reply') && (
        <Button
          size="small"
          icon={<RedoOutlined />}
          loading={retryDelivery.isPending}
          onClick={retry}
          data-testid="retry-delivery"
        >
          {t('ticket.delivery.retry')}
        </Button>
      )}
    </Flex>
  );
}
