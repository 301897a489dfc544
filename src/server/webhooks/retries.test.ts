import { describe, expect, it } from 'vitest';
import { FIRST_RETRY_MS, MAX_RETRY_MS, RETRY_WINDOW_MS, nextAttemptAt } from './retries';

describe('webhook retries', () => {
  it('back off exponentially with jitter between half and all of each step, capped at 2 hours', () => {
    expect(nextAttemptAt(0, 0, 1, () => 1)).toBe(FIRST_RETRY_MS);
    expect(nextAttemptAt(0, 0, 1, () => 0)).toBe(FIRST_RETRY_MS / 2);
    expect(nextAttemptAt(0, 1000, 3, () => 1)).toBe(1000 + 4 * FIRST_RETRY_MS);
    expect(nextAttemptAt(0, 1000, 30, () => 1)).toBe(1000 + MAX_RETRY_MS);
  });

  it('try last at the end of the 24-hour window, then give up', () => {
    const nearEnd = RETRY_WINDOW_MS - 60_000;
    expect(nextAttemptAt(0, nearEnd, 20, () => 1)).toBe(RETRY_WINDOW_MS);
    expect(nextAttemptAt(0, RETRY_WINDOW_MS, 21)).toBeNull();
    expect(nextAttemptAt(0, RETRY_WINDOW_MS + 1, 21)).toBeNull();
  });

  it('take about twenty attempts over the window', () => {
    let at = 0;
    let attempts = 1;
    for (let next = nextAttemptAt(0, at, attempts, () => 0.5); next !== null; next = nextAttemptAt(0, at, attempts, () => 0.5)) {
      at = next;
      attempts++;
    }
    expect(attempts).toBeGreaterThan(15);
    expect(attempts).toBeLessThan(40);
  });
});
