import { signedHeaders } from '@server/channels/api-channel/signature';

/** A logged-in session against a real Kefu process over HTTP. */
export interface HttpSession {
  baseUrl: string;
  session: string;
  csrfToken: string;
  post(path: string, body: unknown): Promise<Response>;
  get(path: string): Promise<Response>;
}

export async function login(
  baseUrl: string,
  credentials: { email: string; password: string },
): Promise<HttpSession> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  const session = /kefu_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  if (!session) throw new Error('login set no session cookie');
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return {
    baseUrl,
    session,
    csrfToken,
    post: (path, body) =>
      fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: `kefu_session=${session}`,
          'x-csrf-token': csrfToken,
        },
        body: JSON.stringify(body),
      }),
    get: (path) => fetch(`${baseUrl}${path}`, { headers: { cookie: `kefu_session=${session}` } }),
  };
}

/** Posts a signed body to a channel of a real process (one message, or `messages/batch`), as a connector does. */
export function postSignedHttp(
  baseUrl: string,
  channel: { id: string; secret: string },
  body: unknown,
  path: 'messages' | 'messages/batch' = 'messages',
) {
  const raw = JSON.stringify(body);
  return fetch(`${baseUrl}/api/v1/channels/${channel.id}/${path}`, {
    method: 'POST',
    headers: signedHeaders(channel.secret, raw),
    body: raw,
  });
}
