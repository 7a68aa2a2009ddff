import type { AppNotification } from '@app/api/sla-types';
import { App, Button, Flex } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { notificationLink, useNotificationText } from './notification-text';
import { useOpenNotification } from './use-open-notification';

const TOAST_SECONDS = 8;

/** Pops a new notification up in the corner, with a button to its ticket. */
export function useNotificationToast(): (notification: AppNotification) => void {
  const { t } = useTranslation();
  const { notification: toasts } = App.useApp();
  const describe = useNotificationText();
  const openNotification = useOpenNotification();
  return useCallback(
    (notification) => {
      const text = describe(notification);
      const key = `notification-${notification.id}`;
      toasts.warning({
        key,
        title: text.title,
        description: (
          <Flex vertical data-testid="notification-toast">
            {text.ticket && <span>{text.ticket}</span>}
            {text.due && <span>{text.due}</span>}
          </Flex>
        ),
        duration: TOAST_SECONDS,
        actions: notificationLink(notification) ? (
          <Button
            type="primary"
            size="small"
            onClick={() => {
              toasts.destroy(key);
              openNotification(notification);
            }}
          >
            {t('notifications.open')}
          </Button>
        ) : undefined,
      });
    },
    [t, toasts, describe, openNotification],
  );
}
