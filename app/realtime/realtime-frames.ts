import type { RealtimeFrame } from '@shared/realtime';

export type {
  RealtimeEphemeralFrame,
  RealtimeEventFrame,
  RealtimeEventKind,
  RealtimeFrame,
} from '@shared/realtime';

const FRAME_TYPES: readonly string[] = ['event', 'hello', 'reset', 'ephemeral'];

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
  // Ephemeral frames (a visitor typing) are not part of the stream: they carry no position.
  if (frame.type === 'ephemeral')
    return typeof (value as { kind?: unknown }).kind === 'string' ? (value as RealtimeFrame) : null;
  if (typeof frame.seq !== 'number' || !Number.isSafeInteger(frame.seq)) return null;
  return value as RealtimeFrame;
}
