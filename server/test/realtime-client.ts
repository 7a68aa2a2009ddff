import WebSocket from 'ws';
import { closeSocket, receiveFrames } from './socket-frames';

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
  const { frames, until } = receiveFrames(socket, 'realtime', (data) => ({
    ...(JSON.parse(data) as Frame),
    receivedAt: performance.now(),
  }));
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
    until,
    close: () => closeSocket(socket),
  };
}
