/**
 * A local WeCom (企业微信) API server speaking the 微信客服 protocol as documented on developer.work.weixin.qq.com:
 * `gettoken` (tokens that expire), `kf/sync_msg` over a server-side message log (opaque next_cursor, has_more
 * paging, only messages after the cursor, the callback token and open_kfid checked), `kf/send_msg` (idempotent
 * on msgid), `kf/send_msg_on_event` (each code usable once), `kf/account/list` and `media/upload`. It records
 * every call and can be told to refuse (errcodes) — and it posts the encrypted `kf_msg_or_event` callback to Kefu
 * the way WeCom does.
 */
import { randomBytes } from 'node:crypto';
import { encryptMessage, messageSignature } from '@server/channels/wechat-crypto/crypto';
import type { TestClient } from '../client';
import { answerJson, startFakeHttp } from './http';

export interface WecomFakeOptions {
  corpId: string;
  secret: string;
  openKfIds: string[];
  /** Seconds a token lives (WeCom: 7200). */
  tokenLifetimeSeconds?: number;
}

export interface SentMessage {
  touser: string;
  open_kfid: string;
  msgid: string;
  msgtype: string;
  text?: { content: string };
  image?: { media_id: string };
  file?: { media_id: string };
}

/** One entry of the message log `kf/sync_msg` reads, as WeCom returns it. */
export type LoggedMessage = Record<string, unknown> & { msgid: string; open_kfid: string };

export async function startWecomServer(options: WecomFakeOptions) {
  const tokens = new Map<string, number>();
  const log: LoggedMessage[] = [];
  const callbackTokens = new Set<string>();
  const usedEventCodes = new Set<string>();
  const media = new Map<string, { filename: string; size: number }>();
  /** Files customers sent, by media_id, for `media/get`. */
  const customerFiles = new Map<string, { content: Buffer; contentType: string; filename: string }>();
  const calls: { path: string; body: unknown }[] = [];
  /** Messages the customer was shown, once per msgid. */
  const sent: SentMessage[] = [];
  const welcomes: { code: string; content: string }[] = [];
  const state = {
    tokenFetches: 0,
    /** At most this many messages per sync_msg page, whatever the limit asked (WeCom may return fewer). */
    pageSize: 1000,
    /** Errcodes the next kf/send_msg calls answer with, one per call. */
    sendErrors: [] as number[],
  };
  let serial = 0;

  const cursorOf = (position: number) => Buffer.from(`pos:${position}`).toString('base64url');
  const positionOf = (cursor: unknown): number | null => {
    if (cursor === undefined || cursor === '') return 0;
    const match = /^pos:(\d+)$/.exec(Buffer.from(String(cursor), 'base64url').toString('utf8'));
    return match ? Number(match[1]) : null;
  };

  function tokenValid(url: URL): boolean {
    const expiresAt = tokens.get(url.searchParams.get('access_token') ?? '');
    return expiresAt !== undefined && expiresAt > Date.now();
  }

  function handle(url: URL, body: Record<string, unknown>, raw: Buffer): Record<string, unknown> {
    if (url.pathname === '/cgi-bin/gettoken') {
      state.tokenFetches += 1;
      if (url.searchParams.get('corpid') !== options.corpId)
        return { errcode: 40013, errmsg: 'invalid corpid' };
      if (url.searchParams.get('corpsecret') !== options.secret)
        return { errcode: 40001, errmsg: 'invalid credential' };
      const token = randomBytes(24).toString('base64url');
      const lifetime = options.tokenLifetimeSeconds ?? 7200;
      tokens.set(token, Date.now() + lifetime * 1000);
      return { errcode: 0, errmsg: 'ok', access_token: token, expires_in: lifetime };
    }
    const token = url.searchParams.get('access_token') ?? '';
    if (!tokens.has(token)) return { errcode: 40014, errmsg: 'invalid access_token' };
    if (!tokenValid(url)) return { errcode: 42001, errmsg: 'access_token expired' };
    calls.push({
      path: url.pathname,
      body: url.pathname === '/cgi-bin/media/upload' ? { size: raw.length } : body,
    });
    switch (url.pathname) {
      case '/cgi-bin/kf/sync_msg': {
        if (!options.openKfIds.includes(String(body.open_kfid)))
          return { errcode: 95004, errmsg: 'open_kfid not exist' };
        if (body.token !== undefined && !callbackTokens.has(String(body.token))) {
          return { errcode: 95007, errmsg: 'invalid msg token' };
        }
        const limit = Number(body.limit ?? 1000);
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
          return { errcode: 44004, errmsg: 'invalid limit' };
        const start = positionOf(body.cursor);
        if (start === null) return { errcode: 95000, errmsg: 'invalid cursor' };
        // The cursor is a position in the whole log; the page holds this 客服账号's messages after it.
        const mine = log
          .map((message, index) => ({ message, index }))
          .filter((e) => e.index >= start && e.message.open_kfid === body.open_kfid);
        const page = mine.slice(0, Math.min(limit, state.pageSize));
        const last = page.at(-1);
        const end = page.length < mine.length && last ? last.index + 1 : log.length;
        return {
          errcode: 0,
          errmsg: 'ok',
          next_cursor: cursorOf(end),
          has_more: page.length < mine.length ? 1 : 0,
          msg_list: page.map((e) => eventShaped(e.message)),
        };
      }
      case '/cgi-bin/kf/send_msg': {
        const message = body as unknown as SentMessage;
        if (!options.openKfIds.includes(message.open_kfid))
          return { errcode: 95004, errmsg: 'open_kfid not exist' };
        if (typeof message.msgid !== 'string' || !/^[0-9a-zA-Z_-]{1,32}$/.test(message.msgid)) {
          return { errcode: 40058, errmsg: 'invalid msgid' };
        }
        const refusal = state.sendErrors.shift();
        if (refusal) return { errcode: refusal, errmsg: `refused ${refusal}` };
        if (!sent.some((m) => m.msgid === message.msgid)) sent.push(message);
        return { errcode: 0, errmsg: 'ok', msgid: message.msgid };
      }
      case '/cgi-bin/kf/send_msg_on_event': {
        const code = String(body.code ?? '');
        if (!code || usedEventCodes.has(code)) return { errcode: 95007, errmsg: 'invalid msg code' };
        usedEventCodes.add(code);
        const content = (body.text as { content?: string } | undefined)?.content ?? '';
        welcomes.push({ code, content });
        return { errcode: 0, errmsg: 'ok', msgid: `ev-${++serial}` };
      }
      case '/cgi-bin/kf/account/list':
        return {
          errcode: 0,
          errmsg: 'ok',
          account_list: options.openKfIds.map((id) => ({ open_kfid: id, name: `客服 ${id}`, avatar: '' })),
        };
      case '/cgi-bin/media/upload': {
        const type = url.searchParams.get('type');
        if (!['image', 'voice', 'video', 'file'].includes(type ?? ''))
          return { errcode: 40004, errmsg: 'invalid media type' };
        if (!raw.includes(Buffer.from('name="media"')))
          return { errcode: 41001, errmsg: 'media data missing' };
        const mediaId = `media-${++serial}`;
        media.set(mediaId, {
          filename: /filename="([^"]*)"/.exec(raw.toString('utf8'))?.[1] ?? '',
          size: raw.length,
        });
        return {
          errcode: 0,
          errmsg: 'ok',
          type,
          media_id: mediaId,
          created_at: String(Math.floor(Date.now() / 1000)),
        };
      }
      case '/cgi-bin/media/get':
        return { errcode: 40007, errmsg: 'invalid media_id' };
      default:
        return { errcode: 404, errmsg: 'unknown api' };
    }
  }

  const server = await startFakeHttp((request, response, raw) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    // media/get answers with the file itself, or with JSON when it cannot.
    const file = customerFiles.get(url.searchParams.get('media_id') ?? '');
    if (url.pathname === '/cgi-bin/media/get' && file && tokenValid(url)) {
      calls.push({ path: url.pathname, body: { media_id: url.searchParams.get('media_id') } });
      response.writeHead(200, {
        'content-type': file.contentType,
        'content-disposition': `attachment; filename="${file.filename}"`,
        'content-length': String(file.content.length),
      });
      response.end(file.content);
      return;
    }
    let body: Record<string, unknown> = {};
    if (request.headers['content-type']?.startsWith('application/json')) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return answerJson(response, 200, { errcode: 47001, errmsg: 'data format error' });
      }
    }
    answerJson(response, 200, handle(url, body, raw));
  });

  const stamp = () => Math.floor(Date.now() / 1000);
  const push = (message: Omit<LoggedMessage, 'msgid'> & { msgid?: string }) => {
    const entry = {
      msgid: message.msgid ?? `msg-${++serial}-${randomBytes(4).toString('hex')}`,
      ...message,
    } as LoggedMessage;
    log.push(entry);
    return entry;
  };
  /** An origin-4 event about one customer of one account, as kf/sync_msg lists it. */
  const pushEvent = (openKfId: string, externalUserId: string, event: Record<string, unknown>) =>
    push({
      open_kfid: openKfId,
      send_time: stamp(),
      origin: 4,
      msgtype: 'event',
      event: { ...event, open_kfid: openKfId, external_userid: externalUserId },
    });

  return {
    url: server.origin,
    state,
    log,
    calls,
    sent,
    welcomes,
    media,
    /** The next_cursor a sync that has read the whole log ends with. */
    endCursor: () => cursorOf(log.length),
    /** Makes every issued token expired (as if 7200 s had passed). */
    expireTokens() {
      for (const token of tokens.keys()) tokens.set(token, 0);
    },
    /** A WeChat customer's text (origin 3). */
    customerText(openKfId: string, externalUserId: string, content: string) {
      return push({
        open_kfid: openKfId,
        external_userid: externalUserId,
        send_time: stamp(),
        origin: 3,
        msgtype: 'text',
        text: { content },
      });
    },
    customerMessage(
      openKfId: string,
      externalUserId: string,
      msgtype: string,
      payload: Record<string, unknown>,
    ) {
      return push({
        open_kfid: openKfId,
        external_userid: externalUserId,
        send_time: stamp(),
        origin: 3,
        msgtype,
        [msgtype]: payload,
      });
    },
    /** A customer's picture (origin 3), downloadable with media/get. */
    customerImage(openKfId: string, externalUserId: string, content: Buffer) {
      const mediaId = `media-in-${++serial}`;
      customerFiles.set(mediaId, { content, contentType: 'image/png', filename: `${mediaId}.png` });
      return push({
        open_kfid: openKfId,
        external_userid: externalUserId,
        send_time: stamp(),
        origin: 3,
        msgtype: 'image',
        image: { media_id: mediaId },
      });
    },
    /** A servicer's message from the WeCom client (origin 5). */
    servicerText(openKfId: string, externalUserId: string, content: string) {
      return push({
        open_kfid: openKfId,
        external_userid: externalUserId,
        servicer_userid: 'zhangsan',
        send_time: stamp(),
        origin: 5,
        msgtype: 'text',
        text: { content },
      });
    },
    /** WeCom could not deliver a message it had accepted (origin 4 event msg_send_fail). */
    sendFailed(openKfId: string, externalUserId: string, failMsgId: string, failType: number) {
      return pushEvent(openKfId, externalUserId, {
        event_type: 'msg_send_fail',
        fail_msgid: failMsgId,
        fail_type: failType,
      });
    },
    /** The customer enters the session (origin 4 event) with a one-time welcome_code. */
    enterSession(openKfId: string, externalUserId: string, welcomeCode: string) {
      return pushEvent(openKfId, externalUserId, {
        event_type: 'enter_session',
        scene: 'qr',
        scene_param: '',
        welcome_code: welcomeCode,
      });
    },
    /**
     * The encrypted `kf_msg_or_event` callback WeCom posts to Kefu's webhook: the query string and the XML body.
     * Each carries a new callback Token that sync_msg then accepts. `tamper` lets a test break one part.
     */
    callback(
      credentials: { token: string; encodingAesKey: string },
      openKfId: string,
      tamper: {
        corpId?: string;
        signature?: string;
        timestamp?: number;
        ciphertext?: (c: string) => string;
      } = {},
    ): { query: string; body: string } {
      const callbackToken = `ENC${randomBytes(16).toString('base64url')}`;
      callbackTokens.add(callbackToken);
      const timestamp = String(tamper.timestamp ?? stamp());
      const plain =
        `<xml><ToUserName><![CDATA[${options.corpId}]]></ToUserName><CreateTime>${timestamp}</CreateTime>` +
        '<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[kf_msg_or_event]]></Event>' +
        `<Token><![CDATA[${callbackToken}]]></Token><OpenKfId><![CDATA[${openKfId}]]></OpenKfId></xml>`;
      const encrypted = encryptMessage(plain, {
        encodingAesKey: credentials.encodingAesKey,
        receiveId: tamper.corpId ?? options.corpId,
      });
      const nonce = randomBytes(5).toString('hex');
      // A tampered ciphertext is still signed correctly: it must be the decryption that refuses it.
      const sentCipher = tamper.ciphertext ? tamper.ciphertext(encrypted) : encrypted;
      const signature = tamper.signature ?? messageSignature(credentials.token, timestamp, nonce, sentCipher);
      return {
        query: new URLSearchParams({ msg_signature: signature, timestamp, nonce }).toString(),
        body:
          `<xml><ToUserName><![CDATA[${options.corpId}]]></ToUserName>` +
          `<Encrypt><![CDATA[${sentCipher}]]></Encrypt><AgentID><![CDATA[]]></AgentID></xml>`,
      };
    },
    /** WeCom's URL check (GET): an encrypted echostr Kefu must decrypt and echo. */
    urlCheck(credentials: { token: string; encodingAesKey: string }, echo: string): string {
      const timestamp = String(stamp());
      const nonce = randomBytes(5).toString('hex');
      const echostr = encryptMessage(echo, {
        encodingAesKey: credentials.encodingAesKey,
        receiveId: options.corpId,
      });
      return new URLSearchParams({
        msg_signature: messageSignature(credentials.token, timestamp, nonce, echostr),
        timestamp,
        nonce,
        echostr,
      }).toString();
    },
    close: server.close,
  };
}

export type WecomFake = Awaited<ReturnType<typeof startWecomServer>>;

/** Events carry the account and customer inside `event`, not at the top (as WeCom returns them). */
function eventShaped(message: LoggedMessage): Record<string, unknown> {
  if (message.msgtype !== 'event') return message;
  const { open_kfid: _openKfId, ...rest } = message;
  return rest;
}

/** Callback credentials a test channel is configured with (WeCom's published sample Token and EncodingAESKey). */
export const WECOM_TEST_CREDENTIALS = {
  token: 'QDG6eK',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
};

/** Configures a 微信客服 channel against the fake through the admin route, as an admin would in 管理 → 渠道接入. */
export async function createWecomChannel(
  admin: TestClient,
  fake: WecomFake,
  options: { corpId: string; secret: string; openKfId?: string; welcomeMessage?: string },
): Promise<{ id: string; webhookPath: string }> {
  const response = await admin.post('/api/v1/channel-accounts', {
    kind: 'wecom_kf',
    name: `微信客服 ${randomBytes(3).toString('hex')}`,
    settings: {
      corpId: options.corpId,
      openKfId: options.openKfId ?? '',
      welcomeMessage: options.welcomeMessage ?? '',
      apiBaseUrl: fake.url,
    },
    credentials: { secret: options.secret, ...WECOM_TEST_CREDENTIALS },
  });
  if (response.statusCode !== 201) throw new Error(`channel not created: ${response.body}`);
  const account = response.json().account;
  return { id: account.id, webhookPath: account.webhookPath };
}
