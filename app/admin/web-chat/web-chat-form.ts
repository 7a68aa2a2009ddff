import type { Localized, WebChatSettings, WebChatSettingsInput } from '@app/api/web-chat';
import type { PreChatFieldName, RatingScale } from '@shared/web-chat';

export const PRE_CHAT_FIELDS: readonly PreChatFieldName[] = ['name', 'phone', 'email', 'order'];
export type PreChatChoice = 'off' | 'optional' | 'required';

const MEGABYTE = 1024 * 1024;

/** The settings as the form edits them: pre-chat fields as one choice each, the upload limit in MB. */
export interface WebChatForm {
  enabled: boolean;
  welcome: Localized;
  greeting: Localized;
  preChatEnabled: boolean;
  preChatFields: Record<PreChatFieldName, PreChatChoice>;
  ratingScale: RatingScale;
  calendarId: string | null;
  allowedOrigins: string[];
  uploadMaxMegabytes: number;
}

export function formOf(settings: WebChatSettings): WebChatForm {
  const preChatFields = Object.fromEntries(PRE_CHAT_FIELDS.map((field) => [field, 'off'])) as Record<
    PreChatFieldName,
    PreChatChoice
  >;
  for (const { field, required } of settings.preChat.fields)
    preChatFields[field] = required ? 'required' : 'optional';
  return {
    enabled: settings.enabled,
    welcome: settings.welcome,
    greeting: settings.greeting,
    preChatEnabled: settings.preChat.enabled,
    preChatFields,
    ratingScale: settings.ratingScale,
    calendarId: settings.calendarId,
    allowedOrigins: settings.allowedOrigins,
    uploadMaxMegabytes: Math.round((settings.uploadMaxBytes / MEGABYTE) * 10) / 10,
  };
}

/** An origin as browsers send it: scheme, host and port, no path and no trailing slash. */
export function normalizeOrigin(value: string): string | null {
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

export function bodyOf(values: WebChatForm): WebChatSettingsInput {
  return {
    enabled: values.enabled,
    welcome: { 'zh-CN': values.welcome['zh-CN'].trim(), en: values.welcome.en.trim() },
    greeting: { 'zh-CN': values.greeting['zh-CN'].trim(), en: values.greeting.en.trim() },
    preChat: {
      enabled: values.preChatEnabled,
      fields: PRE_CHAT_FIELDS.filter((field) => values.preChatFields[field] !== 'off').map((field) => ({
        field,
        required: values.preChatFields[field] === 'required',
      })),
    },
    ratingScale: values.ratingScale,
    calendarId: values.calendarId ?? null,
    allowedOrigins: values.allowedOrigins.flatMap((origin) => normalizeOrigin(origin) ?? []),
    uploadMaxBytes: Math.round(values.uploadMaxMegabytes * MEGABYTE),
  };
}
