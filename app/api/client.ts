import { ApiProblem, isApiProblem, problemFromResponse } from './problem';

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
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is, for endpoints that take a file's text (a CSV import). */
  textBody?: { contentType: string; text: string };
  query?: Query;
  /** Cancels the request (TanStack Query passes one when a query is no longer wanted). */
  signal?: AbortSignal;
  /** Off for the login and setup forms, whose 401s are answers to show, not an ended session. */
  redirectOnUnauthorized?: boolean;
}

function reportUnauthorized(code: string): void {
  csrfToken = null;
  onUnauthorized(code);
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
  if (options.textBody) headers['content-type'] = options.textBody.contentType;
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      signal: options.signal,
      body: options.textBody?.text ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiProblem({ status: 0, code: 'network_error', detail: 'The server could not be reached' });
  }

  if (!response.ok) {
    const problem = await problemFromResponse(response);
    if (problem.status === 401 && options.redirectOnUnauthorized !== false) reportUnauthorized(problem.code);
    throw problem;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/**
 * Uploads one file as multipart/form-data (field `file`), reporting progress, which fetch cannot do. The browser
 * sets the multipart Content-Type with its boundary; the CSRF header goes along as with every other write.
 */
export function apiUpload<T>(
  path: string,
  file: File,
  options: { onProgress?: (percent: number) => void; signal?: AbortSignal } = {},
): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', buildUrl(path));
    request.withCredentials = true;
    request.setRequestHeader('accept', 'application/json');
    if (csrfToken) request.setRequestHeader('x-csrf-token', csrfToken);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(Math.round((event.loaded / event.total) * 100));
    };
    request.onerror = () =>
      reject(new ApiProblem({ status: 0, code: 'network_error', detail: 'The server could not be reached' }));
    request.onabort = () =>
      reject(new ApiProblem({ status: 0, code: 'aborted', detail: 'Upload cancelled' }));
    // The answer is read like a fetch Response, so errors are parsed exactly as for every other call.
    const readAnswer = async (): Promise<T> => {
      const response = new Response(request.responseText, {
        status: request.status,
        statusText: request.statusText,
        headers: { 'content-type': request.getResponseHeader('content-type') ?? '' },
      });
      if (response.ok) return (await response.json()) as T;
      const problem = await problemFromResponse(response);
      if (problem.status === 401) reportUnauthorized(problem.code);
      throw problem;
    };
    request.onload = () => {
      readAnswer().then(resolve, (error: unknown) =>
        reject(
          isApiProblem(error)
            ? error
            : new ApiProblem({ status: request.status, code: 'internal_error', detail: String(error) }),
        ),
      );
    };
    options.signal?.addEventListener('abort', () => request.abort());
    const form = new FormData();
    form.append('file', file);
    request.send(form);
  });
}
