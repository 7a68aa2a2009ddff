import type { RealtimeEphemeralFrame, RealtimeEventFrame } from './realtime-frames';

/** A page that follows the live stream itself (the live chats), beside the ticket and notification refreshers. */
export interface RealtimeListener {
  onEvent?: (event: RealtimeEventFrame) => void;
  onEphemeral?: (frame: RealtimeEphemeralFrame) => void;
  /** Events were missed: reload what is shown. */
  onGap?: () => void;
}

const listeners = new Set<RealtimeListener>();

/** Adds a listener to the layout's one connection; returns the function that removes it. */
export function subscribeRealtime(listener: RealtimeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Called by use-realtime for everything the connection receives. */
export const realtimeListeners = {
  event(event: RealtimeEventFrame): void {
    for (const listener of listeners) listener.onEvent?.(event);
  },
  ephemeral(frame: RealtimeEphemeralFrame): void {
    for (const listener of listeners) listener.onEphemeral?.(frame);
  },
  gap(): void {
    for (const listener of listeners) listener.onGap?.();
  },
};
