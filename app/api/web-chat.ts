import type { PreChatFieldName, RatingScale } from '@shared/web-chat';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './client';

export type Localized = { 'zh-CN': string; en: string };

/** GET/PUT /web-chat/settings: the widget of this workspace. */
export interface WebChatSettings {
  enabled: boolean;
  /** Public: it goes in the host page's script tag. */
  widgetKey: string;
  welcome: Localized;
  /** Sent in the agent's name on pick-up; `{agentName}` and `{employeeNo}` are filled in. */
  greeting: Localized;
  preChat: { enabled: boolean; fields: { field: PreChatFieldName; required: boolean }[] };
  ratingScale: RatingScale;
  /** Business hours; null: the workspace's default calendar. */
  calendarId: string | null;
  /** Host origins allowed to embed the widget; empty: any. */
  allowedOrigins: string[];
  /** The end of the identity secret, to tell which one is in use; null: none yet. */
  identitySecretHint: string | null;
  uploadMaxBytes: number;
  embedSnippet: string;
  /** Where customers look their tickets up. */
  lookupPath: string;
}

export type WebChatSettingsInput = Partial<
  Pick<
    WebChatSettings,
    | 'enabled'
    | 'welcome'
    | 'greeting'
    | 'preChat'
    | 'ratingScale'
    | 'calendarId'
    | 'allowedOrigins'
    | 'uploadMaxBytes'
  >
>;

const webChatSettingsKey = ['web-chat', 'settings'] as const;

export function useWebChatSettings() {
  return useQuery({
    queryKey: webChatSettingsKey,
    queryFn: ({ signal }) => apiRequest<WebChatSettings>('/web-chat/settings', { signal }),
  });
}

export function useUpdateWebChatSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WebChatSettingsInput) =>
      apiRequest<WebChatSettings>('/web-chat/settings', { method: 'PUT', body }),
    onSuccess: (settings) => queryClient.setQueryData(webChatSettingsKey, settings),
  });
}

/** A new identity secret: the answer is the only time it is shown. */
export function useRotateIdentitySecret() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiRequest<{ secret: string; settings: WebChatSettings }>('/web-chat/identity-secret', {
        method: 'POST',
      }),
    onSuccess: ({ settings }) => queryClient.setQueryData(webChatSettingsKey, settings),
  });
}
