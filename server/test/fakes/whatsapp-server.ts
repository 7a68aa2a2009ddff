/**
 * A local stand-in for the WhatsApp Cloud API (Graph API subset) on 127.0.0.1, speaking the documented shapes:
 * `POST /{version}/{phone-number-id}/messages` (text, template, image, document; `{messages:[{id:"wamid…"}]}`),
 * `POST /{phone-number-id}/media` (multipart) and `GET /{media-id}` → a download URL fetched with the bearer token,
 * `GET /{waba-id}/message_templates`, `GET /{phone-number-id}`, and Graph's error object
 * (`{"error":{"message","type":"OAuthException","code",…,"fbtrace_id"}}`). It keeps the 24-hour window per wa_id
 * as the test sets it and records every request; whatsapp-webhooks.ts builds and signs the notifications Meta sends.
 * For the hostile cases it can name a media URL on another host, stream a file without Content-Length, page the
 * templates to another host, and `startForeignHost()` records whatever reaches such a host.
 */
import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import { startFakeHttp } from './http';

export interface FakeTemplate {
  name: string;
  language: string;
  body: string;
  status?: 'APPROVED' | 'PENDING' | 'REJECTED';
}

/** A file the fake hands out: its bytes, or `streamBytes` of filler sent chunked without Content-Length. */
interface FakeMedia {
  content: Buffer;
  mimeType: string;
  /** The download URL `GET /{media-id}` names instead of the fake's own (another host). */
  url?: string;
  streamBytes?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  json: Record<string, unknown> | null;
}

/** Graph's documented error texts for the codes the fake plays. */
const ERRORS: Record<number, { status: number; message: string }> = {
  190: { status: 401, message: 'Error validating access token: Session has expired.' },
  131047: {
    status: 400,
    message:
      'Re-engagement message: more than 24 hours have passed since the recipient last replied to the sender number.',
  },
  131026: { status: 400, message: 'Message undeliverable' },
  131048: { status: 400, message: 'Spam rate limit hit' },
  131056: { status: 400, message: '(Business Account, Consumer Account) pair rate limit hit' },
  130429: { status: 400, message: 'Rate limit hit' },
  132001: { status: 404, message: 'Template name does not exist in the translation' },
  131000: { status: 500, message: 'Something went wrong' },
};

const graphError = (code: number) => ({
  status: ERRORS[code]?.status ?? 400,
  body: {
    error: {
      message: `(#${code}) ${ERRORS[code]?.message ?? 'Error'}`,
      type: 'OAuthException',
      code,
      error_data: { messaging_product: 'whatsapp', details: ERRORS[code]?.message ?? 'Error' },
      fbtrace_id: randomBytes(8).toString('hex'),
    },
  },
});

export async function startWhatsappServer(
  options: {
    accessToken?: string;
    phoneNumberId?: string;
    businessAccountId?: string;
    templates?: FakeTemplate[];
  } = {},
) {
  const accessToken = options.accessToken ?? 'EAAG-test-system-user-token';
  const phoneNumberId = options.phoneNumberId ?? '106540352242922';
  const businessAccountId = options.businessAccountId ?? '102290129340398';
  const templates: FakeTemplate[] = options.templates ?? [];
  const requests: RecordedRequest[] = [];
  /** Messages the business sent, as the customer's phone would get them. */
  const sent: { id: string; to: string; type: string; payload: Record<string, unknown> }[] = [];
  const media = new Map<string, FakeMedia>();
  const closedWindows = new Set<string>();
  /** Error codes the next send calls answer with, in order. */
  const failures: number[] = [];
  /** Error codes the next sends of one message type (`image`…) answer with. */
  const typeFailures = new Map<string, number[]>();
  /** Media downloads: how many ran at once at most, and how the streamed ones ended. */
  const downloads = { delayMs: 0, inFlight: 0, maxInFlight: 0 };
  const streams: { id: string; bytesWritten: number; finished: boolean }[] = [];
  /** Template pages: size (0 = one page) and the origin `paging.next` points to (the fake's own by default). */
  const templatePaging = { size: 0, nextOrigin: '' };
  let baseUrl = '';

  const server = await startFakeHttp(async (request, response, raw) => {
    const url = new URL(request.url ?? '/', baseUrl);
    const parts = url.pathname.split('/').filter(Boolean);
    const isJson = String(request.headers['content-type'] ?? '').startsWith('application/json');
    let json: Record<string, unknown> | null = null;
    if (isJson) {
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        json = null;
      }
    }
    requests.push({
      method: request.method ?? '',
      path: url.pathname,
      authorization: request.headers.authorization,
      json,
    });
    const answer = (status: number, body: unknown, type = 'application/json') => {
      response.writeHead(status, { 'content-type': type });
      response.end(Buffer.isBuffer(body) ? body : JSON.stringify(body));
    };
    const fail = (code: number) => {
      const { status, body } = graphError(code);
      answer(status, body);
    };
    if (request.headers.authorization !== `Bearer ${accessToken}`) return fail(190);

    // The media download URL (lookaside.fbsbx.com in production) also wants the bearer token.
    if (request.method === 'GET' && parts[0] === 'media-download') {
      const file = media.get(parts[1] ?? '');
      if (!file) return answer(404, 'not found', 'text/plain');
      downloads.inFlight++;
      downloads.maxInFlight = Math.max(downloads.maxInFlight, downloads.inFlight);
      try {
        if (downloads.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, downloads.delayMs));
        if (file.streamBytes === undefined) return answer(200, file.content, file.mimeType);
        return await streamFiller(response, parts[1] ?? '', file);
      } finally {
        downloads.inFlight--;
      }
    }
    const [, objectId, edge] = parts;
    if (request.method === 'GET' && objectId === phoneNumberId && !edge) {
      return answer(200, {
        verified_name: 'Kefu Test Shop',
        display_phone_number: '+1 555-078-3881',
        quality_rating: 'GREEN',
        id: phoneNumberId,
      });
    }
    if (request.method === 'GET' && objectId === businessAccountId && edge === 'message_templates') {
      const status = url.searchParams.get('status');
      const all = templates
        .filter((t) => !status || (t.status ?? 'APPROVED') === status)
        .map((t, i) => ({
          name: t.name,
          language: t.language,
          status: t.status ?? 'APPROVED',
          category: 'UTILITY',
          id: String(900_000 + i),
          components: [{ type: 'BODY', text: t.body }],
        }));
      // Graph's cursor paging: `after` is an opaque cursor (here the offset), `next` the full next-page URL.
      const offset = Number(url.searchParams.get('after') ?? 0);
      const size = templatePaging.size || all.length;
      const data = all.slice(offset, offset + size);
      const paging: Record<string, unknown> = {
        cursors: { before: String(offset), after: String(offset + size) },
      };
      if (offset + size < all.length) {
        const next = new URL(`${templatePaging.nextOrigin || baseUrl}${url.pathname}${url.search}`);
        next.searchParams.set('after', String(offset + size));
        paging.next = next.toString();
      }
      return answer(200, { data, paging });
    }
    if (request.method === 'GET' && objectId && media.has(objectId) && !edge) {
      const file = media.get(objectId) as FakeMedia;
      return answer(200, {
        messaging_product: 'whatsapp',
        url: file.url ?? `${baseUrl}/media-download/${objectId}`,
        mime_type: file.mimeType,
        sha256: 'c0ffee',
        // A streamed file's size is not told: only the download itself shows how large it is.
        ...(file.streamBytes === undefined ? { file_size: file.content.length } : {}),
        id: objectId,
      });
    }
    if (request.method === 'POST' && objectId === phoneNumberId && edge === 'media') {
      const form = await new Request(url, {
        method: 'POST',
        headers: { 'content-type': String(request.headers['content-type']) },
        body: raw,
      }).formData();
      const file = form.get('file');
      if (form.get('messaging_product') !== 'whatsapp' || !(file instanceof Blob)) return fail(100);
      const id = String(Math.floor(Math.random() * 1e15));
      media.set(id, { content: Buffer.from(await file.arrayBuffer()), mimeType: file.type });
      return answer(200, { id });
    }
    if (request.method === 'POST' && objectId === phoneNumberId && edge === 'messages') {
      if (json?.messaging_product !== 'whatsapp' || typeof json.to !== 'string') return fail(100);
      const failure = failures.shift() ?? typeFailures.get(String(json.type))?.shift();
      if (failure !== undefined) return fail(failure);
      const to = json.to;
      if (json.type === 'template') {
        const template = json.template as { name?: string; language?: { code?: string } };
        const known = templates.find(
          (t) =>
            t.name === template?.name &&
            t.language === template?.language?.code &&
            (t.status ?? 'APPROVED') === 'APPROVED',
        );
        if (!known) return fail(132001);
      } else if (closedWindows.has(to)) {
        return fail(131047);
      }
      const id = `wamid.${Buffer.from(`${to}-${randomBytes(8).toString('hex')}`).toString('base64')}`;
      sent.push({ id, to, type: String(json.type), payload: json });
      return answer(200, {
        messaging_product: 'whatsapp',
        contacts: [{ input: to, wa_id: to }],
        messages: [{ id, ...(json.type === 'template' ? { message_status: 'accepted' } : {}) }],
      });
    }
    fail(100);
  });
  /** Writes the file's head, then filler in 64 KiB chunks without Content-Length until done or the client hangs up. */
  async function streamFiller(response: http.ServerResponse, id: string, file: FakeMedia) {
    const record = { id, bytesWritten: 0, finished: false };
    streams.push(record);
    response.writeHead(200, { 'content-type': file.mimeType });
    const chunk = Buffer.alloc(64 * 1024, 7);
    let first = true;
    while (record.bytesWritten < (file.streamBytes ?? 0) && !response.destroyed) {
      const piece = first ? Buffer.concat([file.content, chunk]) : chunk;
      first = false;
      record.bytesWritten += piece.length;
      if (!response.write(piece)) {
        await new Promise<void>((resolve) => {
          response.once('drain', resolve);
          response.once('close', resolve);
        });
      }
    }
    if (!response.destroyed) {
      record.finished = true;
      response.end();
    }
  }

  baseUrl = server.origin;

  return {
    baseUrl,
    accessToken,
    phoneNumberId,
    businessAccountId,
    requests,
    sent,
    templates,
    /** The customer's 24 hours since their last message are over: only templates get through. */
    closeWindow: (waId: string) => closedWindows.add(waId),
    openWindow: (waId: string) => closedWindows.delete(waId),
    /** The next send calls answer with these Graph error codes. */
    failNextSends: (...codes: number[]) => failures.push(...codes),
    /** The next sends of this message type (`image`, `document`…) answer with these Graph error codes. */
    failNextSendsOfType(type: string, ...codes: number[]) {
      typeFailures.set(type, [...(typeFailures.get(type) ?? []), ...codes]);
    },
    /** A file the customer sent, retrievable by its media id; `url` makes Graph name a download URL elsewhere. */
    addMedia(content: Buffer, mimeType: string, options: { url?: string } = {}): string {
      const id = String(Math.floor(Math.random() * 1e15));
      media.set(id, { content, mimeType, ...options });
      return id;
    },
    /** A file of `totalBytes` (starting with `head`) whose size Graph does not tell, sent chunked. */
    addStreamedMedia(head: Buffer, mimeType: string, totalBytes: number): string {
      const id = String(Math.floor(Math.random() * 1e15));
      media.set(id, { content: head, mimeType, streamBytes: totalBytes });
      return id;
    },
    downloads,
    streams,
    /** Lists templates `size` per page, `paging.next` pointing at `nextOrigin` (default: the fake itself). */
    pageTemplates(size: number, nextOrigin = '') {
      templatePaging.size = size;
      templatePaging.nextOrigin = nextOrigin;
    },
    close: server.close,
  };
}

export type FakeWhatsapp = Awaited<ReturnType<typeof startWhatsappServer>>;

/**
 * A host that is not Meta's nor the account's API host (127.0.0.2: loopback, but another name), recording every
 * request with its Authorization header; it answers like a file host would.
 */
export async function startForeignHost() {
  const requests: { path: string; authorization: string | undefined }[] = [];
  const server = await startFakeHttp((request, response) => {
    requests.push({ path: request.url ?? '/', authorization: request.headers.authorization });
    response.writeHead(200, { 'content-type': 'image/jpeg' });
    response.end(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]));
  }, '127.0.0.2');
  return { ...server, requests };
}
