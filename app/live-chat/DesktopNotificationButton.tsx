import { BellOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { desktopNotificationsSupported } from './new-chat-alerts';

/** 开启桌面通知: browsers only ask for the permission after a click, so the agent asks for it here. */
export function DesktopNotificationButton() {
  const { t } = useTranslation();
  const [permission, setPermission] = useState(() =>
    desktopNotificationsSupported() ? Notification.permission : 'unsupported',
  );
  if (permission === 'unsupported' || permission === 'granted') return null;
  if (permission === 'denied')
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('liveChat.notifications.denied')}
      </Typography.Text>
    );
  return (
    <Button
      icon={<BellOutlined />}
      onClick={() => void Notification.requestPermission().then(setPermission)}
      data-testid="enable-notifications"
    >
      {t('liveChat.notifications.enable')}
    </Button>
  );
}
