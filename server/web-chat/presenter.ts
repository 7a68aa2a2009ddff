import type { Localized, WebChatSettingsRow } from '@server/db/web-chat-tables';
import type { WidgetLocale } from '@shared/web-chat';

export const widgetLocale = (value: string | undefined | null): WidgetLocale =>
  value?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';

export const localized = (text: Localized, locale: string): string =>
  text[widgetLocale(locale)] || text['zh-CN'];

/** The settings as the admin page edits them. */
export function presentWebChatSettings(row: WebChatSettingsRow, origin: string, workspaceSlug: string) {
  return {
    enabled: row.enabled,
    widgetKey: row.widget_key,
    welcome: row.welcome,
    greeting: row.greeting,
    preChat: row.pre_chat,
    ratingScale: row.rating_scale,
    calendarId: row.calendar_id,
    allowedOrigins: row.allowed_origins,
    identitySecretHint: row.identity_secret_hint,
    uploadMaxBytes: row.upload_max_bytes,
    embedSnippet: `<script src="${origin}/widget.js" data-key="${row.widget_key}" async></script>`,
    lookupPath: `/lookup/${workspaceSlug}`,
  };
}
