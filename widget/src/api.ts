import type {
  WidgetConfig,
  WidgetLocale,
  WidgetSessionRequest,
  WidgetSessionResponse,
} from '@shared/web-chat';

/** A refused widget request, with the server's problem title and detail when it sent one. */
export class WidgetRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson<T>(response: Response): Promise<T> {
  if (response.ok) return (await response.json()) as T;
  let message = response.statusText;
  try {
    const problem = (await response.json()) as { title?: string; detail?: string };
    message = problem.detail ?? problem.title ?? message;
  } catch {
    // Not a problem document (a proxy's error page): the status text has to do.
  }
  throw new WidgetRequestError(response.status, message);
}

/** The Kefu server's widget API, at the origin the widget script was loaded from. */
export function widgetApi(origin: string) {
  const base = `${origin}/api/v1/widget`;
  return {
    config: (key: string, locale: WidgetLocale) =>
      fetch(`${base}/config?key=${encodeURIComponent(key)}&locale=${locale}`).then(readJson<WidgetConfig>),

    session: (request: WidgetSessionRequest) =>
      fetch(`${base}/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      }).then(readJson<WidgetSessionResponse>),

    upload: (token: string, file: File, clientId: string) => {
      const form = new FormData();
      form.append('clientId', clientId);
      form.append('file', file);
      return fetch(`${base}/uploads?token=${encodeURIComponent(token)}`, { method: 'POST', body: form }).then(
        readJson<{ messageId: string; ticketNumber: string }>,
      );
    },

    socketUrl: (token: string, after: string | null) =>
      `${origin.replace(/^http/, 'ws')}/api/v1/widget/socket?token=${encodeURIComponent(token)}&after=${encodeURIComponent(after ?? '')}`,

    /** Attachment paths carry no credentials; the visitor's token opens only their own conversation's files. */
    fileUrl: (token: string, path: string) =>
      `${origin}${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`,
  };
}

export type WidgetApi = ReturnType<typeof widgetApi>;
