import { useSyncExternalStore } from 'react';

/** `connecting`: the first connection is being made; `reconnecting`: it dropped and is being made again. */
export type RealtimeState = 'connecting' | 'open' | 'reconnecting';

export interface RealtimeStatus {
  state: RealtimeState;
  /** The last stream position seen; null before the first `hello`. */
  seq: number | null;
}

declare global {
  interface Window {
    /** For browser tests: where the live connection stands. */
    __kefuRealtime?: RealtimeStatus;
  }
}

let currentState: RealtimeState = 'connecting';
const listeners = new Set<() => void>();

/** Called by the connection on every change; components re-render only when the state changes, not per event. */
export function publishRealtimeStatus(status: RealtimeStatus): void {
  window.__kefuRealtime = status;
  if (status.state === currentState) return;
  currentState = status.state;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useRealtimeState(): RealtimeState {
  return useSyncExternalStore(subscribe, () => currentState);
}
