import type { MessageFrame } from './connection';

/**
 * localStorage/sessionStorage that never throws: sandboxed iframes and some private modes refuse storage, and the
 * chat must still work there (it just forgets the visitor on reload).
 */
function safe(kind: 'localStorage' | 'sessionStorage') {
  const area = (): Storage | null => {
    try {
      return window[kind];
    } catch {
      return null;
    }
  };
  return {
    get(key: string): string | null {
      try {
        return area()?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    set(key: string, value: string | null): void {
      try {
        if (value === null) area()?.removeItem(key);
        else area()?.setItem(key, value);
      } catch {
        // Full or refused: the in-memory state still carries this page.
      }
    },
  };
}

export const persistent = safe('localStorage');
export const perTab = safe('sessionStorage');

/** The tab's unacknowledged sends: a reload mid-send resends them (the server dedupes by clientId). */
export function tabOutbox(key: string) {
  return {
    load(): MessageFrame[] {
      try {
        const saved: unknown = JSON.parse(perTab.get(key) ?? '[]');
        return Array.isArray(saved) ? (saved as MessageFrame[]) : [];
      } catch {
        return [];
      }
    },
    save(frames: MessageFrame[]): void {
      perTab.set(key, frames.length > 0 ? JSON.stringify(frames) : null);
    },
  };
}

/** A v4 UUID; crypto.randomUUID exists only in secure contexts, and host pages may be plain http. */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
