import type { WidgetClientFrame, WidgetMessage, WidgetServerFrame } from '@shared/web-chat';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type ConnectionStatus,
  HEARTBEAT_MS,
  type MessageFrame,
  reconnectDelay,
  WidgetConnection,
} from './connection';

/** A socket the test drives: it records what the widget sends and plays the server's side. */
class FakeSocket {
  sent: WidgetClientFrame[] = [];
  closed = false;
  constructor(
    readonly url: string,
    private readonly events: { open(): void; message(data: string): void; close(): void },
  ) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.closed = true;
  }
  serverSends(frame: WidgetServerFrame) {
    this.events.message(JSON.stringify(frame));
  }
  drop() {
    this.events.close();
  }
  sentMessages() {
    return this.sent
      .filter((frame) => frame.type === 'message')
      .map((frame) => (frame as MessageFrame).clientId);
  }
}

const ready: WidgetServerFrame = { type: 'ready', visitorId: 'v1', history: [], chat: null };
const message = (id: string): WidgetMessage => ({
  id,
  direction: 'outbound',
  text: 'hi',
  attachments: [],
  author: null,
  automated: false,
  ticketNumber: 'T-1',
  createdAt: '2026-12-02T10:00:00Z',
});
const send = (clientId: string): MessageFrame => ({ type: 'message', clientId, text: clientId });

function setup(saved: MessageFrame[] = []) {
  const sockets: FakeSocket[] = [];
  const frames: WidgetServerFrame[] = [];
  const statuses: ConnectionStatus[] = [];
  let lastMessageId: string | null = null;
  let stored = saved;
  const connection = new WidgetConnection({
    url: (after) => `ws://kefu.test/api/v1/widget/socket?token=t&after=${after ?? ''}`,
    openSocket: (url, events) => {
      const socket = new FakeSocket(url, events);
      sockets.push(socket);
      return socket;
    },
    lastMessageId: () => lastMessageId,
    onFrame: (frame) => {
      frames.push(frame);
      if (frame.type === 'message') lastMessageId = frame.message.id;
    },
    onStatus: (status) => statuses.push(status),
    outboxStore: {
      load: () => stored,
      save: (frames) => {
        stored = [...frames];
      },
    },
    random: () => 0.5,
  });
  const socket = () => sockets[sockets.length - 1] as FakeSocket;
  return { connection, sockets, socket, frames, statuses, stored: () => stored };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('WidgetConnection', () => {
  it('sends messages only once the server is ready, in the order the visitor wrote them', () => {
    const { connection, socket, statuses } = setup();
    connection.start();
    connection.sendMessage(send('a'));
    connection.sendMessage(send('b'));
    expect(socket().sent).toEqual([]);
    expect(connection.send({ type: 'typing', typing: true })).toBe(false);

    socket().serverSends(ready);

    expect(socket().sentMessages()).toEqual(['a', 'b']);
    expect(statuses).toEqual(['connecting', 'open']);
  });

  it('resends unacknowledged messages in order after a reconnect, resuming after the last message', () => {
    const { connection, sockets, socket, statuses, stored } = setup();
    connection.start();
    socket().serverSends(ready);
    connection.sendMessage(send('a'));
    connection.sendMessage(send('b'));
    connection.sendMessage(send('c'));
    socket().serverSends({ type: 'message', message: message('m9') });
    socket().serverSends({ type: 'ack', clientId: 'b', messageId: 'm2', ticketNumber: 'T-1' });
    expect(stored().map((frame) => frame.clientId)).toEqual(['a', 'c']);

    socket().drop();
    expect(statuses.at(-1)).toBe('down');
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(reconnectDelay(0, () => 0.5));
    expect(sockets).toHaveLength(2);
    expect(socket().url).toContain('after=m9');
    socket().serverSends(ready);

    expect(socket().sentMessages()).toEqual(['a', 'c']);
    expect(statuses.at(-1)).toBe('open');
  });

  it('restores sends that were in flight when the page reloaded and resends them', () => {
    const { connection, socket } = setup([send('before-reload')]);
    expect(connection.unacknowledged.map((frame) => frame.clientId)).toEqual(['before-reload']);
    connection.start();
    socket().serverSends(ready);

    expect(socket().sentMessages()).toEqual(['before-reload']);
  });

  it('stops resending a message the server refused', () => {
    const { connection, socket, frames } = setup();
    connection.start();
    socket().serverSends(ready);
    connection.sendMessage(send('a'));
    socket().serverSends({ type: 'error', clientId: 'a', status: 422, title: 'Message too long' });
    socket().drop();
    vi.runOnlyPendingTimers();
    socket().serverSends(ready);

    expect(socket().sentMessages()).toEqual([]);
    expect(frames).toContainEqual(expect.objectContaining({ type: 'error', clientId: 'a' }));
  });

  it('backs off exponentially with jitter up to 10 s while the server stays away', () => {
    expect(reconnectDelay(0, () => 0)).toBe(250);
    expect(reconnectDelay(0, () => 1)).toBe(500);
    expect(reconnectDelay(3, () => 1)).toBe(4000);
    expect(reconnectDelay(10, () => 1)).toBe(10_000);
    expect(reconnectDelay(10, () => 0)).toBe(5000);

    const { connection, sockets, socket } = setup();
    connection.start();
    socket().drop();
    vi.advanceTimersByTime(reconnectDelay(0, () => 0.5));
    socket().drop();
    vi.advanceTimersByTime(reconnectDelay(0, () => 0.5));
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(reconnectDelay(1, () => 0.5) - reconnectDelay(0, () => 0.5));
    expect(sockets).toHaveLength(3);
  });

  it('pings every 25 s and reconnects when a ping goes unanswered', () => {
    const { connection, sockets, socket } = setup();
    connection.start();
    socket().serverSends(ready);
    vi.advanceTimersByTime(HEARTBEAT_MS);
    expect(socket().sent).toEqual([{ type: 'ping' }]);
    socket().serverSends({ type: 'pong' });
    vi.advanceTimersByTime(HEARTBEAT_MS);
    expect(socket().sent).toHaveLength(2);

    vi.advanceTimersByTime(HEARTBEAT_MS);

    expect(sockets[0]?.closed).toBe(true);
    vi.runOnlyPendingTimers();
    expect(sockets).toHaveLength(2);
  });

  it('ignores a socket it has already given up on', () => {
    const { connection, sockets, frames } = setup();
    connection.start();
    connection.stop();
    sockets[0]?.serverSends(ready);
    sockets[0]?.drop();
    vi.runOnlyPendingTimers();

    expect(frames).toEqual([]);
    expect(sockets).toHaveLength(1);
  });
});
