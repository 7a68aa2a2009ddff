import { z } from 'zod';
import { wechatEncodingAesKeyField, wechatTokenField } from '../wechat-crypto/credential-fields';

const baseUrl = z.url({ protocol: /^https?$/ }).max(500);

/** 公众号 基本配置: the AppID and how messages are encrypted (消息加解密方式). */
export const wechatOaSettings = z.object({
  appId: z
    .string()
    .trim()
    .regex(/^wx[0-9a-f]{16}$/, 'An AppID looks like wx followed by 16 hex digits'),
  /** 明文模式 / 兼容模式 / 安全模式. */
  encryption: z.enum(['plaintext', 'compatible', 'safe']).default('safe'),
  /** https://api.weixin.qq.com; tests point it at a local fake. */
  apiBaseUrl: baseUrl.default('https://api.weixin.qq.com'),
  /**
   * Custom-menu keys (自定义菜单 EventKey) whose CLICK opens a request, e.g. a 「联系客服」 button; other clicks,
   * follows and unfollows are acknowledged without a ticket.
   */
  contactMenuKeys: z.array(z.string().trim().min(1).max(128)).max(20).default([]),
});

export const wechatOaCredentials = z.object({
  appSecret: z.string().trim().min(1).max(200),
  token: wechatTokenField,
  /** Optional: an account in 明文模式 needs none. */
  encodingAesKey: wechatEncodingAesKeyField.optional(),
  previousEncodingAesKey: z.string().optional(),
});
