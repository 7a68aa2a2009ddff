import { DisconnectOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRealtimeState } from './realtime-status';

/** A blip (a server restart, a Wi-Fi hand-over) heals by itself; only a longer outage is worth mentioning. */
const QUIET_MS = 4000;

/** Says so in the header when live updates have been down for more than a few seconds; nothing otherwise. */
export function RealtimeStatusBadge() {
  const { t } = useTranslation();
  const state = useRealtimeState();
  const [shown, setShown] = useState(false);

  useEffect(() => {
    if (state === 'open') {
      setShown(false);
      return;
    }
    const timer = setTimeout(() => setShown(true), QUIET_MS);
    return () => clearTimeout(timer);
  }, [state]);

  if (!shown || state === 'open') return null;
  return (
    <Tooltip title={t('header.realtimeHint')}>
      <Tag
        color="warning"
        icon={<DisconnectOutlined />}
        style={{ marginInlineEnd: 0, flexShrink: 0 }}
        role="status"
        data-testid="realtime-status"
        data-state={state}
      >
        {state === 'connecting' ? t('header.realtimeConnecting') : t('header.realtimeReconnecting')}
      </Tag>
    </Tooltip>
  );
}
