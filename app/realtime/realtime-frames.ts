/** What the live connection sends; the protocol is the server's (server/realtime), these are the app's types of it. */
export type RealtimeEventKind = 'ticket.created' | 'ticket.updated' | 'message.created' | 'delivery.updated';

export interface RealtimeEventFrame {
  type: 'event';
  /** Position in the workspace's stream; each event has one higher than the last. */
  seq: number;
  /** One of RealtimeEventKind, or a kind added to the server later. */
  kind: string;
  ticketId: string | null;
  messageId: string | null;
  data: Record<string, unknown>;
  at: string;
}

/**
 * `hello`: the stream position once any missed events have been replayed; `reset`: too much was missed to replay,
 * reload what is shown and go on from `seq`.
 */
export type RealtimeFrame = RealtimeEventFrame | { type: 'hello' | 'reset'; seq: number };

const FRAME_TYPES: readonly string[] = ['event', 'hello', 'reset'];

/** The frame in a text message, or null for anything else (a frame type this app does not know yet). */
export function parseFrame(text: unknown): RealtimeFrame | null {
  if (typeof text !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const frame = value as { type?: unknown; seq?: unknown };
  if (typeof frame.type !== 'string' || !FRAME_TYPES.includes(frame.type)) return null;
  if (typeof frame.seq !== 'number' || !Number.isSafeInteger(frame.seq)) return null;
  return value as RealtimeFrame;
}
