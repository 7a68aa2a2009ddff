/**
 * Per channel account: at most N sends per second from this process (a token bucket holding one second's worth),
 * so a burst of replies does not trip the platform's own limits. Pure: the caller passes the clock.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** Milliseconds to wait before sending one message on `key` (0: send now); the token is taken either way. */
  reserve(key: string, perSecond: number, nowMs: number): number {
    const bucket = this.buckets.get(key) ?? { tokens: perSecond, at: nowMs };
    bucket.tokens = Math.min(perSecond, bucket.tokens + ((nowMs - bucket.at) / 1000) * perSecond);
    bucket.at = nowMs;
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    return bucket.tokens >= 0 ? 0 : Math.ceil((-bucket.tokens / perSecond) * 1000);
  }
}
