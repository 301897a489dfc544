import { describe, expect, it } from 'vitest';
import { createTokenRateLimit } from './rate-limit';

describe('token rate limit', () => {
  it('counts per token within the window, then starts over', () => {
    let t = 0;
    const limit = createTokenRateLimit(2, 60_000, () => t);
    expect(limit.take(1)).toEqual({ limit: 2, remaining: 1, resetSeconds: 60, allowed: true });
    expect(limit.take(1).remaining).toBe(0);
    t = 15_000;
    expect(limit.take(1)).toEqual({ limit: 2, remaining: 0, resetSeconds: 45, allowed: false });
    expect(limit.take(2).allowed).toBe(true);
    t = 60_000;
    expect(limit.take(1)).toEqual({ limit: 2, remaining: 1, resetSeconds: 60, allowed: true });
  });
});
