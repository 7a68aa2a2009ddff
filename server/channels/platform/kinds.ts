/**
 * The messaging platforms Kefu connects to, without their I/O: the ticket channel each feeds, the settings and
 * secrets an admin enters, and the platform's reply window. The adapters themselves (which need the app's
 * services) are built in ../platforms.ts.
 */
import type { TicketChannel } from '@shared/tickets';
import type { z } from 'zod';
import { douyinCredentials, douyinSettings } from '../douyin/settings';
import { wechatOaCredentials, wechatOaSettings } from '../wechat-oa/settings';
import { wecomKfCredentials, wecomKfSettings } from '../wecom-kf/settings';
import { whatsappCredentials, whatsappSettings } from '../whatsapp/settings';

export interface ReplyWindowRule {
  /** Hours after the customer's last message during which free-form replies are allowed. */
  hours: number;
  /** Replies allowed per customer message inside the window (Douyin: 5); unlimited when absent. */
  maxReplies?: number;
  /** Outside the window an approved template may still be sent (WhatsApp). */
  templatesOutside?: boolean;
}

export interface PlatformKind {
  /** The ticket channel its tickets carry. */
  platform: TicketChannel;
  /** Public settings (AppID, CorpID, base URLs); shown back to the admin. */
  settings: z.ZodType<Record<string, unknown>>;
  /** Secrets; write-only, sealed under the workspace key. */
  credentials: z.ZodType<Record<string, string>>;
  /**
   * Secrets whose replacement keeps the old value as `previous` + Name, still accepted (WeChat's EncodingAESKey:
   * the platform may still encrypt with the old key for a while after the admin changes it).
   */
  rotatedCredentials: readonly string[];
  replyWindow: ReplyWindowRule;
  /** The platform's own API hosts (subdomains included): the only `apiBaseUrl` an admin may choose by default. */
  officialHosts: readonly string[];
}

export const PLATFORM_KINDS = {
  wechat_oa: {
    platform: 'wechat',
    settings: wechatOaSettings,
    credentials: wechatOaCredentials,
    rotatedCredentials: ['encodingAesKey'],
    replyWindow: { hours: 48 },
    // api.weixin.qq.com and its regional twins (api2., sh.api., sz.api., hk.api.).
    officialHosts: ['weixin.qq.com'],
  },
  wecom_kf: {
    platform: 'wecom',
    settings: wecomKfSettings,
    credentials: wecomKfCredentials,
    rotatedCredentials: ['encodingAesKey'],
    replyWindow: { hours: 48, maxReplies: 5 },
    officialHosts: ['qyapi.weixin.qq.com'],
  },
  whatsapp: {
    platform: 'whatsapp',
    settings: whatsappSettings,
    credentials: whatsappCredentials,
    rotatedCredentials: [],
    replyWindow: { hours: 24, templatesOutside: true },
    officialHosts: ['graph.facebook.com'],
  },
  douyin: {
    platform: 'douyin',
    settings: douyinSettings,
    credentials: douyinCredentials,
    rotatedCredentials: [],
    replyWindow: { hours: 48, maxReplies: 5 },
    officialHosts: ['zijieapi.com', 'developer.toutiao.com', 'open.douyin.com'],
  },
} as const satisfies Record<string, PlatformKind>;

export type PlatformKindName = keyof typeof PLATFORM_KINDS;

export const isPlatformKind = (kind: string): kind is PlatformKindName => Object.hasOwn(PLATFORM_KINDS, kind);

export const platformKind = (kind: string): PlatformKind | undefined =>
  isPlatformKind(kind) ? PLATFORM_KINDS[kind] : undefined;
