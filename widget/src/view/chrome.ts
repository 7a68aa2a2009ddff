import type { WidgetChat, WidgetConfig, WidgetLocale } from '@shared/web-chat';
import type { ConnectionStatus } from '../connection';
import type { Translate } from '../i18n';
import type { PanelParts } from './panel';

export interface ChromeState {
  config: WidgetConfig;
  chat: WidgetChat | null;
  status: ConnectionStatus | 'unavailable';
  agentTyping: boolean;
  unseen: number;
}

const nextOpenText = (iso: string, locale: WidgetLocale) =>
  new Date(iso).toLocaleString(locale, {
    month: 'numeric',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });

/** Everything around the message log: the agent line, the end button, connection and offline bars, badges. */
export function renderChrome(
  parts: PanelParts,
  t: Translate,
  locale: WidgetLocale,
  state: ChromeState,
): void {
  const { config, chat } = state;
  parts.agent.hidden = !chat?.agent;
  if (chat?.agent) parts.agent.textContent = t('agent', { ...chat.agent });
  parts.end.hidden = !chat || chat.state === 'ended';
  const statusText = {
    connecting: t('connecting'),
    down: t('reconnecting'),
    unavailable: t('unavailable'),
    open: '',
  }[state.status];
  parts.status.textContent = statusText;
  parts.status.hidden = !statusText;
  // An agent who is chatting now is the answer, whatever the hours say.
  parts.offline.hidden = config.businessHours.open || chat?.state === 'active';
  const nextOpenAt = config.businessHours.nextOpenAt;
  parts.offline.textContent = nextOpenAt
    ? t('offline', { time: nextOpenText(nextOpenAt, locale) })
    : t('offlineSoon');
  parts.typing.hidden = !state.agentTyping;
  parts.badge.hidden = state.unseen === 0;
  parts.badge.textContent = String(state.unseen);
}
