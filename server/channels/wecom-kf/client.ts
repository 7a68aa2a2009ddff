/**
 * WeCom's server API as the 微信客服 adapter uses it: the access_token (shared by every app process through
 * PlatformAccessTokens), `kf/sync_msg`, `kf/send_msg`, `kf/send_msg_on_event`, `kf/account/list` and
 * `media/upload`, `media/get`. Every call retries once with a new token when WeCom says the token is invalid or
 * expired.
 */
import { type FetchedToken, TokenFetchError } from '../platform/access-tokens';
import type { PlatformDeps } from '../platform/contract';
import type { ChannelAccount } from '../repo';
import { parseSyncMsgResponse, type WecomSyncPage } from './parse';
import { wecomKfCredentials, wecomKfSettings } from './settings';

/** 40014 invalid access_token, 42001 access_token expired: fetch a new one and try again once. */
const TOKEN_REFUSED = new Set([40014, 42001]);

const DEFAULT_TIMEOUT_MS = 10_000;

/** WeCom answered with an HTTP error or not at all: worth trying again later. */
export class WecomUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WecomUnavailableError';
  }
}

export interface WecomAnswer {
  errcode: number;
  errmsg: string;
  body: Record<string, unknown>;
}

export const wecomSettingsOf = (account: ChannelAccount) => wecomKfSettings.parse(account.row.settings);

export class WecomClient {
  constructor(private readonly deps: Pick<PlatformDeps, 'tokens'>) {}

  /** A token from the shared cache, fetched with `gettoken` when none is fresh. */
  accessToken(account: ChannelAccount): Promise<string> {
    return this.deps.tokens.get(account, () => this.fetchToken(account));
  }

  async syncMsg(
    account: ChannelAccount,
    request: { cursor: string | null; token: string | null; openKfId: string; limit: number },
  ): Promise<WecomSyncPage> {
    const answer = await this.post(account, '/cgi-bin/kf/sync_msg', {
      ...(request.cursor ? { cursor: request.cursor } : {}),
      ...(request.token ? { token: request.token } : {}),
      limit: request.limit,
      open_kfid: request.openKfId,
    });
    return parseSyncMsgResponse(answer.body);
  }

  sendMessage(account: ChannelAccount, message: Record<string, unknown>, timeoutMs?: number) {
    return this.post(account, '/cgi-bin/kf/send_msg', message, timeoutMs);
  }

  /** The welcome (or another event answer) sent with the one-time code an event carried. */
  sendOnEvent(account: ChannelAccount, code: string, content: string) {
    return this.post(account, '/cgi-bin/kf/send_msg_on_event', {
      code,
      msgtype: 'text',
      text: { content },
    });
  }

  listAccounts(account: ChannelAccount) {
    return this.post(account, '/cgi-bin/kf/account/list', { offset: 0, limit: 100 });
  }

  /** Uploads a temporary media file (valid 3 days) and answers with its media_id. */
  uploadMedia(
    account: ChannelAccount,
    file: { type: 'image' | 'file'; filename: string; contentType: string; content: Buffer },
    timeoutMs?: number,
  ) {
    return this.call(account, timeoutMs, (token) => {
      const form = new FormData();
      form.append(
        'media',
        new Blob([new Uint8Array(file.content)], { type: file.contentType }),
        file.filename,
      );
      return {
        url: this.url(account, '/cgi-bin/media/upload', { access_token: token, type: file.type }),
        init: { method: 'POST', body: form },
      };
    });
  }

  /**
   * `media/get`: a file a customer sent (kept by WeCom for 3 days). WeCom answers with the bytes, or with JSON
   * naming why not; files over the attachment limit are not read past it.
   */
  async downloadMedia(
    account: ChannelAccount,
    mediaId: string,
    options: { timeoutMs: number; maxBytes: number },
  ): Promise<{ content: Buffer; contentType: string; filename: string | null }> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken(account);
      const response = await fetch(
        this.url(account, '/cgi-bin/media/get', { access_token: token, media_id: mediaId }),
        { signal: AbortSignal.timeout(options.timeoutMs) },
      );
      if (!response.ok) throw new WecomUnavailableError(`WeCom answered HTTP ${response.status}`);
      const contentType = (response.headers.get('content-type') ?? '').toLowerCase();
      if (contentType.includes('json') || contentType.startsWith('text/')) {
        const answer = JSON.parse(await response.text()) as { errcode?: number; errmsg?: string };
        if (TOKEN_REFUSED.has(answer.errcode ?? 0) && attempt === 0) {
          await this.deps.tokens.invalidate(account, token);
          continue;
        }
        throw new WecomUnavailableError(`media/get refused (${answer.errcode}: ${answer.errmsg})`);
      }
      if (Number(response.headers.get('content-length')) > options.maxBytes) {
        await response.body?.cancel();
        throw new WecomUnavailableError('The file is larger than Kefu accepts');
      }
      const content = Buffer.from(await response.arrayBuffer());
      if (content.length > options.maxBytes) {
        throw new WecomUnavailableError('The file is larger than Kefu accepts');
      }
      const disposition = response.headers.get('content-disposition') ?? '';
      return {
        content,
        contentType: contentType || 'application/octet-stream',
        filename: /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null,
      };
    }
  }

  private post(account: ChannelAccount, path: string, body: unknown, timeoutMs?: number) {
    return this.call(account, timeoutMs, (token) => ({
      url: this.url(account, path, { access_token: token }),
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      },
    }));
  }

  private async call(
    account: ChannelAccount,
    timeoutMs: number | undefined,
    build: (token: string) => { url: string; init: RequestInit },
  ): Promise<WecomAnswer> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken(account);
      const { url, init } = build(token);
      const answer = await this.request(url, init, timeoutMs);
      if (TOKEN_REFUSED.has(answer.errcode) && attempt === 0) {
        await this.deps.tokens.invalidate(account, token);
        continue;
      }
      return answer;
    }
  }

  private async fetchToken(account: ChannelAccount): Promise<FetchedToken> {
    const settings = wecomSettingsOf(account);
    const credentials = wecomKfCredentials.safeParse(account.credentials);
    if (!credentials.success) throw new TokenFetchError('The 微信客服 Secret is not configured');
    const answer = await this.request(
      this.url(account, '/cgi-bin/gettoken', {
        corpid: settings.corpId,
        corpsecret: credentials.data.secret,
      }),
      { method: 'GET' },
    );
    const token = answer.body.access_token;
    if (answer.errcode !== 0 || typeof token !== 'string' || !token) {
      throw new TokenFetchError(
        `WeCom refused the CorpID or Secret (${answer.errcode}: ${answer.errmsg})`,
        String(answer.errcode),
      );
    }
    const expiresIn = Number(answer.body.expires_in);
    return { token, expiresInSeconds: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 7200 };
  }

  private url(account: ChannelAccount, path: string, query: Record<string, string>): string {
    const base = wecomSettingsOf(account).apiBaseUrl.replace(/\/+$/, '');
    return `${base}${path}?${new URLSearchParams(query)}`;
  }

  private async request(
    url: string,
    init: RequestInit,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<WecomAnswer> {
    let response: Response;
    let raw: string;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      raw = await response.text();
    } catch (error) {
      throw new WecomUnavailableError(`WeCom did not answer (${(error as Error).name})`);
    }
    if (!response.ok) throw new WecomUnavailableError(`WeCom answered HTTP ${response.status}`);
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      throw new WecomUnavailableError('WeCom answered something that is not JSON');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new WecomUnavailableError('WeCom answered something that is not a JSON object');
    }
    const record = body as Record<string, unknown>;
    return {
      errcode: typeof record.errcode === 'number' ? record.errcode : 0,
      errmsg: typeof record.errmsg === 'string' ? record.errmsg : '',
      body: record,
    };
  }
}
