/**
 * How much one visitor may send, across all their sockets and reconnects (per process): a person types a few
 * messages a minute; a script sends thousands. Sliding one-minute windows, forgotten when idle.
 */
const WINDOW_MS = 60_000;
const MAX_VISITORS = 50_000;

export const BUDGETS = { message: 40, frame: 300 } as const;

export class VisitorBudget {
  private readonly spent = new Map<string, { message: number[]; frame: number[] }>();

  /** Spends one of `kind` now; false when the visitor's minute is used up. */
  take(visitorId: string, kind: keyof typeof BUDGETS, now = Date.now()): boolean {
    let entry = this.spent.get(visitorId);
    if (!entry) {
      if (this.spent.size >= MAX_VISITORS) this.forgetIdle(now);
      entry = { message: [], frame: [] };
      this.spent.set(visitorId, entry);
    }
    const times = entry[kind].filter((at) => now - at < WINDOW_MS);
    entry[kind] = times;
    if (times.length >= BUDGETS[kind]) return false;
    times.push(now);
    return true;
  }

  private forgetIdle(now: number): void {
    for (const [visitorId, entry] of this.spent) {
      const last = Math.max(entry.message.at(-1) ?? 0, entry.frame.at(-1) ?? 0);
      if (now - last >= WINDOW_MS) this.spent.delete(visitorId);
    }
    // Everyone active: the oldest entries go, rather than memory growing without bound.
    for (const visitorId of this.spent.keys()) {
      if (this.spent.size < MAX_VISITORS) break;
      this.spent.delete(visitorId);
    }
  }
}
