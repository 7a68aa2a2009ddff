import type { App } from '@server/app';
import { SESSION_COOKIE } from '@server/auth/sessions';
import type { LightMyRequestResponse } from 'fastify';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Talks to the in-process app the way the web app does: session cookie plus the CSRF header on writes. */
export class TestClient {
  constructor(
    readonly app: App,
    readonly sessionToken: string | null,
    readonly csrfToken: string | null,
    readonly bearer: string | null = null,
  ) {}

  /** The session token of a logged-in client. */
  session(): string {
    if (!this.sessionToken) throw new Error('this client has no session');
    return this.sessionToken;
  }

  request(
    method: Method,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const allHeaders: Record<string, string> = { ...headers };
    if (this.bearer) allHeaders.authorization = `Bearer ${this.bearer}`;
    if (this.csrfToken && method !== 'GET' && !('x-csrf-token' in headers))
      allHeaders['x-csrf-token'] = this.csrfToken;
    return this.app.inject({
      method,
      url,
      headers: allHeaders,
      ...(this.sessionToken ? { cookies: { [SESSION_COOKIE]: this.sessionToken } } : {}),
      ...(body !== undefined ? { payload: body as object } : {}),
    });
  }

  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body?: unknown, headers?: Record<string, string>) =>
    this.request('POST', url, body ?? {}, headers);
  patch = (url: string, body?: unknown, headers?: Record<string, string>) =>
    this.request('PATCH', url, body ?? {}, headers);
  put = (url: string, body?: unknown, headers?: Record<string, string>) =>
    this.request('PUT', url, body ?? {}, headers);
  delete = (url: string, headers?: Record<string, string>) => this.request('DELETE', url, undefined, headers);
}

export async function login(app: App, user: { email: string; password: string }): Promise<TestClient> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: user.email, password: user.password },
  });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error('login set no session cookie');
  return new TestClient(app, cookie.value, response.json().csrfToken);
}

export const withBearer = (app: App, token: string) => new TestClient(app, null, null, token);
export const anonymous = (app: App) => new TestClient(app, null, null);

/** The smallest file the attachment route accepts as a PNG: the signature and some bytes. */
export const TINY_PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64),
]);

/** Uploads a file to a ticket as `client`, the way the reply box does (multipart/form-data). */
export function uploadFile(
  client: TestClient,
  ticketId: string,
  filename: string,
  content: Buffer = TINY_PNG,
): Promise<LightMyRequestResponse> {
  const boundary = '----kefu-test-boundary';
  return client.app.inject({
    method: 'POST',
    url: `/api/v1/tickets/${ticketId}/attachments`,
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'x-csrf-token': client.csrfToken ?? '',
    },
    cookies: { [SESSION_COOKIE]: client.session() },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
}
