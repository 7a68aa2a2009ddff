/**
 * What an admin fills in for each messaging platform, in the order its console shows the values
 * (server/channels/<folder>/settings.ts is the authority; these rules only spare a round trip).
 */
import type { ChannelAccount, CreateChannelAccountInput, UpdateChannelAccountInput } from '@app/api/types';

export const PLATFORM_KINDS = ['wechat_oa', 'wecom_kf', 'whatsapp', 'douyin'] as const;
export type PlatformKindName = (typeof PLATFORM_KINDS)[number];
export type ChannelKindName = 'api' | PlatformKindName;

export const isPlatformKind = (kind: string): kind is PlatformKindName =>
  (PLATFORM_KINDS as readonly string[]).includes(kind);

/** How a field is entered: secrets are write-only; `generated` is a secret the admin copies into the console. */
export type PlatformFieldInput = 'text' | 'textarea' | 'secret' | 'generated' | 'encryption' | 'keys';

/** Which client-side check a field gets; the message for each is in the locale (platforms.rules). */
export type PlatformFieldRule =
  | 'wechatAppId'
  | 'corpId'
  | 'digits'
  | 'token'
  | 'aesKey'
  | 'douyinAppId'
  | 'douyinToken'
  | 'verifyToken'
  | 'apiVersion'
  | 'httpUrl';

export interface PlatformField {
  name: string;
  /** `settings` are shown back to the admin; `credentials` are sealed and never shown again. */
  group: 'settings' | 'credentials';
  input: PlatformFieldInput;
  /** Needed to create the account (a stored secret may be left empty on edit). */
  required: boolean;
  rule?: PlatformFieldRule;
  placeholder?: string;
  /** The server's default: what an emptied optional setting becomes (so clearing the welcome text clears it). */
  defaultValue?: string | string[];
  maxLength: number;
}

export interface PlatformForm {
  fields: PlatformField[];
  /** Under 高级设置: the platform's API address (tests and proxies) and similar rarely changed values. */
  advanced: PlatformField[];
}

const field = (
  group: PlatformField['group'],
  name: string,
  input: PlatformFieldInput,
  options: Partial<Omit<PlatformField, 'group' | 'name' | 'input'>> = {},
): PlatformField => ({ group, name, input, required: true, maxLength: 200, ...options });

const apiBaseUrl = (placeholder: string) =>
  field('settings', 'apiBaseUrl', 'text', {
    required: false,
    rule: 'httpUrl',
    placeholder,
    defaultValue: placeholder,
    maxLength: 500,
  });

export const PLATFORM_FORMS: Record<PlatformKindName, PlatformForm> = {
  wechat_oa: {
    fields: [
      field('settings', 'appId', 'text', { rule: 'wechatAppId', placeholder: 'wx…', maxLength: 18 }),
      field('credentials', 'appSecret', 'secret'),
      field('credentials', 'token', 'secret', { rule: 'token', maxLength: 32 }),
      field('credentials', 'encodingAesKey', 'secret', { required: false, rule: 'aesKey', maxLength: 43 }),
      field('settings', 'encryption', 'encryption'),
      field('settings', 'contactMenuKeys', 'keys', { required: false, defaultValue: [], maxLength: 128 }),
    ],
    advanced: [apiBaseUrl('https://api.weixin.qq.com')],
  },
  wecom_kf: {
    fields: [
      field('settings', 'corpId', 'text', { rule: 'corpId', placeholder: 'ww…', maxLength: 32 }),
      field('credentials', 'secret', 'secret'),
      field('credentials', 'token', 'secret', { rule: 'token', maxLength: 32 }),
      field('credentials', 'encodingAesKey', 'secret', { rule: 'aesKey', maxLength: 43 }),
      field('settings', 'openKfId', 'text', {
        required: false,
        placeholder: 'wk…',
        defaultValue: '',
        maxLength: 64,
      }),
      field('settings', 'welcomeMessage', 'textarea', { required: false, defaultValue: '', maxLength: 1000 }),
    ],
    advanced: [apiBaseUrl('https://qyapi.weixin.qq.com')],
  },
  whatsapp: {
    fields: [
      field('settings', 'phoneNumberId', 'text', { rule: 'digits', maxLength: 30 }),
      field('settings', 'businessAccountId', 'text', { rule: 'digits', maxLength: 30 }),
      field('credentials', 'accessToken', 'secret', { maxLength: 1000 }),
      field('credentials', 'appSecret', 'secret'),
      field('credentials', 'verifyToken', 'generated', { rule: 'verifyToken' }),
    ],
    advanced: [
      field('settings', 'apiVersion', 'text', {
        required: false,
        rule: 'apiVersion',
        placeholder: 'v21.0',
        defaultValue: 'v21.0',
        maxLength: 10,
      }),
      apiBaseUrl('https://graph.facebook.com'),
    ],
  },
  douyin: {
    fields: [
      field('settings', 'appId', 'text', { rule: 'douyinAppId', placeholder: 'tt…', maxLength: 32 }),
      field('credentials', 'appSecret', 'secret'),
      field('credentials', 'token', 'secret', { rule: 'douyinToken', maxLength: 32 }),
      field('settings', 'senderName', 'text', { required: false, maxLength: 64 }),
    ],
    advanced: [apiBaseUrl('https://minigame.zijieapi.com')],
  },
};

export const FIELD_PATTERNS: Record<PlatformFieldRule, RegExp> = {
  wechatAppId: /^wx[0-9a-f]{16}$/,
  corpId: /^ww[0-9a-zA-Z]{14,30}$|^wx[0-9a-f]{16}$/,
  digits: /^\d{5,30}$/,
  token: /^[A-Za-z0-9]{3,32}$/,
  aesKey: /^[A-Za-z0-9+/]{43}$/,
  douyinAppId: /^tt[0-9a-zA-Z]{8,30}$/,
  douyinToken: /^.{3,32}$/,
  verifyToken: /^\S{8,200}$/,
  apiVersion: /^v\d+\.\d+$/,
  httpUrl: /^https?:\/\/\S+$/i,
};

/** The platform form's values, nested as the API wants them (`settings.appId`, `credentials.token`). */
export interface PlatformFormValues {
  name: string;
  enabled?: boolean;
  rateLimitPerSecond: number;
  /** Text settings, and lists such as the WeChat menu keys. */
  settings: Record<string, SettingValue | undefined>;
  credentials: Record<string, string | undefined>;
}

type SettingValue = string | string[];

/** A trimmed value; undefined when the admin left the field empty (blank text, no list items). */
function trimmed(value: SettingValue | undefined): SettingValue | undefined {
  if (Array.isArray(value)) {
    const items = value.map((item) => item.trim()).filter(Boolean);
    return items.length > 0 ? items : undefined;
  }
  return value?.trim() || undefined;
}

const allFields = (kind: PlatformKindName) => [
  ...PLATFORM_FORMS[kind].fields,
  ...PLATFORM_FORMS[kind].advanced,
];

/**
 * The group's non-empty values. An empty secret means "keep what is stored"; an empty setting means the server's
 * default, which an edit has to spell out (`withDefaults`) because PATCH merges into the stored settings.
 */
function trimmedGroup(
  kind: PlatformKindName,
  group: PlatformField['group'],
  values: PlatformFormValues,
  withDefaults = false,
) {
  const result: Record<string, SettingValue> = {};
  for (const { name, defaultValue } of allFields(kind).filter((candidate) => candidate.group === group)) {
    const value = trimmed(values[group]?.[name]);
    if (value) result[name] = value;
    else if (withDefaults && defaultValue !== undefined) result[name] = defaultValue;
  }
  return result;
}

export function createPlatformBody(
  kind: PlatformKindName,
  values: PlatformFormValues,
): CreateChannelAccountInput {
  return {
    kind,
    name: values.name.trim(),
    rateLimitPerSecond: values.rateLimitPerSecond,
    settings: trimmedGroup(kind, 'settings', values),
    credentials: trimmedGroup(kind, 'credentials', values) as Record<string, string>,
  };
}

/** Only what changed, so the audit log names exactly what was edited; secrets are sent only when retyped. */
export function changedPlatformFields(
  account: ChannelAccount,
  values: PlatformFormValues,
): UpdateChannelAccountInput {
  if (!isPlatformKind(account.kind)) return {};
  const changes: UpdateChannelAccountInput = {};
  if (values.name.trim() !== account.name) changes.name = values.name.trim();
  if (values.enabled !== undefined && values.enabled !== account.enabled) changes.enabled = values.enabled;
  if (values.rateLimitPerSecond !== account.rateLimitPerSecond)
    changes.rateLimitPerSecond = values.rateLimitPerSecond;
  const settings = trimmedGroup(account.kind, 'settings', values, true);
  const changedSettings = Object.fromEntries(
    Object.entries(settings).filter(
      ([name, value]) => JSON.stringify(account.settings[name] ?? '') !== JSON.stringify(value),
    ),
  );
  if (Object.keys(changedSettings).length > 0) changes.settings = changedSettings;
  const credentials = trimmedGroup(account.kind, 'credentials', values) as Record<string, string>;
  if (Object.keys(credentials).length > 0) changes.credentials = credentials;
  return changes;
}

/** The edit form starts from the stored settings; secrets start empty (they are never sent back). */
export function platformFormValues(account: ChannelAccount): PlatformFormValues {
  const settings: Record<string, SettingValue> = {};
  for (const [name, value] of Object.entries(account.settings)) {
    const isTextList = Array.isArray(value) && value.every((item) => typeof item === 'string');
    if (typeof value === 'string' || isTextList) settings[name] = value;
  }
  return {
    name: account.name,
    enabled: account.enabled,
    rateLimitPerSecond: account.rateLimitPerSecond,
    settings,
    credentials: {},
  };
}

/** A verify token the admin pastes into Meta's webhook settings: 32 random URL-safe characters. */
export function generateVerifyToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_');
}

/** The full URL to paste into the platform's console: the server gives the path, the browser knows its address. */
export const webhookUrl = (account: Pick<ChannelAccount, 'webhookPath'>): string =>
  `${window.location.origin}${account.webhookPath ?? ''}`;
