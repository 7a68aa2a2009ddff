import { ApiProblem, problemFromResponse } from './problem';

const API_BASE = '/api/v1';

// The session cookie is httpOnly; the CSRF token that goes with it arrives in every Me response and lives
// only in memory, so another site can never read or replay it.
let csrfToken: string | null = null;

export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

type UnauthorizedHandler = (code: string) => void;
let onUnauthorized: UnauthorizedHandler = () => {};

/** The app decides where a 401 leads (the login page); the client only reports it. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler;
}

type Query = Record<string, string | number | boolean | undefined>;

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  /** Off for the login and setup forms, whose 401s are answers to show, not an ended session. */
  redirectOnUnauthorized?: boolean;
}

function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

/** Calls the Kefu API; resolves with the JSON body (undefined for 204) or rejects with an ApiProblem. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiProblem({ status: 0, code: 'network_error', detail: 'The server could not be reached' });
  }

  if (!response.ok) {
    const problem = await problemFromResponse(response);
    if (problem.status === 401 && options.redirectOnUnauthorized !== false) {
      csrfToken = null;
      onUnauthorized(problem.code);
    }
    throw problem;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
