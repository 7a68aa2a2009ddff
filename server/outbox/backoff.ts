/** Delivery retry timing (pure). */
export interface BackoffPolicy {
  /** Delay before the second attempt; doubles each time. */
  baseMs: number;
  /** No wait grows beyond this. */
  maxMs: number;
  /** Attempts before a reply is dead-lettered and shown as failed. */
  maxAttempts: number;
}

// 12 attempts over about 50 minutes: a connector restarted or redeployed meanwhile still gets the reply.
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, maxMs: 10 * 60_000, maxAttempts: 12 };

/**
 * Exponential backoff with jitter: a random wait between half and all of base·2^(attempt−1), capped. Spreading retries
 * keeps a recovering callback server from being hit by every queued reply at the same instant.
 */
export function retryDelayMs(
  attemptsMade: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
) {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attemptsMade - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
