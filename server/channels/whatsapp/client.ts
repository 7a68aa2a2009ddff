/**
 * The WhatsApp Cloud API (Graph API) calls Kefu makes: send a message, upload and download media, read the phone
 * number. Every call goes to the account's `apiBaseUrl` (tests point it at a local fake) with the system user's
 * bearer token, and Graph's errors are turned into the typed delivery failures the agent sees.
 */
import type { OutboundMessage, SendResult } from '../adapter';
import { fetchLimited } from '../platform/fetch-limited';
import type { ChannelAccount } from '../repo';
import { whatsappSettings } from './settings';

export type WhatsappSettings = ReturnType<typeof whatsappSettings.parse>;

export const settingsOf = (account: ChannelAccount): WhatsappSettings =>
  whatsappSettings.parse(account.row.settings);

/** `{apiBaseUrl}/{apiVersion}/{path}`. */
export function graphUrl(settings: WhatsappSettings, path: string): string {
  return `${settings.apiBaseUrl.replace(/\/+$/, '')}/${settings.apiVersion}/${path}`;
}

/**
 * Whether a URL taken from a Graph answer (a `paging.next`) may be called with the bearer token: only on the
 * account's own API origin, so a tampered answer cannot send the token elsewhere.
 */
export function onGraphOrigin(settings: WhatsappSettings, url: string): boolean {
  try {
    return new URL(url).origin === new URL(settings.apiBaseUrl).origin;
  } catch {
    return false;
  }
}

/** Graph's error object (`{"error": {"code", "message", "error_subcode", "fbtrace_id"…}}`). */
export interface GraphError {
  status: number;
  code: number | null;
  message: string;
}

export class GraphCallError extends Error {
  constructor(readonly graph: GraphError) {
    super(`WhatsApp ${graph.code ?? graph.status}: ${graph.message}`);
    this.name = 'GraphCallError';
  }
}

type Failure = Extract<SendResult, { ok: false }>;

/**
 * The agent-facing reason for a Graph error code, from the send call or a `failed` status webhook. Rate limits on
 * throughput (130429), the business/consumer pair (131056) and the account (80007) clear within seconds to minutes,
 * so they are retried with the outbox's backoff; the spam rate limit (131048) depends on the number's quality
 * rating and does not clear by retrying, so it fails at once.
 */
export function failureOf(error: GraphError): Failure {
  const { code, status } = error;
  const detail = `WhatsApp ${code ?? status}`;
  switch (code) {
    case 131047:
      return {
        ok: false,
        code: 'window_expired',
        message: `${detail}: more than 24 hours since the customer's last message; only an approved template can be sent`,
        permanent: true,
      };
    case 131026:
      return {
        ok: false,
        code: 'invalid_recipient',
        message: `${detail}: the message could not be delivered to this number (not on WhatsApp or an old app)`,
        permanent: true,
      };
    case 131050:
      return {
        ok: false,
        code: 'blocked',
        message: `${detail}: the customer stopped these messages`,
        permanent: true,
      };
    case 130429:
    case 131056:
    case 80007:
      return {
        ok: false,
        code: 'quota_exhausted',
        message: `${detail}: rate limit reached, retrying`,
        permanent: false,
      };
    case 131048:
      return {
        ok: false,
        code: 'quota_exhausted',
        message: `${detail}: spam rate limit reached for this number`,
        permanent: true,
      };
    case 190:
      return {
        ok: false,
        code: 'rejected',
        message: `${detail}: the access token is invalid or expired; save a new system user token for this account`,
        permanent: true,
      };
    case 1:
    case 2:
    case 131000:
      return {
        ok: false,
        code: 'transient',
        message: `${detail}: temporary error at WhatsApp`,
        permanent: false,
      };
  }
  if (status >= 500 || status === 429) {
    return { ok: false, code: 'transient', message: `${detail}: WhatsApp is unavailable`, permanent: false };
  }
  // Graph's own text for anything else (template mismatch, bad parameter…): it names the problem, not the customer.
  return {
    ok: false,
    code: 'rejected',
    message: `${detail}: ${error.message}`.slice(0, 500),
    permanent: true,
  };
}

async function graphErrorOf(response: Response): Promise<GraphError> {
  const json = (await response.json().catch(() => null)) as {
    error?: { code?: unknown; message?: unknown };
  } | null;
  return {
    status: response.status,
    code: typeof json?.error?.code === 'number' ? json.error.code : null,
    message: typeof json?.error?.message === 'string' ? json.error.message : `HTTP ${response.status}`,
  };
}

/** One Graph call with the bearer token; a non-2xx answer throws GraphCallError, a network failure its own error. */
export async function graphFetch(
  account: ChannelAccount,
  url: string,
  init: { method?: 'GET' | 'POST'; json?: unknown; form?: FormData; timeoutMs: number },
): Promise<Response> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${account.credentials.accessToken ?? ''}`,
  };
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    body: init.json !== undefined ? JSON.stringify(init.json) : init.form,
    signal: AbortSignal.timeout(init.timeoutMs),
  });
  if (!response.ok) throw new GraphCallError(await graphErrorOf(response));
  return response;
}

/** The JSON body of a successful Graph call. */
export async function graphJson<T>(
  account: ChannelAccount,
  url: string,
  init: Parameters<typeof graphFetch>[2],
): Promise<T> {
  return (await (await graphFetch(account, url, init)).json()) as T;
}

const WHATSAPP_IMAGE_TYPES = new Set(['image/jpeg', 'image/png']);

/** Uploads one file for sending (`POST /{phone-number-id}/media`, multipart) and returns its media id. */
async function uploadMedia(
  account: ChannelAccount,
  file: OutboundMessage['attachments'][number],
  timeoutMs: number,
): Promise<string> {
  const settings = settingsOf(account);
  const form = new FormData();
  form.set('messaging_product', 'whatsapp');
  form.set('type', file.contentType);
  form.set(
    'file',
    new Blob([Buffer.from(file.contentBase64, 'base64')], { type: file.contentType }),
    file.filename,
  );
  const uploaded = await graphJson<{ id?: string }>(
    account,
    graphUrl(settings, `${settings.phoneNumberId}/media`),
    {
      method: 'POST',
      form,
      timeoutMs,
    },
  );
  if (!uploaded.id)
    throw new GraphCallError({ status: 502, code: null, message: 'media upload returned no id' });
  return uploaded.id;
}

/** The message objects one reply is sent as: a template alone, or its text followed by its files. */
async function payloadsOf(message: OutboundMessage, account: ChannelAccount, timeoutMs: number) {
  const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to: message.conversationId };
  if (message.template) {
    const { name, language, parameters } = message.template;
    return [
      {
        ...base,
        type: 'template',
        template: {
          name,
          language: { code: language },
          components:
            parameters.length > 0
              ? [{ type: 'body', parameters: parameters.map((text) => ({ type: 'text', text })) }]
              : [],
        },
      },
    ];
  }
  const payloads: Record<string, unknown>[] = [];
  if (message.text.trim()) payloads.push({ ...base, type: 'text', text: { body: message.text } });
  for (const file of message.attachments) {
    const mediaId = await uploadMedia(account, file, timeoutMs);
    payloads.push(
      WHATSAPP_IMAGE_TYPES.has(file.contentType)
        ? { ...base, type: 'image', image: { id: mediaId } }
        : { ...base, type: 'document', document: { id: mediaId, filename: file.filename } },
    );
  }
  return payloads;
}

/**
 * Sends a reply (`POST /{phone-number-id}/messages`). The first message's `wamid` is the delivery's platform message
 * id: its status webhooks move the reply to delivered / read.
 */
export async function sendWhatsappMessage(
  message: OutboundMessage,
  account: ChannelAccount,
  timeoutMs: number,
): Promise<SendResult> {
  const settings = settingsOf(account);
  // Graph has no idempotency key: once one part reached the customer, a retry would send it again.
  const delivered: string[] = [];
  let platformMessageId: string | null = null;
  try {
    for (const payload of await payloadsOf(message, account, timeoutMs)) {
      const sent = await graphJson<{ messages?: { id?: string }[] }>(
        account,
        graphUrl(settings, `${settings.phoneNumberId}/messages`),
        { method: 'POST', json: payload, timeoutMs },
      );
      delivered.push(String(payload.type));
      platformMessageId ??= sent.messages?.[0]?.id ?? null;
    }
    return { ok: true, platformMessageId };
  } catch (error) {
    const failure: Failure =
      error instanceof GraphCallError
        ? failureOf(error.graph)
        : { ok: false, code: 'transient', message: 'WhatsApp did not answer in time', permanent: false };
    if (delivered.length === 0) return failure;
    // Final, so the agent sees which part is missing and sends the file again themselves.
    const sentPart = delivered.includes('text') ? '文字已发送，附件未发送' : '部分附件已发送，其余未发送';
    return {
      ok: false,
      code: failure.code,
      message: `${sentPart}：${failure.message}`.slice(0, 500),
      permanent: true,
    };
  }
}

/** Largest inbound file fetched (WhatsApp allows 100 MB documents; the desk keeps what an agent can open). */
export const MAX_MEDIA_BYTES = 16 * 1024 * 1024;

/** Where Meta serves media download URLs (lookaside.fbsbx.com and its CDNs). */
const META_MEDIA_HOSTS = ['fbsbx.com', 'facebook.com', 'whatsapp.net', 'fbcdn.net'];

/**
 * Downloads a customer's media: `GET /{media-id}` gives a short-lived URL, fetched with the same bearer token —
 * but only from Meta's media hosts or the account's own API host, never following a redirect, and cut off past
 * MAX_MEDIA_BYTES while streaming. Resolves null when the file cannot be had within the budget (the message is kept
 * without it).
 */
export async function downloadMedia(
  account: ChannelAccount,
  mediaId: string,
  budgetMs: number,
): Promise<{ content: Buffer; mimeType: string | null } | null> {
  const deadline = Date.now() + budgetMs;
  const left = () => Math.max(1, deadline - Date.now());
  const settings = settingsOf(account);
  try {
    const info = await graphJson<{ url?: unknown; mime_type?: unknown; file_size?: unknown }>(
      account,
      graphUrl(settings, encodeURIComponent(mediaId)),
      { timeoutMs: left() },
    );
    if (typeof info.url !== 'string') return null;
    if (typeof info.file_size === 'number' && info.file_size > MAX_MEDIA_BYTES) return null;
    const apiBase = new URL(settings.apiBaseUrl);
    // fetchLimited checks the host before connecting: the token is never sent to a host off this list.
    const file = await fetchLimited(info.url, {
      allowedHosts: [...META_MEDIA_HOSTS, apiBase.hostname],
      maxBytes: MAX_MEDIA_BYTES,
      timeoutMs: left(),
      headers: { authorization: `Bearer ${account.credentials.accessToken ?? ''}` },
      allowHttp: apiBase.protocol === 'http:',
    });
    if (file.content.length === 0) return null;
    return { content: file.content, mimeType: typeof info.mime_type === 'string' ? info.mime_type : null };
  } catch {
    return null;
  }
}
