/**
 * Douyin's reply rule, without I/O: "用户发送信息后,可在48小时内,至多回复5条信息" (回复文字/图片格式的客服消息).
 * Kefu checks it before calling the platform: the call would only be refused, and the agent learns at once why
 * the reply cannot go out instead of after a round trip. The reply endpoints' error codes are not published, so a
 * refusal the platform does send is read from the codes that are (access_token, 频控) and from specific phrases.
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
/** 触发频控, the platform's documented "retry later" code (on the push side). */
const RATE_LIMITED = 100002;

/**
 * Refusal wording, for the reply endpoints whose err_no values are not published. Each pattern names the rule it
 * stands for, not a word that merely occurs in it: a message that mentions "48" (an amount, an id) or a user is not
 * evidence of an expired window or a wrong recipient, and an unknown refusal stays `rejected`.
 */
const WORDED: [RegExp, { code: DeliveryErrorCode; permanent: boolean }][] = [
  [/频控|频率限制|too many requests|rate[ _-]?limit/i, { code: 'transient', permanent: false }],
  [
    /(?<!\d)48\s*(?:个)?小时|(?<!\d)48\s*h(?:ours?)?\b|时限|reply window/i,
    { code: 'window_expired', permanent: true },
  ],
  [/(?<!\d)[5五]\s*条|上限|quota/i, { code: 'quota_exhausted', permanent: true }],
  [
    /会话不存在|会话已失效|用户不存在|用户不可达|conversation (?:not found|does not exist)|invalid (?:open_?id|conversation)/i,
    { code: 'invalid_recipient', permanent: true },
  ],
];

export type RefusalMeaning =
  | { kind: 'token_expired' }
  | { kind: 'failure'; code: DeliveryErrorCode; permanent: boolean };

/** What a refused reply means for the agent: by err_no where Douyin publishes it, then by specific wording. */
export function refusalMeaning(errNo: number, message: string): RefusalMeaning {
  // Only the code drops the shared token: a message that merely mentions access_token (a missing scope, a
  // parameter complaint) would otherwise make every process fetch a new one and shorten the others' to 5 minutes.
  if (TOKEN_ERRORS.has(errNo)) return { kind: 'token_expired' };
  if (errNo === RATE_LIMITED) return { kind: 'failure', code: 'transient', permanent: false };
  const worded = WORDED.find(([pattern]) => pattern.test(message))?.[1];
  return { kind: 'failure', ...(worded ?? { code: 'rejected', permanent: true }) };
}
