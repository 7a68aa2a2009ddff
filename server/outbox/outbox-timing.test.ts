import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, retryDelayMs } from './backoff';
import { RateLimiter } from './rate-limiter';

describe('retry timing', () => {
  it('doubles from 5 s to a 10-minute cap, each wait jittered between half and all of it', () => {
    const low = (n: number) => retryDelayMs(n, DEFAULT_BACKOFF, () => 0);
    const high = (n: number) => retryDelayMs(n, DEFAULT_BACKOFF, () => 1);
    expect([1, 2, 3, 4].map(high)).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect([1, 2, 3, 4].map(low)).toEqual([2_500, 5_000, 10_000, 20_000]);
    expect(high(9)).toBe(600_000);
    expect(high(30)).toBe(600_000);
    const waits = Array.from({ length: DEFAULT_BACKOFF.maxAttempts - 1 }, (_, i) => i + 1);
    const longest = waits.reduce((sum, n) => sum + high(n), 0);
    const shortest = waits.reduce((sum, n) => sum + low(n), 0);
    // A connector down for about half an hour still gets its replies.
    expect(shortest).toBeGreaterThan(25 * 60_000);
    expect(longest).toBeLessThan(55 * 60_000);
  });

  it('lets a burst through up to the per-second rate, then spaces sends evenly, per channel account', () => {
    const limiter = new RateLimiter();
    const waits = Array.from({ length: 8 }, () => limiter.reserve('taobao', 5, 0));
    expect(waits).toEqual([0, 0, 0, 0, 0, 200, 400, 600]);
    expect(limiter.reserve('jd', 5, 0)).toBe(0);
    // A second later the bucket has refilled by five, less the three overdrawn.
    expect(limiter.reserve('taobao', 5, 1000)).toBe(0);
    expect(limiter.reserve('taobao', 5, 1000)).toBe(0);
  });
});
