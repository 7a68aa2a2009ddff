/**
 * Fetching a file a platform names (a Douyin pic_url, a WhatsApp media URL) without trusting the platform's push
 * for more than it must: only hosts on the platform's own list (a signed push still names a URL an attacker may have
 * chosen if they learnt the token), no redirects (they could lead anywhere), a deadline, and a byte limit enforced
 * while reading — a chunked answer without Content-Length is cut off at the limit, not buffered whole first.
 */

export class LimitedFetchError extends Error {
  constructor(
    readonly reason: 'host_not_allowed' | 'http_error' | 'too_large' | 'unreachable',
    message: string,
  ) {
    super(message);
    this.name = 'LimitedFetchError';
  }
}

export interface LimitedFetchOptions {
  /**
   * Host names allowed: an entry matches itself and its subdomains (`douyinpic.com` allows `p3-sign.douyinpic.com`).
   * The platform's API host (where a test's fake also lives) is usually on it.
   */
  allowedHosts: readonly string[];
  maxBytes: number;
  timeoutMs: number;
  headers?: Record<string, string>;
  /** Outside tests, only https. */
  allowHttp?: boolean;
}

export interface LimitedFile {
  content: Buffer;
  contentType: string;
  filename: string | null;
}

export function hostAllowed(url: URL, allowedHosts: readonly string[]): boolean {
  const host = url.hostname.toLowerCase();
  return allowedHosts.some((allowed) => {
    const entry = allowed.toLowerCase();
    return host === entry || host.endsWith(`.${entry}`);
  });
}

export async function fetchLimited(rawUrl: string, options: LimitedFetchOptions): Promise<LimitedFile> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new LimitedFetchError('host_not_allowed', 'Not a URL');
  }
  const schemeAllowed = url.protocol === 'https:' || (options.allowHttp && url.protocol === 'http:');
  if (!schemeAllowed || !hostAllowed(url, options.allowedHosts)) {
    throw new LimitedFetchError('host_not_allowed', `Files are not fetched from ${url.hostname}`);
  }
  let response: Response;
  try {
    response = await fetch(url, {
      headers: options.headers,
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    throw new LimitedFetchError('unreachable', `The file could not be fetched (${(error as Error).name})`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new LimitedFetchError('http_error', `The file host answered HTTP ${response.status}`);
  }
  const content = await readLimited(response, options.maxBytes);
  const disposition = response.headers.get('content-disposition') ?? '';
  return {
    content,
    contentType: (response.headers.get('content-type') ?? 'application/octet-stream').toLowerCase(),
    filename: /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null,
  };
}

/** The body, read chunk by chunk and abandoned as soon as it passes maxBytes. */
export async function readLimited(response: Response, maxBytes: number): Promise<Buffer> {
  if (Number(response.headers.get('content-length')) > maxBytes) {
    await response.body?.cancel();
    throw new LimitedFetchError('too_large', 'The file is larger than Kefu accepts');
  }
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      size += chunk.value.length;
      if (size > maxBytes) {
        await reader.cancel();
        throw new LimitedFetchError('too_large', 'The file is larger than Kefu accepts');
      }
      chunks.push(Buffer.from(chunk.value));
    }
  } catch (error) {
    if (error instanceof LimitedFetchError) throw error;
    throw new LimitedFetchError('unreachable', `The file could not be read (${(error as Error).name})`);
  }
  return Buffer.concat(chunks);
}
