/**
 * A Douyin push to the webhook URL: checked (signature, age, AppID) before its body is read, parsed, its picture
 * fetched, handed to the intake, and acknowledged `{"success":true}` only after the commit that stores it.
 */
import { detectFileType } from '@server/attachments/file-types';
import { HttpProblem } from '@server/http/problem';
import type { InboundAttachment, InboundMessage } from '@server/intake/inbound-message';
import type { PlatformDeps, PlatformRequest, PlatformResponse } from '../platform/contract';
import { fetchLimited } from '../platform/fetch-limited';
import type { ChannelAccount } from '../repo';
import { DouyinParseError, type DouyinPush, parseDouyinPush } from './parse';
import { type DouyinSettings, douyinSettings } from './settings';
import { verifyDouyinPush } from './signature';

/** x-msg-type of a customer-service message; `verify_request` is the console's check of the URL. */
const MESSAGE_PUSH = 'douyin_microgame_im';
const VERIFY_REQUEST = 'verify_request';

/** The platform waits seconds, not minutes, for the answer: a picture that is slower stays a note. */
const PICTURE_BUDGET_MS = 1500;
const PICTURE_MAX_BYTES = 10 * 1024 * 1024;

/**
 * Where Douyin serves pushed pictures (the published image sample is on lf6-developer-sign.bytemastatic.com; the
 * docs' own assets on lf-cdn-tos.bytescm.com) and ByteDance's other image CDNs. A signed push is still trusted no
 * further than this: a pic_url anywhere else (an internal address, a metadata service) is never requested.
 */
const PICTURE_HOSTS = [
  'bytemastatic.com',
  'bytescm.com',
  'douyinpic.com',
  'douyincdn.com',
  'byteimg.com',
  'pstatp.com',
  'snssdk.com',
  'zijieapi.com',
];

/**
 * Where pic_url may be fetched from: over https from the CDN list, or from the account's own API origin (scheme,
 * host and port — a test's fake serves pictures there, over http when the fake is http). Another port on the API
 * host is not that origin: a push naming 127.0.0.1:5432 gets nothing fetched.
 */
function pictureSource(url: string, settings: DouyinSettings) {
  const api = new URL(settings.apiBaseUrl);
  if (URL.canParse(url) && new URL(url).origin === api.origin) {
    return { allowedHosts: [api.hostname], allowHttp: api.protocol === 'http:' };
  }
  return { allowedHosts: PICTURE_HOSTS, allowHttp: false };
}

const acknowledged: PlatformResponse = {
  status: 200,
  contentType: 'application/json',
  body: JSON.stringify({ success: true }),
};

const header = (request: PlatformRequest, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const PICTURE_TYPES: [string, (head: Buffer) => boolean][] = [
  ['jpg', (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff],
  ['png', (h) => h.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]))],
  ['gif', (h) => h.subarray(0, 4).toString('latin1') === 'GIF8'],
  [
    'webp',
    (h) => h.subarray(0, 4).toString('latin1') === 'RIFF' && h.subarray(8, 12).toString('latin1') === 'WEBP',
  ],
];

/**
 * The picture behind pic_url, or null when it is on a host not on the list, cannot be had in time, is larger than
 * the limit (cut off while streaming) or is not a picture Kefu stores.
 */
async function downloadPicture(
  url: string,
  msgId: string,
  settings: DouyinSettings,
): Promise<InboundAttachment | null> {
  try {
    const { content } = await fetchLimited(url, {
      ...pictureSource(url, settings),
      maxBytes: PICTURE_MAX_BYTES,
      timeoutMs: PICTURE_BUDGET_MS,
    });
    if (content.length === 0) return null;
    const extension = PICTURE_TYPES.find(([, matches]) => matches(content))?.[0];
    const filename = `douyin-${msgId}.${extension ?? 'bin'}`;
    const type = extension ? detectFileType(filename, content.subarray(0, 64)) : null;
    return type ? { filename, declaredType: type, content } : null;
  } catch {
    // LimitedFetchError (foreign host, too large, slow, HTTP error): the message keeps its "[图片]" note.
    return null;
  }
}

/** The message as the intake takes it; a picture that could not be fetched stays a "[图片]" note. */
async function inboundOf(
  push: DouyinPush,
  account: ChannelAccount,
  settings: DouyinSettings,
): Promise<InboundMessage> {
  const attachments: InboundAttachment[] = [];
  let text = push.text;
  if (push.kind === 'image') {
    const picture = push.pictureUrl ? await downloadPicture(push.pictureUrl, push.msgId, settings) : null;
    if (picture) attachments.push(picture);
    else text = '[图片]';
  } else if (push.kind === 'video') {
    // The link is signed and expires; the agent can still open it for a while.
    text = push.videoUrl ? `[视频] ${push.videoUrl}` : '[视频]';
  } else if (push.kind === 'score') {
    text = `[评分] ${push.text}`.trim();
  } else if (push.kind === 'other') {
    text = `[${push.msgType}]`;
  }
  return {
    workspaceId: account.row.workspace_id,
    channelAccountId: account.row.id,
    platform: account.row.platform,
    externalId: push.msgId,
    conversationId: push.conversationId,
    sender: { id: push.openId ?? push.conversationId },
    text: text || (attachments.length > 0 ? '' : '[空消息]'),
    attachments,
    sentAt: push.sentAt,
  };
}

export async function handleDouyinWebhook(
  deps: PlatformDeps,
  request: PlatformRequest,
  account: ChannelAccount,
): Promise<PlatformResponse> {
  if (request.method !== 'POST') {
    // The 抖音客服平台 checks the URL with a signed POST (verify_request); the GET echostr check belonged to the
    // 消息推送客服 that closed on 2025-06-30.
    throw new HttpProblem(405, 'method_not_allowed', 'Douyin pushes arrive by POST');
  }
  const settings = douyinSettings.parse(account.row.settings);
  const token = account.credentials.token?.trim();
  if (!token) {
    // Without the Token nothing can be verified: an empty key would make every signature computable by anyone.
    deps.log.warn({ accountId: account.row.id }, 'douyin push refused: no Token configured');
    throw new HttpProblem(401, 'not_configured', 'The Douyin push Token of this account is not set');
  }
  const appId = header(request, 'x-appid');
  const msgType = header(request, 'x-msg-type');
  const check = verifyDouyinPush({
    headers: {
      appId,
      msgType,
      nonce: header(request, 'x-nonce-str'),
      timestamp: header(request, 'x-timestamp'),
    },
    signature: header(request, 'x-signature'),
    body: request.body,
    token,
    nowMs: Date.now(),
  });
  if (!check.ok) {
    deps.log.warn({ accountId: account.row.id, reason: check.reason }, 'douyin push refused: signature');
    throw new HttpProblem(401, 'bad_signature', `The push signature is ${check.reason}`);
  }
  if (appId !== settings.appId) {
    throw new HttpProblem(403, 'wrong_app', 'The push is for another Douyin app');
  }
  if (msgType === VERIFY_REQUEST) return acknowledged;
  if (msgType !== MESSAGE_PUSH) {
    // A push this channel does not handle (gift_delivery…): taken, so that the platform does not retry it.
    deps.log.info({ accountId: account.row.id, msgType }, 'douyin push ignored');
    return acknowledged;
  }
  let push: DouyinPush;
  try {
    push = parseDouyinPush(request.body);
  } catch (error) {
    if (error instanceof DouyinParseError) throw new HttpProblem(400, 'bad_body', error.message);
    throw error;
  }
  if (push.appId !== settings.appId) {
    throw new HttpProblem(403, 'wrong_app', 'The push is for another Douyin app');
  }
  const message = await inboundOf(push, account, settings);
  const [result] = await deps.intake.accept([message]);
  deps.log.info(
    { accountId: account.row.id, msgId: push.msgId, kind: push.kind, status: result?.status },
    'douyin push stored',
  );
  return acknowledged;
}
