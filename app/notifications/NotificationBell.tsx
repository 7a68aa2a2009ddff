import { BellOutlined } from '@ant-design/icons';
import { recentNotificationsQuery } from '@app/api/notifications';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Empty, Flex, Popover, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MarkAllReadButton } from './MarkAllReadButton';
import { NotificationItem } from './NotificationItem';
import { useOpenNotification } from './use-open-notification';

/** The header bell: unread count on it, the latest notifications under it. */
export function NotificationBell() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const recent = useQuery(recentNotificationsQuery);
  const openNotification = useOpenNotification();
  const unreadCount = recent.data?.unreadCount ?? 0;
  const items = recent.data?.items ?? [];

  const content = (
    <Flex vertical style={{ width: 360 }} data-testid="notification-panel">
      <Flex justify="space-between" align="center" style={{ padding: '0 12px 8px' }}>
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <MarkAllReadButton
          unreadCount={unreadCount}
          type="link"
          size="small"
          data-testid="notifications-read-all"
        />
      </Flex>
      <div style={{ maxHeight: 420, overflowY: 'auto' }}>
        {recent.isPending ? (
          <Flex justify="center" style={{ padding: 24 }}>
            <Spin />
          </Flex>
        ) : items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
        ) : (
          items.map((notification) => (
            <NotificationItem
              key={notification.id}
              notification={notification}
              onOpen={(chosen) => {
                setOpen(false);
                openNotification(chosen);
              }}
            />
          ))
        )}
      </div>
      <Link
        to="/notifications"
        onClick={() => setOpen(false)}
        style={{ padding: '8px 12px 0', textAlign: 'center' }}
      >
        {t('notifications.viewAll')}
      </Link>
    </Flex>
  );

  return (
    <Popover
      content={content}
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      styles={{ container: { padding: '12px 0' } }}
    >
      <Button
        type="text"
        aria-label={
          unreadCount > 0 ? t('notifications.bellUnread', { count: unreadCount }) : t('notifications.bell')
        }
        data-testid="notification-bell"
        data-unread={unreadCount}
      >
        <Badge count={unreadCount} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
