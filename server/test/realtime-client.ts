import WebSocket from 'ws';

export interface Frame {
  type: 'hello' | 'reset' | 'event';
  seq: number;
  kind?: string;
  ticketId?: string | null;
  messageId?: string | null;
  data?: Record<string, unknown>;
  at?: string;
}

/** An agent's realtime connection, as the app opens it (session cookie, optional `since`). */
export async function connectRealtime(baseUrl: string, session: string, since?: number) {
  const url = `${baseUrl.replace(/^http/, 'ws')}/api/v1/realtime${since === undefined ? '' : `?since=${since}`}`;
  const socket = new WebSocket(url, { headers: { cookie: `kefu_session=${session}` } });
  const frames: (Frame & { receivedAt: number })[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (data) => {
    frames.push({ ...(JSON.parse(String(data)) as Frame), receivedAt: performance.now() });
    for (const wake of waiters.splice(0)) wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`upgrade refused: ${response.statusCode}`)),
    );
    socket.once('error', reject);
  });
  return {
    socket,
    frames,
    events: () => frames.filter((frame) => frame.type === 'event'),
    /** Waits until `done` holds for the frames received so far. */
    async until(done: (received: Frame[]) => boolean, timeoutMs = 10_000): Promise<void> {
      const deadline = performance.now() + timeoutMs;
      while (!done(frames)) {
        const left = deadline - performance.now();
        if (left <= 0) throw new Error(`realtime: timed out with ${frames.length} frames`);
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
}
