/** A widget visitor as the real widget speaks to Kefu: a session over HTTP, then the socket. */
import type { WidgetClientFrame, WidgetMessage, WidgetServerFrame } from '@shared/web-chat';
import WebSocket from 'ws';
import { closeSocket, receiveFrames } from './socket-frames';

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
  const { frames, until } = receiveFrames(socket, 'widget', (data) => JSON.parse(data) as WidgetServerFrame);
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
    until,
    close: () => closeSocket(socket),
  };
  await widget.until((received) =>
    received.some((frame) => frame.type === 'ready' || frame.type === 'error'),
  );
  return widget;
}
