/**
 * Douyin's OpenAPI as Kefu uses it (developer.open-douyin.com → 小游戏 → 服务端): the app's access_token
 * (`POST /mgplatform/api/apps/v2/token`, answered `{err_no, err_tips, data: {access_token, expires_in}}`) and the
 * 抖音客服平台 replies (`POST /mgplatform/api/apps/reply/reply_user_text` as JSON, `…/reply_user_image` as
 * multipart with the picture in `FileContent`), both authorised by an `access-token` header.
 */
import { createHash } from 'node:crypto';
import { type FetchedToken, TokenFetchError } from '../platform/access-tokens';
import type { DouyinSettings } from './settings';

const TOKEN_PATH = '/mgplatform/api/apps/v2/token';
const REPLY_TEXT_PATH = '/mgplatform/api/apps/reply/reply_user_text';
const REPLY_IMAGE_PATH = '/mgplatform/api/apps/reply/reply_user_image';

/** The platform's answer to a reply, or why there was none. */
export type ReplyOutcome =
  | { kind: 'ok'; platformMessageId: string | null }
  | { kind: 'refused'; errNo: number; message: string }
  | { kind: 'unreachable'; message: string };

interface PlatformAnswer {
  err_no?: unknown;
  err_tips?: unknown;
  err_msg?: unknown;
  data?: unknown;
}

const urlOf = (settings: DouyinSettings, path: string) => new URL(path, settings.apiBaseUrl).toString();

async function readAnswer(response: Response): Promise<PlatformAnswer | null> {
  try {
    const body: unknown = await response.json();
    return body && typeof body === 'object' ? (body as PlatformAnswer) : null;
  } catch {
    return null;
  }
}

const messageOf = (answer: PlatformAnswer) =>
  String(answer.err_tips ?? answer.err_msg ?? '').slice(0, 200) || 'no message';

/** Fetches a new access_token; refused credentials throw TokenFetchError with the platform's err_no. */
export async function fetchDouyinToken(
  settings: DouyinSettings,
  appSecret: string,
  timeoutMs = 10_000,
): Promise<FetchedToken> {
  const response = await fetch(urlOf(settings, TOKEN_PATH), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ appid: settings.appId, secret: appSecret, grant_type: 'client_credential' }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const answer = await readAnswer(response);
  if (!response.ok || !answer) throw new Error(`The token endpoint answered HTTP ${response.status}`);
  const data = (answer.data ?? {}) as { access_token?: unknown; expires_in?: unknown };
  if (answer.err_no !== 0 || typeof data.access_token !== 'string' || !data.access_token) {
    throw new TokenFetchError(messageOf(answer), String(answer.err_no ?? 'unknown'));
  }
  const expiresIn = typeof data.expires_in === 'number' && data.expires_in > 0 ? data.expires_in : 7200;
  return { token: data.access_token, expiresInSeconds: expiresIn };
}

/**
 * The msg_id a reply part is sent with: the platform de-duplicates on it ("用作幂等处理") and its samples are
 * decimal digits, so the outbox's idempotency key is hashed to a stable 60-bit decimal. A retried reply carries
 * the same msg_id and is shown once.
 */
export function replyMsgId(idempotencyKey: string, part: string): string {
  const digest = createHash('sha256').update(`${idempotencyKey}\u0000${part}`).digest('hex');
  return BigInt(`0x${digest.slice(0, 15)}`).toString(10);
}

export interface ReplyAddress {
  conversationId: string;
  msgId: string;
  /** Seconds since the epoch. */
  createTime: number;
}

async function post(url: string, init: RequestInit, timeoutMs: number): Promise<ReplyOutcome> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, method: 'POST', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    return { kind: 'unreachable', message: error instanceof Error ? error.name : 'network error' };
  }
  const answer = await readAnswer(response);
  if (response.status >= 500 || !answer) {
    return { kind: 'unreachable', message: `HTTP ${response.status}` };
  }
  const errNo = typeof answer.err_no === 'number' ? answer.err_no : Number(answer.err_no ?? Number.NaN);
  if (errNo === 0 && response.ok) {
    const data = (answer.data ?? {}) as { msg_id?: unknown };
    const id =
      typeof data.msg_id === 'string' || typeof data.msg_id === 'number' ? String(data.msg_id) : null;
    return { kind: 'ok', platformMessageId: id };
  }
  return {
    kind: 'refused',
    errNo: Number.isFinite(errNo) ? errNo : response.status,
    message: messageOf(answer),
  };
}

export function replyText(
  settings: DouyinSettings,
  token: string,
  address: ReplyAddress,
  content: string,
  timeoutMs: number,
): Promise<ReplyOutcome> {
  return post(
    urlOf(settings, REPLY_TEXT_PATH),
    {
      headers: { 'content-type': 'application/json', 'access-token': token },
      body: JSON.stringify({
        micro_game_id: settings.appId,
        conversation_id: address.conversationId,
        msg_id: address.msgId,
        create_time: address.createTime,
        msg_type: 'text',
        content,
        ...(settings.senderName ? { sender_name: settings.senderName } : {}),
      }),
    },
    timeoutMs,
  );
}

/** The published curl repeats the fields in the query string; they are sent both ways. */
export function replyImage(
  settings: DouyinSettings,
  token: string,
  address: ReplyAddress,
  image: { filename: string; contentType: string; content: Buffer },
  timeoutMs: number,
): Promise<ReplyOutcome> {
  const fields: Record<string, string> = {
    micro_game_id: settings.appId,
    conversation_id: address.conversationId,
    msg_id: address.msgId,
    create_time: String(address.createTime),
    msg_type: 'image',
    ...(settings.senderName ? { sender_name: settings.senderName } : {}),
  };
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append(
    'FileContent',
    new Blob([new Uint8Array(image.content)], { type: image.contentType }),
    image.filename,
  );
  const url = new URL(urlOf(settings, REPLY_IMAGE_PATH));
  for (const [name, value] of Object.entries(fields)) url.searchParams.set(name, value);
  // fetch writes the multipart content type with its boundary.
  return post(url.toString(), { headers: { 'access-token': token }, body: form }, timeoutMs);
}
