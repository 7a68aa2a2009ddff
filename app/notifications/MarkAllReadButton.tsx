import { useMarkAllNotificationsRead } from '@app/api/notifications';
import { problemMessage } from '@app/i18n/problem-message';
import { App, Button, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';

/** 全部已读, in the bell's panel and on the notifications page. */
export function MarkAllReadButton({ unreadCount, ...button }: { unreadCount: number } & ButtonProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const markAllRead = useMarkAllNotificationsRead();
  return (
    <Button
      {...button}
      disabled={unreadCount === 0}
      loading={markAllRead.isPending}
      onClick={() =>
        markAllRead.mutate(undefined, {
          onSuccess: () => void message.success(t('notifications.allRead')),
          onError: (error) => void message.error(problemMessage(t, error)),
        })
      }
    >
      {t('notifications.markAllRead')}
    </Button>
  );
}
