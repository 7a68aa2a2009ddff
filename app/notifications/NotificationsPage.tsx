import { useNotifications } from '@app/api/notifications';
import { LoadFailed } from '@app/components/LoadFailed';
import { PageHeader } from '@app/components/PageHeader';
import { Card, Empty, Flex, Segmented, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MarkAllReadButton } from './MarkAllReadButton';
import { NotificationItem } from './NotificationItem';
import { useOpenNotification } from './use-open-notification';

const PAGE_LIMIT = 50;

/** Everything the signed-in person was notified of, newest first. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const notifications = useNotifications({ unread: unreadOnly, limit: PAGE_LIMIT });
  const openNotification = useOpenNotification();
  const items = notifications.data?.items ?? [];

  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        extra={
          <Flex gap={12} align="center">
            <Segmented<'all' | 'unread'>
              value={unreadOnly ? 'unread' : 'all'}
              onChange={(value) => setUnreadOnly(value === 'unread')}
              options={[
                { value: 'all', label: t('notifications.filterAll') },
                { value: 'unread', label: t('notifications.filterUnread') },
              ]}
            />
            <MarkAllReadButton unreadCount={notifications.data?.unreadCount ?? 0} />
          </Flex>
        }
      />
      {notifications.isError && !notifications.data ? (
        <LoadFailed error={notifications.error} onRetry={() => void notifications.refetch()} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          {notifications.isPending ? (
            <Skeleton active style={{ padding: 16 }} />
          ) : items.length === 0 ? (
            <Empty
              style={{ padding: 32 }}
              description={unreadOnly ? t('notifications.emptyUnread') : t('notifications.empty')}
            />
          ) : (
            items.map((notification) => (
              <NotificationItem key={notification.id} notification={notification} onOpen={openNotification} />
            ))
          )}
        </Card>
      )}
    </>
  );
}
