/**
 * Fixed-window counter per key, in this process's memory. Enough for sign-in
 * on one instance; several instances each count their own attempts.
 */
export interface RateLimiter {
  /** counts one hit; answers how many seconds to wait when over the limit */
  hit(key: string): { allowed: true } | { allowed: false; retryAfterSeconds: number };
  reset(key: string): void;
}

export function createRateLimiter(limit: number, windowMs: number, clock = () => Date.now()): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key) {
      const t = clock();
      if (windows.size > 10_000) {
        for (const [k, w] of windows) if (t - w.start >= windowMs) windows.delete(k);
      }
      let w = windows.get(key);
      if (!w || t - w.start >= windowMs) {
        w = { start: t, count: 0 };
        windows.set(key, w);
      }
      w.count += 1;
      if (w.count <= limit) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((w.start + windowMs - t) / 1000)) };
    },
    reset(key) {
      windows.delete(key);
    },
  };
}
