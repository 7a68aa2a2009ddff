/**
 * The WeChat Official Account (公众号) adapter. WeChat calls the webhook URL to check it (GET, echostr) and to push
 * messages and events (POST, plaintext or AES-encrypted XML); Kefu answers `success` once the message is stored
 * and replies later through the 客服消息 API, within the 48 hours after the customer's last message.
 */
import { HttpProblem } from '@server/http/problem';
import type { InboundAttachment, InboundMessage } from '@server/intake/inbound-message';
import type { OutboundMessage, SendResult } from '../adapter';
import type { PlatformAdapter, PlatformDeps, PlatformRequest, PlatformResponse } from '../platform/contract';
import type { ChannelAccount } from '../repo';
import { accountConfig, downloadUrl, fetchAccessToken, sendFailure, WechatOaClient } from './client';
import {
  attachmentOf,
  type InboundPlan,
  isWechatMediaUrl,
  MEDIA_MISSING_MARKER,
  MEDIA_UNSUPPORTED_MARKER,
  type MediaToFetch,
  planInbound,
} from './inbound';
import { openPush, verifyServerUrl, type WechatOaSecrets } from './verify';

/**
 * WeChat gives up on an answer after 5 seconds (and pushes again, three times in all); the file download gets the
 * part of that the intake does not need.
 */
export const MEDIA_BUDGET_MS = 3_000;

const SUCCESS: PlatformResponse = { status: 200, contentType: 'text/plain; charset=utf-8', body: 'success' };

function secretsOf(account: ChannelAccount): WechatOaSecrets {
  const { settings, credentials } = accountConfig(account);
  return {
    appId: settings.appId,
    encryption: settings.encryption,
    token: credentials.token,
    encodingAesKeys: [credentials.encodingAesKey, credentials.previousEncodingAesKey].filter(
      (key): key is string => Boolean(key),
    ),
  };
}

export function createWechatOaAdapter(deps: PlatformDeps): PlatformAdapter {
  const client = new WechatOaClient(deps.tokens);

  /** The customer's file, or why there is none; never longer than the budget, never thrown. */
  async function fetchMedia(
    account: ChannelAccount,
    media: MediaToFetch,
    messageId: string,
  ): Promise<{ attachment: InboundAttachment | null; marker: string | null }> {
    const signal = AbortSignal.timeout(MEDIA_BUDGET_MS);
    const sources = [
      () => client.downloadMedia(account, media.mediaId, signal),
      ...(media.picUrl && isWechatMediaUrl(media.picUrl, accountConfig(account).settings.apiBaseUrl)
        ? [() => downloadUrl(media.picUrl as string, signal)]
        : []),
    ];
    for (const download of sources) {
      try {
        const attachment = attachmentOf(media, messageId, await download());
        return { attachment, marker: attachment ? null : MEDIA_UNSUPPORTED_MARKER };
      } catch (error) {
        deps.log.warn(
          {
            accountId: account.row.id,
            kind: media.kind,
            err: error instanceof Error ? error.name : 'unknown',
          },
          'wechat media download failed',
        );
      }
    }
    return { attachment: null, marker: MEDIA_MISSING_MARKER };
  }

  async function alreadyStored(account: ChannelAccount, externalId: string): Promise<boolean> {
    const receipt = await deps.db
      .selectFrom('inbound_receipts')
      .select('message_id')
      .where('workspace_id', '=', account.row.workspace_id)
      .where('channel_account_id', '=', account.row.id)
      .where('external_id', '=', externalId)
      .executeTakeFirst();
    return receipt !== undefined;
  }

  async function inboundOf(
    account: ChannelAccount,
    plan: Extract<InboundPlan, { store: true }>,
  ): Promise<InboundMessage> {
    // WeChat pushes again when the first answer was slow, which is when downloads are slow: a push already stored
    // skips the download (the intake answers it as a duplicate).
    const fetched =
      plan.media && !(await alreadyStored(account, plan.externalId))
        ? await fetchMedia(account, plan.media, plan.externalId)
        : null;
    return {
      workspaceId: account.row.workspace_id,
      channelAccountId: account.row.id,
      platform: account.row.platform,
      externalId: plan.externalId,
      conversationId: plan.openid,
      sender: { id: plan.openid },
      text: fetched?.marker ? `${plan.text} ${fetched.marker}` : plan.text,
      attachments: fetched?.attachment ? [fetched.attachment] : [],
      sentAt: plan.sentAt,
    };
  }

  async function webhook(request: PlatformRequest, account: ChannelAccount): Promise<PlatformResponse> {
    const secrets = secretsOf(account);
    if (request.method === 'GET') {
      return {
        status: 200,
        contentType: 'text/plain; charset=utf-8',
        body: verifyServerUrl(request.query, secrets),
      };
    }
    const push = openPush({
      query: request.query,
      body: request.body,
      secrets,
      nowSeconds: Math.floor(Date.now() / 1000),
    });
    const plan = planInbound(push, { contactMenuKeys: accountConfig(account).settings.contactMenuKeys });
    if (!plan.store) return SUCCESS;
    // The download happens before the intake's transaction: no transaction waits on WeChat.
    const message = await inboundOf(account, plan);
    const [result] = await deps.intake.accept([message]);
    deps.log.info(
      { accountId: account.row.id, status: result?.status, messageId: result?.messageId },
      'wechat push stored',
    );
    return SUCCESS;
  }

  async function send(
    message: OutboundMessage,
    account: ChannelAccount,
    options: { timeoutMs: number },
  ): Promise<SendResult> {
    const images = message.attachments.filter((file) => file.contentType.startsWith('image/'));
    if (images.length < message.attachments.length) {
      return {
        ok: false,
        code: 'rejected',
        message: '公众号客服消息只能发送文字和图片 (WeChat custom messages carry text and images only)',
        permanent: true,
      };
    }
    const signal = AbortSignal.timeout(options.timeoutMs);
    const touser = message.conversationId;
    try {
      // Uploads first: a failed upload then leaves the customer with nothing instead of half a reply.
      const mediaIds: string[] = [];
      for (const image of images) {
        mediaIds.push(
          await client.uploadImage(
            account,
            {
              filename: image.filename,
              contentType: image.contentType,
              content: Buffer.from(image.contentBase64, 'base64'),
            },
            signal,
          ),
        );
      }
      let platformMessageId: string | null = null;
      let partsSent = 0;
      if (message.text.trim()) {
        const answer = await client.sendCustomMessage(
          account,
          { touser, msgtype: 'text', text: { content: message.text } },
          signal,
        );
        platformMessageId = answer.msgid === undefined ? null : String(answer.msgid);
        partsSent++;
      }
      try {
        for (const mediaId of mediaIds) {
          await client.sendCustomMessage(
            account,
            { touser, msgtype: 'image', image: { media_id: mediaId } },
            signal,
          );
          partsSent++;
        }
      } catch (error) {
        if (partsSent === 0) throw error;
        // custom/send has no idempotency key: a retry would show the customer the text again. The agent sees
        // what went out and sends the picture once more by hand.
        const failure = sendFailure(error);
        deps.log.warn({ accountId: account.row.id, code: failure.code }, 'wechat reply partly sent');
        return { ...failure, permanent: true, message: `文字已发送，图片未发送：${failure.message}` };
      }
      return { ok: true, platformMessageId };
    } catch (error) {
      const failure = sendFailure(error);
      deps.log.warn({ accountId: account.row.id, code: failure.code }, 'wechat custom message not sent');
      return failure;
    }
  }

  return {
    kind: 'wechat_oa',
    receive() {
      throw new HttpProblem(404, 'unknown_channel', 'WeChat messages arrive through the platform webhook');
    },
    webhook,
    send,
    async testConnection(account) {
      // A token of its own, not the shared one: only a fresh request proves the AppID, the AppSecret and the IP
      // whitelist as they are now. WeChat keeps the previous token valid for five minutes meanwhile.
      try {
        await fetchAccessToken(account);
        return { ok: true, detail: 'access_token 已获取 (access_token obtained)' };
      } catch (error) {
        return { ok: false, detail: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
