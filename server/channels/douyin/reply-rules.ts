/**
 * Douyin's reply rule, without I/O: "用户发送信息后,可在48小时内,至多回复5条信息" (回复文字/图片格式的客服消息).
 * Kefu checks it before calling the platform: the call would only be refused, and the agent learns at once why
 * the reply cannot go out instead of after a round trip. The reply endpoints' error codes are not published, so a
 * refusal the platform does send is read from the codes that are (access_token) and from its message's words.
 */
import type { DeliveryErrorCode } from '../adapter';
import { PLATFORM_KINDS } from '../platform/kinds';

const RULE = PLATFORM_KINDS.douyin.replyWindow;
export const REPLY_WINDOW_MS = RULE.hours * 3_600_000;
export const MAX_REPLIES_PER_MESSAGE = RULE.maxReplies;

export type ReplyAllowance = { allowed: true } | { allowed: false; code: DeliveryErrorCode; message: string };

/** Whether one more reply fits: inside 48 h of the customer's last message, fewer than 5 replies since it. */
export function replyAllowance(options: {
  lastInboundAt: Date | null;
  repliesSinceLastInbound: number;
  now: Date;
}): ReplyAllowance {
  // A conversation without a recorded message: nothing to judge by, the platform decides.
  if (!options.lastInboundAt) return { allowed: true };
  if (options.now.getTime() - options.lastInboundAt.getTime() > REPLY_WINDOW_MS) {
    return {
      allowed: false,
      code: 'window_expired',
      message: `Douyin accepts replies only within ${RULE.hours} hours of the customer's last message`,
    };
  }
  if (options.repliesSinceLastInbound >= MAX_REPLIES_PER_MESSAGE) {
    return {
      allowed: false,
      code: 'quota_exhausted',
      message: `Douyin accepts at most ${MAX_REPLIES_PER_MESSAGE} replies per customer message; wait for the customer to write again`,
    };
  }
  return { allowed: true };
}

/** access_token 不合法 (小游戏/直播 OpenAPI) and access_token 过期 (开放平台 通用状态码). */
const TOKEN_ERRORS = new Set([40004, 28001008]);

export type RefusalMeaning =
  | { kind: 'token_expired' }
  | { kind: 'failure'; code: DeliveryErrorCode; permanent: boolean };

/** What a refused reply means for the agent. */
export function refusalMeaning(errNo: number, message: string): RefusalMeaning {
  if (TOKEN_ERRORS.has(errNo) || /access[_-]?token/i.test(message)) return { kind: 'token_expired' };
  // 100002 触发频控 is the platform's documented "retry later" code (on the push side).
  if (errNo === 100002 || /频控|频率|too many|rate/i.test(message)) {
    return { kind: 'failure', code: 'transient', permanent: false };
  }
  if (/48|时限|时间|超时|过期|window|expired/i.test(message)) {
    return { kind: 'failure', code: 'window_expired', permanent: true };
  }
  if (/5\s*条|条数|次数|上限|limit|quota/i.test(message)) {
    return { kind: 'failure', code: 'quota_exhausted', permanent: true };
  }
  if (/open_?id|用户|会话|conversation|user/i.test(message)) {
    return { kind: 'failure', code: 'invalid_recipient', permanent: true };
  }
  return { kind: 'failure', code: 'rejected', permanent: true };
}
