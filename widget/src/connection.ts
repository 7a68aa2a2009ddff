import type { WidgetClientFrame, WidgetServerFrame } from '@shared/web-chat';

export type MessageFrame = Extract<WidgetClientFrame, { type: 'message' }>;
export type ConnectionStatus = 'connecting' | 'open' | 'down';

export interface SocketLike {
  send(data: string): void;
  close(): void;
}
/** Opens a socket and reports its events; the browser passes a WebSocket, tests a fake. */
export type SocketFactory = (
  url: string,
  events: { open(): void; message(data: string): void; close(): void },
) => SocketLike;

/** The browser's WebSocket behind the factory interface. */
export const openBrowserSocket: SocketFactory = (url, events) => {
  const socket = new WebSocket(url);
  socket.onopen = events.open;
  socket.onmessage = (event) => events.message(String(event.data));
  socket.onclose = events.close;
  return socket;
};

export interface ConnectionOptions {
  /** The socket URL resuming after the last message the widget has (null: the recent history). */
  url(after: string | null): string;
  openSocket: SocketFactory;
  lastMessageId(): string | null;
  onFrame(frame: WidgetServerFrame): void;
  onStatus(status: ConnectionStatus): void;
  /** Where unacknowledged messages outlive a reload (sessionStorage in the browser). */
  outboxStore?: { load(): MessageFrame[]; save(frames: MessageFrame[]): void };
  random?: () => number;
}

export const HEARTBEAT_MS = 25_000;
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

/** Exponential backoff with jitter: half the step plus a random part of the other half, so tabs do not stampede. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const step = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt);
  return step / 2 + (random() * step) / 2;
}

/**
 * The widget's socket: reconnects with backoff, resumes after the last message it has, and resends the visitor's
 * unacknowledged messages in order after every (re)connect until the server acks them (it dedupes by clientId).
 */
export class WidgetConnection {
  private socket: SocketLike | null = null;
  private ready = false;
  private stopped = true;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private awaitingPong = false;
  private outbox: MessageFrame[];

  constructor(private readonly options: ConnectionOptions) {
    this.outbox = options.outboxStore?.load() ?? [];
  }

  /** Sends still waiting for an ack (restored after a reload too), oldest first. */
  get unacknowledged(): readonly MessageFrame[] {
    return this.outbox;
  }

  get isReady(): boolean {
    return this.ready;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.options.onStatus('connecting');
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.dropSocket();
  }

  /** Queues a visitor message: sent now when connected, and again after each reconnect until acked. */
  sendMessage(frame: MessageFrame): void {
    if (!this.outbox.some((queued) => queued.clientId === frame.clientId)) {
      this.outbox.push(frame);
      this.saveOutbox();
    }
    if (this.ready) this.transmit(frame);
  }

  /** Sends a frame that only matters now (typing, read, page…); dropped while disconnected. */
  send(frame: Exclude<WidgetClientFrame, MessageFrame>): boolean {
    if (!this.ready) return false;
    this.transmit(frame);
    return true;
  }

  private connect(): void {
    const socket = this.options.openSocket(this.options.url(this.options.lastMessageId()), {
      open: () => {},
      message: (data) => {
        if (this.socket === socket) this.receive(data);
      },
      close: () => {
        if (this.socket === socket) this.lost();
      },
    });
    this.socket = socket;
  }

  private receive(data: string): void {
    let frame: WidgetServerFrame;
    try {
      frame = JSON.parse(data) as WidgetServerFrame;
    } catch {
      return;
    }
    this.awaitingPong = false;
    if (frame.type === 'ready') {
      this.ready = true;
      this.attempt = 0;
      this.startHeartbeat();
      this.options.onStatus('open');
    } else if (frame.type === 'error' && frame.clientId && frame.status >= 500) {
      // The server could not store it this time: it stays queued and goes again after a reconnect.
      this.lost();
      return;
    } else if (frame.type === 'ack' || (frame.type === 'error' && frame.clientId)) {
      // A refused message is not resent: the visitor sees it failed and may retry it.
      const clientId = frame.clientId;
      this.outbox = this.outbox.filter((queued) => queued.clientId !== clientId);
      this.saveOutbox();
    }
    this.options.onFrame(frame);
    if (frame.type === 'ready') for (const queued of this.outbox) this.transmit(queued);
  }

  private lost(): void {
    this.dropSocket();
    if (this.stopped) return;
    this.options.onStatus('down');
    const delay = reconnectDelay(this.attempt++, this.options.random);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private dropSocket(): void {
    const socket = this.socket;
    this.socket = null;
    this.ready = false;
    clearInterval(this.heartbeatTimer);
    socket?.close();
  }

  /** A ping every 25 s keeps proxies from idling the socket out; no answer by the next beat means it is dead. */
  private startHeartbeat(): void {
    clearInterval(this.heartbeatTimer);
    this.awaitingPong = false;
    this.heartbeatTimer = setInterval(() => {
      if (this.awaitingPong) {
        this.lost();
        return;
      }
      this.awaitingPong = true;
      this.transmit({ type: 'ping' });
    }, HEARTBEAT_MS);
  }

  private transmit(frame: WidgetClientFrame): void {
    try {
      this.socket?.send(JSON.stringify(frame));
    } catch {
      // A socket closing under us: its close event schedules the reconnect, which resends the queue.
    }
  }

  private saveOutbox(): void {
    this.options.outboxStore?.save(this.outbox);
  }
}
