/**
 * The WeChat Official Account API calls Kefu makes: the access_token (shared by every app process through
 * PlatformAccessTokens), 客服消息 `message/custom/send`, and temporary media (`media/upload`, `media/get`).
 * A call refused because the token expired or was replaced is retried once with a fresh token.
 */
import type { SendResult } from '../adapter';
import type { PlatformAccessTokens } from '../platform/access-tokens';
import { type FetchedToken, TokenFetchError } from '../platform/access-tokens';
import type { ChannelAccount } from '../repo';
import { wechatOaCredentials, wechatOaSettings } from './settings';

/** invalid credential / invalid access_token / access_token expired: the token, not the call, is wrong. */
const TOKEN_REFUSED = new Set([40001, 40014, 42001]);

/** Temporary media is at most 10 MB (images 10 MB, voice 2 MB, video 10 MB). */
export const MEDIA_MAX_BYTES = 10 * 1024 * 1024;

export interface WechatApiAnswer {
  errcode?: number;
  errmsg?: string;
  [key: string]: unknown;
}

export class WechatApiError extends Error {
  constructor(
    message: string,
    /** The platform's errcode; null for a network failure, a timeout or an HTTP error status. */
    readonly errcode: number | null,
  ) {
    super(message);
    this.name = 'WechatApiError';
  }
}

export interface DownloadedMedia {
  content: Buffer;
  contentType: string;
  filename: string | null;
}

export function accountConfig(account: ChannelAccount) {
  return {
    settings: wechatOaSettings.parse(account.row.settings),
    credentials: wechatOaCredentials.parse(account.credentials),
  };
}

const apiUrl = (account: ChannelAccount, path: string, query: Record<string, string>) => {
  const url = new URL(path, accountConfig(account).settings.apiBaseUrl);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url;
};

/** `GET /cgi-bin/token`: a new access_token for the AppID and AppSecret. */
export async function fetchAccessToken(account: ChannelAccount, signal?: AbortSignal): Promise<FetchedToken> {
  const { settings, credentials } = accountConfig(account);
  const url = apiUrl(account, '/cgi-bin/token', {
    grant_type: 'client_credential',
    appid: settings.appId,
    secret: credentials.appSecret,
  });
  let answer: WechatApiAnswer;
  try {
    answer = await readJson(await fetch(url, { signal: signal ?? AbortSignal.timeout(10_000) }));
  } catch (error) {
    throw new TokenFetchError(`The token request failed: ${describe(error)}`);
  }
  if (typeof answer.access_token === 'string' && answer.access_token) {
    const expiresIn = Number(answer.expires_in);
    return { token: answer.access_token, expiresInSeconds: Number.isFinite(expiresIn) ? expiresIn : 7200 };
  }
  throw new TokenFetchError(
    `${answer.errcode ?? 'no errcode'}: ${answer.errmsg ?? 'no access_token'}`,
    answer.errcode === undefined ? null : String(answer.errcode),
  );
}

export class WechatOaClient {
  constructor(private readonly tokens: PlatformAccessTokens) {}

  private token(account: ChannelAccount) {
    return this.tokens.get(account, () => fetchAccessToken(account));
  }

  /**
   * Calls the API with the shared token; when WeChat says the token is no good, marks it so and calls once more
   * with the token another process (or this one) fetched meanwhile.
   */
  private async withToken<T>(
    account: ChannelAccount,
    call: (token: string) => Promise<{ answer: WechatApiAnswer | null; value: T }>,
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.token(account);
      const { answer, value } = await call(token);
      const errcode = answer?.errcode ?? 0;
      if (errcode === 0) return value;
      if (TOKEN_REFUSED.has(errcode) && attempt === 0) {
        await this.tokens.invalidate(account, token);
        continue;
      }
      throw new WechatApiError(`${errcode}: ${answer?.errmsg ?? ''}`, errcode);
    }
  }

  private async postJson(account: ChannelAccount, path: string, body: unknown, signal: AbortSignal) {
    return this.withToken(account, async (token) => {
      const response = await fetch(apiUrl(account, path, { access_token: token }), {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(body),
        signal,
      });
      const answer = await readJson(response);
      return { answer, value: answer };
    });
  }

  /** `POST /cgi-bin/message/custom/send`: one 客服消息 to a customer who wrote within the last 48 hours. */
  sendCustomMessage(account: ChannelAccount, message: Record<string, unknown>, signal: AbortSignal) {
    return this.postJson(account, '/cgi-bin/message/custom/send', message, signal);
  }

  /** `POST /cgi-bin/media/upload?type=image` (multipart, field `media`): the temporary media id to send. */
  async uploadImage(
    account: ChannelAccount,
    file: { filename: string; contentType: string; content: Buffer },
    signal: AbortSignal,
  ): Promise<string> {
    const answer = await this.withToken(account, async (token) => {
      const form = new FormData();
      form.append(
        'media',
        new Blob([new Uint8Array(file.content)], { type: file.contentType }),
        file.filename,
      );
      const response = await fetch(
        apiUrl(account, '/cgi-bin/media/upload', { access_token: token, type: 'image' }),
        {
          method: 'POST',
          body: form,
          signal,
        },
      );
      const read = await readJson(response);
      return { answer: read, value: read };
    });
    if (typeof answer.media_id !== 'string')
      throw new WechatApiError('media/upload returned no media_id', null);
    return answer.media_id;
  }

  /**
   * `GET /cgi-bin/media/get`: the file of a customer's image, voice or video. WeChat answers with the bytes, or with
   * JSON: an error, or (for video) a `video_url` to download from.
   */
  async downloadMedia(
    account: ChannelAccount,
    mediaId: string,
    signal: AbortSignal,
  ): Promise<DownloadedMedia> {
    const first = await this.withToken(
      account,
      async (
        token,
      ): Promise<{ answer: WechatApiAnswer | null; value: DownloadedMedia | WechatApiAnswer }> => {
        const response = await fetch(
          apiUrl(account, '/cgi-bin/media/get', { access_token: token, media_id: mediaId }),
          { signal },
        );
        const media = await readMedia(response);
        if (!isJson(media.contentType)) return { answer: null, value: media };
        const answer = parseJson(media.content);
        return { answer, value: answer };
      },
    );
    if (Buffer.isBuffer(first.content)) return first as DownloadedMedia;
    const videoUrl = (first as WechatApiAnswer).video_url;
    if (typeof videoUrl === 'string') return downloadUrl(videoUrl, signal);
    throw new WechatApiError('media/get returned no file', null);
  }
}

/** Downloads a file WeChat links to (an image's PicUrl, a video's video_url). */
export async function downloadUrl(url: string, signal: AbortSignal): Promise<DownloadedMedia> {
  if (!/^https?:\/\//i.test(url)) throw new WechatApiError('Not an HTTP URL', null);
  const media = await readMedia(await fetch(url, { signal }));
  if (isJson(media.contentType)) throw new WechatApiError('The link returned no file', null);
  return media;
}

/** What the agent sees when a send fails, and whether retrying can help. */
export function sendFailure(error: unknown): Extract<SendResult, { ok: false }> {
  if (error instanceof TokenFetchError) {
    // A wrong AppSecret or a server IP missing from the IP whitelist stays wrong until the admin fixes it.
    const code = Number(error.code);
    const credentialsRefused = [40013, 40125, 40164, 41002, 41004, 40243].includes(code);
    return {
      ok: false,
      code: credentialsRefused ? 'rejected' : 'transient',
      message: error.message,
      permanent: credentialsRefused,
    };
  }
  if (!(error instanceof WechatApiError) || error.errcode === null || error.errcode === -1) {
    return { ok: false, code: 'transient', message: describe(error), permanent: false };
  }
  const message = error.message;
  switch (error.errcode) {
    case 45015:
      // The customer last wrote more than 48 hours ago: only they can reopen the window.
      return { ok: false, code: 'window_expired', message, permanent: true };
    case 45047:
      // More replies than WeChat allows before the customer writes again.
      return { ok: false, code: 'quota_exhausted', message, permanent: true };
    case 45009:
      // The account's daily API quota: tomorrow it works again.
      return { ok: false, code: 'quota_exhausted', message, permanent: false };
    case 43004:
    case 43019:
      // The customer unfollowed the account or the account blocked them.
      return { ok: false, code: 'blocked', message, permanent: true };
    case 40003:
      return { ok: false, code: 'invalid_recipient', message, permanent: true };
    default:
      return TOKEN_REFUSED.has(error.errcode)
        ? { ok: false, code: 'transient', message, permanent: false }
        : { ok: false, code: 'rejected', message, permanent: true };
  }
}

const isJson = (contentType: string) => /json|text\/plain/i.test(contentType);

function parseJson(content: Buffer): WechatApiAnswer {
  try {
    const value: unknown = JSON.parse(content.toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as WechatApiAnswer;
  } catch {
    // Falls through to the error below.
  }
  throw new WechatApiError('The platform answered with something other than JSON', null);
}

async function readJson(response: Response): Promise<WechatApiAnswer> {
  if (response.status >= 500) throw new WechatApiError(`HTTP ${response.status}`, null);
  const content = Buffer.from(await response.arrayBuffer());
  if (!response.ok) throw new WechatApiError(`HTTP ${response.status}`, null);
  return parseJson(content);
}

async function readMedia(response: Response): Promise<DownloadedMedia> {
  if (!response.ok) throw new WechatApiError(`HTTP ${response.status}`, null);
  const declared = Number(response.headers.get('content-length'));
  if (declared > MEDIA_MAX_BYTES) throw new WechatApiError('The file is larger than WeChat allows', null);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (;;) {
    const chunk = reader ? await reader.read() : { done: true as const, value: undefined };
    if (chunk.done) break;
    size += chunk.value.length;
    if (size > MEDIA_MAX_BYTES) {
      await reader?.cancel();
      throw new WechatApiError('The file is larger than WeChat allows', null);
    }
    chunks.push(Buffer.from(chunk.value));
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  return {
    content: Buffer.concat(chunks),
    contentType: (response.headers.get('content-type') ?? 'application/octet-stream').toLowerCase(),
    filename: /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null,
  };
}

const describe = (error: unknown) =>
  error instanceof Error
    ? error.name === 'TimeoutError' || error.name === 'AbortError'
      ? 'timed out'
      : error.message
    : String(error);
