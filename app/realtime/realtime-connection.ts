import { parseFrame, type RealtimeEphemeralFrame, type RealtimeEventFrame } from './realtime-frames';
import type { RealtimeStatus } from './realtime-status';

/** Close code the server uses when the session behind the connection ended (idle timeout, logout elsewhere). */
const SESSION_ENDED_CODE = 4401;
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

/**
 * Wait before reconnect attempt `failures` (0 for the first): 0.5 s doubling up to 10 s, of which a random half,
 * so that after a server restart the whole team does not come back in the same instant.
 */
export function reconnectDelay(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** failures);
  return ceiling / 2 + (random() * ceiling) / 2;
}

/** Same host as the page; the session cookie goes along with the upgrade request and authenticates it. */
export function realtimeUrl(location: Pick<Location, 'protocol' | 'host'>, since: number | null): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const query = since === null ? '' : `?since=${since}`;
  return `${scheme}://${location.host}/api/v1/realtime${query}`;
}

interface RealtimeHandlers {
  onEvent: (event: RealtimeEventFrame) => void;
  /** Not stored, not replayed (a visitor typing): handled when it arrives, and never moves the stream position. */
  onEphemeral?: (frame: RealtimeEphemeralFrame) => void;
  /** Events were missed that cannot be replayed: whatever is on screen may be out of date. */
  onGap: () => void;
  onStatus: (status: RealtimeStatus) => void;
  /** The server closed the connection because the session is over. */
  onSessionEnded: () => void;
}

/**
 * One live connection to the workspace's stream. It remembers the last sequence number seen, so that a reconnect
 * asks for exactly what it missed (`since`) and an event that arrives twice is handled once.
 */
export class RealtimeConnection {
  private socket: WebSocket | null = null;
  private lastSeq: number | null = null;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private status: RealtimeStatus = { state: 'connecting', seq: null };
  private stopped = false;

  constructor(private readonly handlers: RealtimeHandlers) {}

  start(): void {
    this.report({ state: 'connecting' });
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onmessage = null;
      socket.onclose = null;
      socket.close(1000);
    }
  }

  private connect(): void {
    let socket: WebSocket;
    try {
      socket = new WebSocket(realtimeUrl(window.location, this.lastSeq));
    } catch {
      this.retryLater();
      return;
    }
    this.socket = socket;
    socket.onmessage = (message) => this.receive(message.data);
    // An error is always followed by close, so close alone decides about reconnecting.
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      if (event.code === SESSION_ENDED_CODE) this.handlers.onSessionEnded();
      this.retryLater();
    };
  }

  private retryLater(): void {
    this.socket = null;
    if (this.stopped) return;
    this.report({ state: 'reconnecting' });
    this.retryTimer = setTimeout(() => this.connect(), reconnectDelay(this.failures));
    this.failures += 1;
  }

  private receive(data: unknown): void {
    const frame = parseFrame(data);
    if (!frame) return;
    if (frame.type === 'ephemeral') {
      this.handlers.onEphemeral?.(frame);
      return;
    }
    if (frame.type === 'event') {
      if (this.lastSeq !== null && frame.seq <= this.lastSeq) return;
      this.lastSeq = frame.seq;
      this.handlers.onEvent(frame);
      this.report({});
      return;
    }
    if (frame.type === 'reset') {
      this.lastSeq = frame.seq;
      this.handlers.onGap();
      this.report({});
      return;
    }
    // The server replays what was missed before its hello; a hello elsewhere than where the replay left us means
    // events went by unseen (or the stream started over), so everything shown is reloaded.
    if (this.lastSeq !== null && frame.seq !== this.lastSeq) this.handlers.onGap();
    this.lastSeq = frame.seq;
    this.failures = 0;
    this.report({ state: 'open' });
  }

  private report(change: Partial<RealtimeStatus>): void {
    this.status = { ...this.status, seq: this.lastSeq, ...change };
    this.handlers.onStatus(this.status);
  }
}
