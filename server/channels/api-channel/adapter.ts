/**
 * The signed API channel: a connector (the team's own, or an ISV bridge for 千牛, 抖店, 京东…) posts signed JSON
 * to Kefu, and Kefu posts replies to the connector's callback URL, signed the same way.
 */
import type { InboundMessage } from '@server/intake/inbound-message';
import type { z } from 'zod';
import type { ChannelAdapter, DeliveryErrorCode, OutboundMessage, SendResult } from '../adapter';
import type { ChannelAccount } from '../repo';
import { inboundBatchBody, inboundMessageBody } from '../schema';
import { parseJsonBody, validationProblem, verifySignedRequest } from './request';
import { signedHeaders } from './signature';

function normalise(account: ChannelAccount, message: z.infer<typeof inboundMessageBody>): InboundMessage {
  return {
    workspaceId: account.row.workspace_id,
    channelAccountId: account.row.id,
    platform: account.row.platform,
    externalId: message.externalId,
    conversationId: message.conversationId ?? message.sender.id,
    sender: message.sender,
    text: message.text,
    attachments: message.attachments.map((attachment) => ({
      filename: attachment.filename,
      declaredType: attachment.contentType,
      content: Buffer.from(attachment.contentBase64, 'base64'),
    })),
    sentAt: message.sentAt ? new Date(message.sentAt) : null,
  };
}

/** A connector's 4xx answer names why a reply cannot be delivered; these codes are final. */
const PERMANENT_CODES = new Set(['window_expired', 'quota_exhausted', 'blocked', 'invalid_recipient']);

async function readCallbackAnswer(
  response: Response,
): Promise<{ code?: string; detail?: string; platformMessageId?: string }> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    return {
      code: typeof parsed.code === 'string' ? parsed.code : undefined,
      detail: typeof parsed.detail === 'string' ? parsed.detail.slice(0, 500) : undefined,
      platformMessageId:
        typeof parsed.platformMessageId === 'string' ? parsed.platformMessageId.slice(0, 200) : undefined,
    };
  } catch {
    return {};
  }
}

export const apiChannelAdapter: ChannelAdapter = {
  kind: 'api',

  receive(request, account, now) {
    verifySignedRequest(request, account, now);
    const json = parseJsonBody(request.body);
    if (request.variant === 'batch') {
      const parsed = inboundBatchBody.safeParse(json);
      if (!parsed.success) throw validationProblem(parsed.error);
      return parsed.data.messages.map((message) => normalise(account, message));
    }
    const parsed = inboundMessageBody.safeParse(json);
    if (!parsed.success) throw validationProblem(parsed.error);
    return [normalise(account, parsed.data)];
  },

  async send(message: OutboundMessage, account, options): Promise<SendResult> {
    const url = account.row.callback_url;
    if (!url)
      return { ok: false, code: 'rejected', message: 'The channel has no callback URL', permanent: true };
    const body = JSON.stringify({
      type: 'message',
      idempotencyKey: message.idempotencyKey,
      messageId: message.messageId,
      ticketId: message.ticketId,
      ticketNumber: message.ticketNumber,
      conversationId: message.conversationId,
      text: message.text,
      attachments: message.attachments,
      createdAt: message.createdAt.toISOString(),
    });
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          ...signedHeaders(account.secrets[0] as string, body),
          'idempotency-key': message.idempotencyKey,
        },
        body,
        signal: AbortSignal.timeout(options.timeoutMs),
        redirect: 'error',
      });
    } catch (error) {
      const timedOut =
        error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      return {
        ok: false,
        code: 'transient',
        message: timedOut
          ? `No answer within ${options.timeoutMs / 1000} s`
          : 'The callback URL could not be reached',
        permanent: false,
      };
    }
    const answer = await readCallbackAnswer(response);
    if (response.ok) return { ok: true, platformMessageId: answer.platformMessageId ?? null };
    const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
    if (retryable) {
      return {
        ok: false,
        code: response.status === 429 ? 'quota_exhausted' : 'transient',
        message: answer.detail ?? `The connector answered ${response.status}`,
        permanent: false,
      };
    }
    const code = answer.code && PERMANENT_CODES.has(answer.code) ? answer.code : 'rejected';
    return {
      ok: false,
      code: code as DeliveryErrorCode,
      message: answer.detail ?? `The connector answered ${response.status}`,
      permanent: true,
    };
  },
};
