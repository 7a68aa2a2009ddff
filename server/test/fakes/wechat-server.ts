/**
 * A WeChat Official Account API on 127.0.0.1 for tests, speaking the documented protocol: `/cgi-bin/token`
 * (client_credential; tokens expire, an expired one answers 42001), `/cgi-bin/message/custom/send`,
 * `/cgi-bin/media/get` and `/cgi-bin/media/upload`, with errcode/errmsg JSON. It records what Kefu sent and can be
 * told to refuse (45015 outside the 48-hour window, 45047 over the reply quota). Helpers build the pushes WeChat
 * sends to a server URL, signed (plaintext mode) or encrypted (safe / compatible mode).
 */
import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import { encryptMessage, messageSignature, plainSignature } from '@server/channels/wechat-crypto/crypto';
import { answerJson, startFakeHttp } from './http';

export interface WechatAppCredentials {
  appId: string;
  appSecret: string;
}

export interface SentCustomMessage {
  accessToken: string;
  body: { touser: string; msgtype: string; text?: { content: string }; image?: { media_id: string } };
}

export interface UploadedMedia {
  mediaId: string;
  type: string;
  filename: string;
  contentType: string;
  content: Buffer;
}

interface StoredMedia {
  content: Buffer;
  contentType: string;
  /** Video: media/get answers `{"video_url": …}` and the file is downloaded from there. */
  viaVideoUrl?: boolean;
}

export async function startWechatServer(
  app: WechatAppCredentials,
  options: { tokenExpiresInSeconds?: number } = {},
) {
  const tokens = new Map<string, { expired: boolean }>();
  const media = new Map<string, StoredMedia>();
  const sent: SentCustomMessage[] = [];
  const uploads: UploadedMedia[] = [];
  const state = {
    tokenFetches: 0,
    tokenExpiresInSeconds: options.tokenExpiresInSeconds ?? 7200,
    /** Every custom/send is answered with this errcode while set. */
    sendErrcode: null as number | null,
    /** Like sendErrcode, for image messages only (the text of a reply goes through, its picture does not). */
    imageSendErrcode: null as number | null,
    mediaGets: 0,
    /** Calls refused with 42001 because their token had expired. */
    expiredTokenCalls: 0,
  };
  let baseUrl = '';

  const json = (response: http.ServerResponse, body: unknown, status = 200) =>
    answerJson(response, status, body, 'application/json; encoding=utf-8');
  /** The documented answers for a missing, unknown or expired access_token; null when it is good. */
  const tokenProblem = (token: string | null) => {
    if (!token) return { errcode: 41001, errmsg: 'access_token missing' };
    const known = tokens.get(token);
    if (!known)
      return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' };
    if (known.expired) {
      state.expiredTokenCalls += 1;
      return { errcode: 42001, errmsg: 'access_token expired' };
    }
    return null;
  };

  const server = await startFakeHttp(async (request, response, raw) => {
    const url = new URL(request.url ?? '/', baseUrl);
    const query = url.searchParams;
    if (url.pathname === '/cgi-bin/token' && request.method === 'GET') {
      state.tokenFetches += 1;
      if (query.get('grant_type') !== 'client_credential') {
        return json(response, { errcode: 40002, errmsg: 'invalid grant_type' });
      }
      if (query.get('appid') !== app.appId)
        return json(response, { errcode: 40013, errmsg: 'invalid appid' });
      if (query.get('secret') !== app.appSecret) {
        return json(response, { errcode: 40125, errmsg: 'invalid appsecret' });
      }
      const token = `fake-token-${state.tokenFetches}-${randomBytes(6).toString('hex')}`;
      tokens.set(token, { expired: false });
      return json(response, { access_token: token, expires_in: state.tokenExpiresInSeconds });
    }
    if (url.pathname.startsWith('/files/')) {
      const file = media.get(decodeURIComponent(url.pathname.slice('/files/'.length)));
      if (!file) return json(response, { errcode: 40007, errmsg: 'invalid media_id' }, 404);
      response.writeHead(200, { 'content-type': file.contentType });
      return response.end(file.content);
    }
    const token = query.get('access_token');
    const problem = tokenProblem(token);
    if (problem) return json(response, problem);

    if (url.pathname === '/cgi-bin/message/custom/send' && request.method === 'POST') {
      let body: SentCustomMessage['body'];
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return json(response, { errcode: 47001, errmsg: 'data format error' });
      }
      if (!body.touser) return json(response, { errcode: 40003, errmsg: 'invalid openid' });
      if (state.imageSendErrcode !== null && body.msgtype === 'image') {
        return json(response, { errcode: state.imageSendErrcode, errmsg: 'system error' });
      }
      if (state.sendErrcode !== null) {
        const errmsg =
          state.sendErrcode === 45015
            ? 'response out of time limit or subscription is canceled'
            : state.sendErrcode === 45047
              ? 'out of response count limit'
              : 'refused';
        return json(response, { errcode: state.sendErrcode, errmsg });
      }
      sent.push({ accessToken: token as string, body });
      return json(response, { errcode: 0, errmsg: 'ok' });
    }
    if (url.pathname === '/cgi-bin/media/get' && request.method === 'GET') {
      state.mediaGets += 1;
      const id = query.get('media_id') ?? '';
      const file = media.get(id);
      if (!file) return json(response, { errcode: 40007, errmsg: 'invalid media_id' });
      if (file.viaVideoUrl)
        return json(response, { video_url: `${baseUrl}/files/${encodeURIComponent(id)}` });
      response.writeHead(200, {
        'content-type': file.contentType,
        'content-disposition': `attachment; filename="${id}"`,
      });
      return response.end(file.content);
    }
    if (url.pathname === '/cgi-bin/media/upload' && request.method === 'POST') {
      const form = await new Response(raw, {
        headers: { 'content-type': String(request.headers['content-type'] ?? '') },
      })
        .formData()
        .catch(() => null);
      const file = form?.get('media');
      if (!file || typeof file === 'string')
        return json(response, { errcode: 41005, errmsg: 'media data missing' });
      const mediaId = `uploaded-${uploads.length + 1}`;
      uploads.push({
        mediaId,
        type: query.get('type') ?? '',
        filename: file.name,
        contentType: file.type,
        content: Buffer.from(await file.arrayBuffer()),
      });
      return json(response, {
        type: query.get('type'),
        media_id: mediaId,
        created_at: Math.floor(Date.now() / 1000),
      });
    }
    json(response, { errcode: 404, errmsg: 'unknown api' }, 404);
  });
  baseUrl = server.origin;

  return {
    baseUrl,
    state,
    sent,
    uploads,
    /** Every token issued so far now answers 42001 (as after its expires_in, or after a newer token was issued). */
    expireTokens() {
      for (const token of tokens.values()) token.expired = true;
    },
    /** A customer's file WeChat holds: served by media/get (video through a `video_url`) and at `fileUrl(id)`. */
    addMedia(mediaId: string, file: StoredMedia) {
      media.set(mediaId, file);
    },
    fileUrl: (mediaId: string) => `${baseUrl}/files/${encodeURIComponent(mediaId)}`,
    close: server.close,
  };
}

export type FakeWechatServer = Awaited<ReturnType<typeof startWechatServer>>;

export interface WechatPush {
  query: Record<string, string>;
  body: string;
}

const nowSeconds = () => String(Math.floor(Date.now() / 1000));
const newNonce = () => String(randomBytes(4).readUInt32BE());

/** The server-URL check WeChat makes when the admin saves 基本配置 → 服务器配置. */
export function serverUrlCheck(token: string, echostr = '8848123456789', at = nowSeconds()) {
  const nonce = newNonce();
  return { signature: plainSignature(token, at, nonce), timestamp: at, nonce, echostr };
}

/** A push in plaintext mode (明文模式): the URL carries `signature`, the body is the message XML. */
export function plaintextPush(
  token: string,
  xml: string,
  options: { timestamp?: string; openid?: string } = {},
) {
  const timestamp = options.timestamp ?? nowSeconds();
  const nonce = newNonce();
  return {
    query: {
      signature: plainSignature(token, timestamp, nonce),
      timestamp,
      nonce,
      ...(options.openid ? { openid: options.openid } : {}),
    },
    body: xml,
  } satisfies WechatPush;
}

/**
 * A push in safe mode (安全模式), or in compatible mode (兼容模式: the plaintext fields stay beside `Encrypt`):
 * encrypt_type=aes, msg_signature over the ciphertext.
 */
export function encryptedPush(
  secrets: { token: string; encodingAesKey: string; appId: string },
  xml: string,
  options: { timestamp?: string; compatible?: boolean; toUserName?: string } = {},
) {
  const timestamp = options.timestamp ?? nowSeconds();
  const nonce = newNonce();
  const encrypt = encryptMessage(xml, { encodingAesKey: secrets.encodingAesKey, receiveId: secrets.appId });
  const plainFields = options.compatible ? xml.replace(/^\s*<xml>/, '').replace(/<\/xml>\s*$/, '') : '';
  const to = options.toUserName ?? 'gh_0123456789ab';
  return {
    query: {
      signature: plainSignature(secrets.token, timestamp, nonce),
      timestamp,
      nonce,
      encrypt_type: 'aes',
      msg_signature: messageSignature(secrets.token, timestamp, nonce, encrypt),
    },
    body: options.compatible
      ? `<xml>${plainFields}<Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`
      : `<xml><ToUserName><![CDATA[${to}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`,
  } satisfies WechatPush;
}

let nextMsgId = 24_000_000_000_000_000n;

/** The XML of a customer's message as WeChat documents it (普通消息), with a fresh 64-bit MsgId. */
export function messageXml(
  openid: string,
  fields: Record<string, string>,
  options: { msgId?: string; createTime?: string; toUserName?: string } = {},
) {
  nextMsgId += 1n;
  const elements = Object.entries(fields)
    .map(([name, value]) => `<${name}><![CDATA[${value}]]></${name}>`)
    .join('\n');
  return `<xml>
<ToUserName><![CDATA[${options.toUserName ?? 'gh_0123456789ab'}]]></ToUserName>
<FromUserName><![CDATA[${openid}]]></FromUserName>
<CreateTime>${options.createTime ?? nowSeconds()}</CreateTime>
${elements}
<MsgId>${options.msgId ?? String(nextMsgId)}</MsgId>
</xml>`;
}

/** An event push (事件推送): no MsgId; WeChat dedupes it by FromUserName + CreateTime. */
export function eventXml(
  openid: string,
  event: string,
  fields: Record<string, string> = {},
  createTime = nowSeconds(),
) {
  const elements = Object.entries(fields)
    .map(([name, value]) => `<${name}><![CDATA[${value}]]></${name}>`)
    .join('\n');
  return `<xml>
<ToUserName><![CDATA[gh_0123456789ab]]></ToUserName>
<FromUserName><![CDATA[${openid}]]></FromUserName>
<CreateTime>${createTime}</CreateTime>
<MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[${event}]]></Event>
${elements}
</xml>`;
}
