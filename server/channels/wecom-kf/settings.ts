import { z } from 'zod';
import { wechatEncodingAesKeyField, wechatTokenField } from '../wechat-crypto/credential-fields';

const baseUrl = z.url({ protocol: /^https?$/ }).max(500);

/** 企业微信 微信客服: the CorpID, the 客服账号 (open_kfid) and the welcome sent on entering a session. */
export const wecomKfSettings = z.object({
  corpId: z
    .string()
    .trim()
    .regex(/^ww[0-9a-zA-Z]{14,30}$|^wx[0-9a-f]{16}$/, 'A CorpID looks like ww…'),
  /**
   * The 客服账号 (open_kfid, wk…) this channel serves; empty: every 客服账号 of the corp that calls back. Replies
   * always come from the 客服账号 the customer wrote to.
   */
  openKfId: z.string().trim().max(64).default(''),
  /** Sent with `welcome_code` when a customer enters the session; empty: none. */
  welcomeMessage: z.string().trim().max(1000).default(''),
  /** https://qyapi.weixin.qq.com; tests point it at a local fake. */
  apiBaseUrl: baseUrl.default('https://qyapi.weixin.qq.com'),
});

export const wecomKfCredentials = z.object({
  /** 微信客服 Secret. */
  secret: z.string().trim().min(1).max(200),
  token: wechatTokenField,
  encodingAesKey: wechatEncodingAesKeyField,
  previousEncodingAesKey: z.string().optional(),
});
