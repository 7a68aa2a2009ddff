import { z } from 'zod';

// 公众号 and 企业微信 share the callback signing scheme (WXBizMsgCrypt), so their admin consoles impose the same rules
// on these two fields; one definition keeps both kinds' validation and messages in step.

/** 令牌 (Token): 3–32 letters and digits. */
export const wechatTokenField = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{3,32}$/, 'The Token is 3–32 letters and digits');

/** 消息加解密密钥 (EncodingAESKey): 43 characters of Base64 without padding. */
export const wechatEncodingAesKeyField = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9+/]{43}$/, 'The EncodingAESKey is 43 letters and digits');
