/** A widget visitor as the real widget speaks to Kefu: a session over HTTP, then the socket. */
import type { WidgetClientFrame, WidgetMessage, WidgetServerFrame } from '@shared/web-chat';
import WebSocket from 'ws';

export async function startVisitor(
  baseUrl: string,
  body: { key: string; visitorToken?: string; identity?: Record<string, string>; locale?: 'zh-CN' | 'en' },
) {
  const response = await fetch(`${baseUrl}/api/v1/widget/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 200) throw new Error(`widget session: ${response.status} ${await response.text()}`);
  return (await response.json()) as { visitorToken: string; visitorId: string; identified: boolean };
}

export async function connectWidget(baseUrl: string, token: string, after?: string) {
  const query = new URLSearchParams({ token, ...(after ? { after } : {}) });
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/v1/widget/socket?${query}`);
  const frames: WidgetServerFrame[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (data) => {
    frames.push(JSON.parse(String(data)) as WidgetServerFrame);
    for (const wake of waiters.splice(0)) wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const widget = {
    socket,
    frames,
    send: (frame: WidgetClientFrame) => socket.send(JSON.stringify(frame)),
    /** Every message shown so far: the history, then live ones, in arrival order. */
    messages(): WidgetMessage[] {
      return frames.flatMap((frame) =>
        frame.type === 'ready' ? frame.history : frame.type === 'message' ? [frame.message] : [],
      );
    },
    async until(done: (received: WidgetServerFrame[]) => boolean, timeoutMs = 10_000): Promise<void> {
      const deadline = performance.now() + timeoutMs;
      while (!done(frames)) {
        const left = deadline - performance.now();
        if (left <= 0)
          throw new Error(`widget: timed out with frames ${JSON.stringify(frames.map((f) => f.type))}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close();
      }),
  };
  await widget.until((received) =>
    received.some((frame) => frame.type === 'ready' || frame.type === 'error'),
  );
  return widget;
}
