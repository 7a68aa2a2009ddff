/**
 * An agent's reply to a WeChat customer through `kf/send_msg`, and what WeCom's refusals mean to the agent.
 * WeCom lets a 客服账号 send at most 5 messages within 48 hours of the customer's last message, and only while the
 * session is in a state the API may write to (new, or with the 智能助手 — not handed to a human in the WeCom
 * client, not ended).
 */
import { createHash } from 'node:crypto';
import type { OutboundMessage, SendResult } from '../adapter';
import { TokenFetchError } from '../platform/access-tokens';
import type { ChannelAccount } from '../repo';
import { type WecomAnswer, type WecomClient, WecomUnavailableError } from './client';

/**
 * WeCom's errcodes (全局错误码 page of developer.work.weixin.qq.com) as typed delivery failures. Anything not
 * listed is `rejected` (permanent): retrying an answer WeCom gave on purpose would only be refused again.
 */
const REFUSALS: Record<
  number,
  { code: 'quota_exhausted' | 'window_expired' | 'invalid_recipient'; why: string }
> = {
  95001: { code: 'quota_exhausted', why: '已达发送上限：客户消息后 48 小时内最多 5 条' },
  95013: { code: 'window_expired', why: '会话已结束，等客户再次发消息后才能回复' },
  95018: { code: 'window_expired', why: '会话状态不允许接口发送（已转人工接待或已结束）' },
  40096: { code: 'invalid_recipient', why: '客户的 external_userid 无效' },
  95004: { code: 'invalid_recipient', why: '客服账号 open_kfid 不存在' },
};

/** -1 系统繁忙, 45009 / 45033 接口调用过于频繁: WeCom asks to try again later. */
const TRANSIENT = new Set([-1, 45009, 45033]);

/** The result of one `kf/send_msg` answer. */
export function deliveryResultOf(answer: WecomAnswer): SendResult {
  if (answer.errcode === 0) {
    const msgId = answer.body.msgid;
    return { ok: true, platformMessageId: typeof msgId === 'string' ? msgId : null };
  }
  const refusal = REFUSALS[answer.errcode];
  if (refusal)
    return { ok: false, code: refusal.code, message: `${refusal.why} (${answer.errcode})`, permanent: true };
  if (TRANSIENT.has(answer.errcode)) {
    return { ok: false, code: 'transient', message: `企业微信繁忙 (${answer.errcode})`, permanent: false };
  }
  return {
    ok: false,
    code: 'rejected',
    message: `企业微信拒绝了这条消息 (${answer.errcode}: ${answer.errmsg.slice(0, 200)})`,
    permanent: true,
  };
}

/**
 * WeCom's msgid is at most 32 characters of [0-9a-zA-Z_-]; derived from the outbox's idempotency key, so a retry
 * of a reply WeCom already took carries the same msgid and is not shown twice.
 */
export const wecomMsgIdOf = (idempotencyKey: string, part = 0) =>
  createHash('sha256').update(`${idempotencyKey}#${part}`).digest('hex').slice(0, 32);

/** Splits the conversation id the sync gave the intake: `{open_kfid}:{external_userid}`. */
export function recipientOf(conversationId: string): { openKfId: string; externalUserId: string } | null {
  const colon = conversationId.indexOf(':');
  if (colon <= 0 || colon === conversationId.length - 1) return null;
  return { openKfId: conversationId.slice(0, colon), externalUserId: conversationId.slice(colon + 1) };
}

export const conversationIdOf = (openKfId: string, externalUserId: string) => `${openKfId}:${externalUserId}`;

/** Sends the text, then each attachment (images as images, anything else as a file). */
export async function sendWecomReply(
  client: WecomClient,
  account: ChannelAccount,
  message: OutboundMessage,
  timeoutMs: number,
): Promise<SendResult> {
  const recipient = recipientOf(message.conversationId);
  if (!recipient) {
    return { ok: false, code: 'invalid_recipient', message: 'Not a 微信客服 conversation', permanent: true };
  }
  const address = {
    touser: recipient.externalUserId,
    open_kfid: recipient.openKfId,
  };
  try {
    let last: SendResult = { ok: true, platformMessageId: null };
    let part = 0;
    if (message.text.trim()) {
      last = deliveryResultOf(
        await client.sendMessage(
          account,
          {
            ...address,
            msgid: wecomMsgIdOf(message.idempotencyKey, part),
            msgtype: 'text',
            text: { content: message.text },
          },
          timeoutMs,
        ),
      );
      if (!last.ok) return last;
    }
    for (const attachment of message.attachments) {
      part += 1;
      const type = /^image\/(jpeg|png)$/.test(attachment.contentType) ? 'image' : 'file';
      const uploaded = await client.uploadMedia(
        account,
        {
          type,
          filename: attachment.filename,
          contentType: attachment.contentType,
          content: Buffer.from(attachment.contentBase64, 'base64'),
        },
        timeoutMs,
      );
      const mediaId = uploaded.body.media_id;
      if (uploaded.errcode !== 0 || typeof mediaId !== 'string')
        return deliveryResultOf({ ...uploaded, errcode: uploaded.errcode || -1 });
      last = deliveryResultOf(
        await client.sendMessage(
          account,
          {
            ...address,
            msgid: wecomMsgIdOf(message.idempotencyKey, part),
            msgtype: type,
            [type]: { media_id: mediaId },
          },
          timeoutMs,
        ),
      );
      if (!last.ok) return last;
    }
    return last;
  } catch (error) {
    // WeCom refused the credentials (the admin must fix them), or another process is still fetching the token.
    if (error instanceof TokenFetchError) {
      return error.code
        ? { ok: false, code: 'rejected', message: error.message, permanent: true }
        : { ok: false, code: 'transient', message: error.message, permanent: false };
    }
    if (error instanceof WecomUnavailableError) {
      return { ok: false, code: 'transient', message: error.message, permanent: false };
    }
    throw error;
  }
}
