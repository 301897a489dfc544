import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit';

describe('sign-in rate limiter', () => {
  it('allows the limit, then says how long to wait, then opens a new window', () => {
    let t = 0;
    const limiter = createRateLimiter(3, 60_000, () => t);
    expect([1, 2, 3].map(() => limiter.hit('a').allowed)).toEqual([true, true, true]);
    t = 15_000;
    expect(limiter.hit('a')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(limiter.hit('b').allowed).toBe(true);
    t = 60_000;
    expect(limiter.hit('a').allowed).toBe(true);
  });

  it('forgets a key on reset', () => {
    const limiter = createRateLimiter(1, 60_000, () => 0);
    limiter.hit('a');
    expect(limiter.hit('a').allowed).toBe(false);
    limiter.reset('a');
    expect(limiter.hit('a').allowed).toBe(true);
  });
});
