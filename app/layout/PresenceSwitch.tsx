import { DownOutlined } from '@ant-design/icons';
import { useMyPresence, useSetMyPresence } from '@app/api/routing';
import { PresenceBadge } from '@app/components/PresenceBadge';
import { problemMessage } from '@app/i18n/problem-message';
import { useCan, useSession } from '@app/session/use-session';
import { PRESENCE_STATES, type PresenceState } from '@shared/routing';
import { App, Button, Dropdown, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * 在线 / 离开 / 离线 in the header: only online agents get tickets by rotation, so stepping away from the desk is
 * one click. Idle agents turn away by themselves after a while.
 */
export function PresenceSwitch() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const can = useCan();
  const presence = useMyPresence(me, { canReadTeams: can('routing:read') });
  const setPresence = useSetMyPresence();

  const choose = (next: PresenceState) =>
    setPresence.mutate(next, {
      onSuccess: () => void message.success(t('presence.changed', { presence: t(`presence.${next}`) })),
      onError: (error) => void message.error(problemMessage(t, error)),
    });

  const items: MenuProps['items'] = PRESENCE_STATES.map((state) => ({
    key: state,
    label: <PresenceBadge presence={state} />,
    onClick: () => choose(state),
  }));

  return (
    <Dropdown
      menu={{ items, selectable: true, selectedKeys: presence ? [presence] : [] }}
      trigger={['click']}
      placement="bottomRight"
    >
      <Button
        type="text"
        size="small"
        loading={setPresence.isPending}
        aria-label={t('presence.label')}
        data-testid="presence-switch"
        data-presence={presence ?? 'unknown'}
      >
        {presence ? <PresenceBadge presence={presence} /> : t('presence.label')}
        <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}
