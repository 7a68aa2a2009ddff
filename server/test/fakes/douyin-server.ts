/**
 * A local stand-in for Douyin's OpenAPI and CDN on 127.0.0.1, speaking the published protocol
 * (developer.open-douyin.com → 小游戏 → 服务端): `POST /mgplatform/api/apps/v2/token` ({appid, secret, grant_type}
 * → {err_no, err_tips, data: {access_token, expires_in}}, 40015 bad appid, 40017 bad secret, 40020 bad grant_type),
 * `POST /mgplatform/api/apps/reply/reply_user_text` (JSON) and `…/reply_user_image` (multipart, FileContent), both
 * with an `access-token` header, and picture hosting for pic_url. The reply endpoints' error codes are not
 * published: the refusals it plays (token, 48-hour window, 5-reply limit, unknown user) use codes and wording of
 * its own, documented in docs/douyin.en.md. It also signs pushes the way the 消息推送 page describes, independently
 * of Kefu's code, and posts them to a Kefu app.
 */
import { createHash, randomBytes } from 'node:crypto';
import type http from 'node:http';
import type { App } from '@server/app';
import { answerJson, startFakeHttp } from './http';

export interface DouyinReplyRecord {
  kind: 'text' | 'image';
  microGameId: string;
  conversationId: string;
  msgId: string;
  createTime: number;
  content?: string;
  image?: { filename: string; contentType: string; bytes: Buffer };
}

export type DouyinRefusal = 'window' | 'quota' | 'recipient' | 'server';

const REFUSALS: Record<Exclude<DouyinRefusal, 'server'>, { err_no: number; err_msg: string }> = {
  window: { err_no: 2190015, err_msg: '超过48小时回复时限' },
  quota: { err_no: 2190016, err_msg: '超过5条回复上限' },
  recipient: { err_no: 2190017, err_msg: '会话不存在或用户不可达' },
};

/** A 1×1 PNG: the smallest picture Kefu stores. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

export async function startDouyinServer(options: {
  appId: string;
  appSecret: string;
  tokenTtlSeconds?: number;
}) {
  const tokens = new Map<string, number>();
  const replies: DouyinReplyRecord[] = [];
  const images = new Map<string, { bytes: Buffer; contentType: string; delayMs: number }>();
  const refusals: DouyinRefusal[] = [];
  /** Streamed pictures without Content-Length: how much was written and whether the reader stayed to the end. */
  const streams = new Map<string, { totalBytes: number; bytesWritten: number; finished: boolean }>();
  const stats = { tokenFetches: 0, replyCalls: 0, invalidTokenAnswers: 0, pictureRequests: 0 };
  let serial = 0;

  const issueToken = (body: Record<string, unknown>) => {
    stats.tokenFetches += 1;
    if (body.appid !== options.appId)
      return { err_no: 40015, err_tips: 'bad appid', data: { access_token: '', expires_in: 0 } };
    if (body.secret !== options.appSecret)
      return { err_no: 40017, err_tips: 'bad secret', data: { access_token: '', expires_in: 0 } };
    if (body.grant_type !== 'client_credential')
      return { err_no: 40020, err_tips: 'bad grant_type', data: { access_token: '', expires_in: 0 } };
    const ttl = options.tokenTtlSeconds ?? 7200;
    // A new token cuts the earlier ones to 5 minutes, as getAccessToken says.
    for (const [token, expiry] of tokens) tokens.set(token, Math.min(expiry, Date.now() + 300_000));
    const token = `0801121${randomBytes(12).toString('hex')}`;
    tokens.set(token, Date.now() + ttl * 1000);
    return { err_no: 0, err_tips: 'success', data: { access_token: token, expires_in: ttl } };
  };

  async function reply(request: http.IncomingMessage, raw: Buffer, kind: 'text' | 'image') {
    stats.replyCalls += 1;
    const token = String(request.headers['access-token'] ?? '');
    if ((tokens.get(token) ?? 0) < Date.now()) {
      stats.invalidTokenAnswers += 1;
      return { err_no: 40004, err_msg: 'access_token 不合法或已过期' };
    }
    let fields: Record<string, string>;
    let image: DouyinReplyRecord['image'];
    if (kind === 'text') {
      if (!String(request.headers['content-type']).startsWith('application/json'))
        return { err_no: 40001, err_msg: '参数错误' };
      fields = JSON.parse(raw.toString('utf8'));
    } else {
      const form = await new Request('http://fake/', {
        method: 'POST',
        headers: { 'content-type': String(request.headers['content-type']) },
        body: new Uint8Array(raw),
      }).formData();
      fields = {};
      for (const [name, value] of form) if (typeof value === 'string') fields[name] = value;
      const file = form.get('FileContent');
      if (!file || typeof file === 'string') return { err_no: 40001, err_msg: '参数错误: FileContent' };
      image = { filename: file.name, contentType: file.type, bytes: Buffer.from(await file.arrayBuffer()) };
    }
    const required = ['micro_game_id', 'conversation_id', 'msg_id', 'create_time', 'msg_type'];
    if (required.some((name) => fields[name] === undefined) || fields.msg_type !== kind) {
      return { err_no: 40001, err_msg: '参数错误' };
    }
    if (fields.micro_game_id !== options.appId) return { err_no: 40015, err_msg: 'micro_game_id 错误' };
    const refusal = refusals.shift();
    if (refusal === 'server') return null;
    if (refusal) return REFUSALS[refusal];
    // The platform de-duplicates on msg_id: a repeated one is answered without a second message.
    if (!replies.some((r) => r.msgId === String(fields.msg_id))) {
      replies.push({
        kind,
        microGameId: String(fields.micro_game_id),
        conversationId: String(fields.conversation_id),
        msgId: String(fields.msg_id),
        createTime: Number(fields.create_time),
        ...(kind === 'text' ? { content: String(fields.content) } : { image }),
      });
    }
    return { err_no: 0, err_msg: 'success', log_id: `log-${++serial}`, data: {} };
  }

  /** A PNG header and then zeros, chunked (no Content-Length), written as fast as the reader takes it. */
  function streamPicture(
    response: http.ServerResponse,
    stream: { totalBytes: number; bytesWritten: number; finished: boolean },
  ) {
    response.writeHead(200, { 'content-type': 'image/png' });
    const chunk = Buffer.alloc(256 * 1024);
    TINY_PNG.copy(chunk, 0, 0, 16);
    const writeMore = () => {
      while (stream.bytesWritten < stream.totalBytes && !response.destroyed) {
        const size = Math.min(chunk.length, stream.totalBytes - stream.bytesWritten);
        stream.bytesWritten += size;
        if (!response.write(chunk.subarray(0, size))) {
          response.once('drain', writeMore);
          return;
        }
      }
      if (response.destroyed) return;
      response.end(() => {
        stream.finished = true;
      });
    };
    writeMore();
  }

  const server = await startFakeHttp(async (request, response, raw) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    try {
      if (request.method === 'POST' && path === '/mgplatform/api/apps/v2/token') {
        return answerJson(response, 200, issueToken(JSON.parse(raw.toString('utf8'))));
      }
      if (request.method === 'POST' && path.startsWith('/mgplatform/api/apps/reply/reply_user_')) {
        const answer = await reply(request, raw, path.endsWith('_image') ? 'image' : 'text');
        return answer
          ? answerJson(response, 200, answer)
          : answerJson(response, 503, { message: 'unavailable' });
      }
      if (request.method === 'GET') stats.pictureRequests += 1;
      const stream = request.method === 'GET' ? streams.get(path) : undefined;
      if (stream) return streamPicture(response, stream);
      const picture = request.method === 'GET' ? images.get(path) : undefined;
      if (picture) {
        setTimeout(() => {
          response.writeHead(200, { 'content-type': picture.contentType });
          response.end(picture.bytes);
        }, picture.delayMs);
        return;
      }
      answerJson(response, 404, { message: 'not found' });
    } catch {
      answerJson(response, 400, { err_no: 40001, err_msg: '参数错误' });
    }
  });
  const baseUrl = server.origin;

  return {
    baseUrl,
    replies,
    stats,
    /** Serves a picture as the CDN behind pic_url would; `delayMs` plays a slow CDN. */
    hostImage(bytes: Buffer = TINY_PNG, contentType = 'image/png', delayMs = 0) {
      const path = `/tos-cn-i/${randomBytes(8).toString('hex')}`;
      images.set(path, { bytes, contentType, delayMs });
      return `${baseUrl}${path}`;
    },
    /** Serves a picture of `totalBytes` streamed chunked, without Content-Length; `stream` tells how it went. */
    hostStreamedImage(totalBytes: number) {
      const path = `/tos-cn-i/${randomBytes(8).toString('hex')}`;
      const stream = { totalBytes, bytesWritten: 0, finished: false };
      streams.set(path, stream);
      return { url: `${baseUrl}${path}`, stream };
    },
    /** The next reply calls are refused this way, one refusal per call. */
    refuseNext(...kinds: DouyinRefusal[]) {
      refusals.push(...kinds);
    },
    /** Every token issued so far stops working (as after 2 hours). */
    expireTokens() {
      for (const token of tokens.keys()) tokens.set(token, 0);
    },
    close: server.close,
  };
}

export type DouyinServer = Awaited<ReturnType<typeof startDouyinServer>>;

/**
 * The headers Douyin sends with a push, signed: base64(md5(sorted headers joined by & + body + token)), the headers
 * as `x-…=value` pairs (`layout: 'pairs'`, the default) or as bare values (`'values'`) — the docs allow either reading.
 */
export function signedPushHeaders(options: {
  appId: string;
  token: string;
  body: string;
  msgType?: string;
  timestampMs?: number;
  nonce?: string;
  layout?: 'pairs' | 'values';
}): Record<string, string> {
  const headers: Record<string, string> = {
    'x-appid': options.appId,
    'x-msg-type': options.msgType ?? 'douyin_microgame_im',
    'x-nonce-str': options.nonce ?? String(BigInt(`0x${randomBytes(7).toString('hex')}`)),
    'x-timestamp': String(options.timestampMs ?? Date.now()),
  };
  const joined = Object.keys(headers)
    .sort()
    .map((name) => (options.layout === 'values' ? headers[name] : `${name}=${headers[name]}`))
    .join('&');
  const signature = createHash('md5')
    .update(`${joined}${options.body}${options.token}`, 'utf8')
    .digest('base64');
  return { ...headers, 'x-signature': signature, 'content-type': 'application/json' };
}

/** Posts a push to Kefu's webhook URL for the account, as Douyin would (or with `headers` overriding). */
export function postPush(
  app: App,
  accountId: string,
  body: string | Record<string, unknown>,
  options: {
    appId: string;
    token: string;
    msgType?: string;
    timestampMs?: number;
    layout?: 'pairs' | 'values';
    headers?: Record<string, string>;
  },
) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return app.inject({
    method: 'POST',
    url: `/api/v1/platforms/${accountId}/webhook`,
    headers: { ...signedPushHeaders({ ...options, body: raw }), ...options.headers },
    payload: raw,
  });
}
