import {
  AlertOutlined,
  ClockCircleOutlined,
  EditOutlined,
  ExclamationCircleOutlined,
  RiseOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import type { AppNotification } from '@app/api/sla-types';
import { RelativeTime } from '@app/components/RelativeTime';
import { Badge, Flex, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { notificationLink, useNotificationText } from './notification-text';

const KIND_ICONS: Record<string, ReactNode> = {
  sla_warning: <ClockCircleOutlined style={{ color: '#fa8c16' }} />,
  sla_breached: <ExclamationCircleOutlined style={{ color: '#f5222d' }} />,
  sla_escalated: <RiseOutlined style={{ color: '#f5222d' }} />,
  explanation_required: <EditOutlined style={{ color: '#fa8c16' }} />,
  ticket_assigned: <UserAddOutlined style={{ color: '#1677ff' }} />,
  incident_opened: <AlertOutlined style={{ color: '#f5222d' }} />,
};

/** One notification as a clickable row: what happened, which ticket, when; unread ones carry a dot. */
export function NotificationItem({
  notification,
  onOpen,
}: {
  notification: AppNotification;
  onOpen: (notification: AppNotification) => void;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const text = useNotificationText()(notification);
  const unread = notification.readAt === null;

  return (
    <button
      type="button"
      onClick={() => onOpen(notification)}
      data-testid="notification-item"
      data-unread={unread}
      style={{
        display: 'block',
        width: '100%',
        textAlign: 'start',
        padding: '10px 12px',
        border: 0,
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
        background: unread ? token.colorPrimaryBg : 'transparent',
        cursor: notificationLink(notification) ? 'pointer' : 'default',
        font: 'inherit',
      }}
    >
      <Flex gap={10} align="start">
        <span style={{ fontSize: 16, lineHeight: '22px' }}>
          {KIND_ICONS[notification.kind] ?? <ClockCircleOutlined />}
        </span>
        <Flex vertical style={{ minWidth: 0, flex: 1 }}>
          <Flex justify="space-between" gap={8}>
            <Typography.Text strong={unread}>{text.title}</Typography.Text>
            {unread && <Badge status="processing" aria-label={t('notifications.unread')} />}
          </Flex>
          {text.ticket && (
            <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
              {text.ticket}
            </Typography.Text>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <RelativeTime iso={notification.createdAt} />
            {text.due && ` · ${text.due}`}
          </Typography.Text>
        </Flex>
      </Flex>
    </button>
  );
}
