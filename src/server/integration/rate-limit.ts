/**
 * Requests per token in fixed one-minute windows, in this process's memory
 * (several instances each count their own). Answers what the RateLimit-*
 * headers say: the limit, what is left, and when the window ends.
 */
export interface TokenRateLimit {
  take(tokenId: number): { limit: number; remaining: number; resetSeconds: number; allowed: boolean };
}

export function createTokenRateLimit(limit: number, windowMs = 60_000, clock = () => Date.now()): TokenRateLimit {
  const windows = new Map<number, { start: number; used: number }>();
  return {
    take(tokenId) {
      const t = clock();
      let w = windows.get(tokenId);
      if (!w || t - w.start >= windowMs) {
        w = { start: t, used: 0 };
        windows.set(tokenId, w);
      }
      const allowed = w.used < limit;
      if (allowed) w.used += 1;
      return { limit, remaining: limit - w.used, resetSeconds: Math.max(1, Math.ceil((w.start + windowMs - t) / 1000)), allowed };
    },
  };
}
