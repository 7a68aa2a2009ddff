import type { LiveChat } from '@app/api/live-chats';
import type { TFunction } from 'i18next';

/** The customer's name once known; before that "访客 1234" after the ticket number's last digits. */
export function chatTitle(t: TFunction, chat: LiveChat): string {
  return chat.customer?.name || t('liveChat.visitorName', { suffix: chat.ticketNumber.slice(-4) });
}

/** "3 分钟" / "3 min": how long since `iso`, in whole minutes (hours past an hour). */
export function elapsedText(t: TFunction, iso: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));
  if (minutes < 1) return t('liveChat.elapsed.justNow');
  if (minutes < 60) return t('liveChat.elapsed.minutes', { count: minutes });
  return t('liveChat.elapsed.hours', { count: Math.floor(minutes / 60) });
}

/** A rough browser and system name from the user agent, enough to picture what the customer is looking at. */
export function describeUserAgent(userAgent: string): string {
  if (!userAgent) return '';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /MicroMessenger\//.test(userAgent)
      ? 'WeChat'
      : /Firefox\//.test(userAgent)
        ? 'Firefox'
        : /Chrome\//.test(userAgent)
          ? 'Chrome'
          : /Safari\//.test(userAgent)
            ? 'Safari'
            : '';
  const system = /iPhone|iPad/.test(userAgent)
    ? 'iOS'
    : /Android/.test(userAgent)
      ? 'Android'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : '';
  return [browser, system].filter(Boolean).join(' · ');
}
