import { describe, expect, it } from 'vitest';
import { createFailureCounter, createSignInLimits, slowdownMs } from './rate-limit';

describe('failure counter', () => {
  it('counts failures in a window, says how long it lasts, then opens a new one', () => {
    let t = 0;
    const counter = createFailureCounter(60_000, () => t);
    [1, 2, 3].forEach(() => counter.add('a'));
    t = 15_000;
    expect(counter.count('a')).toEqual({ failures: 3, retryAfterSeconds: 45 });
    expect(counter.count('b')).toEqual({ failures: 0, retryAfterSeconds: 0 });
    t = 60_000;
    expect(counter.count('a').failures).toBe(0);
    counter.add('a');
    counter.reset('a');
    expect(counter.count('a').failures).toBe(0);
  });
});

describe('sign-in limits', () => {
  const settings = { perAddress: 5, perEmail: 3, slowdownAfter: 2 };

  it('refuses an address that failed too often for one email, or for any', () => {
    const limits = createSignInLimits(settings, () => 0);
    for (let i = 0; i < 3; i++) limits.failed('charlie', '10.0.0.1');
    expect(limits.check('charlie', '10.0.0.1')).toEqual({ refused: true, retryAfterSeconds: 900 });
    // the same address may still try another email, until its own limit
    expect(limits.check('john', '10.0.0.1').refused).toBe(false);
    for (let i = 0; i < 2; i++) limits.failed(`someone${i}`, '10.0.0.1');
    expect(limits.check('john', '10.0.0.1')).toEqual({ refused: true, retryAfterSeconds: 60 });
  });

  it("only slows an email down for failures elsewhere, never refuses its owner's address", () => {
    const limits = createSignInLimits(settings, () => 0);
    expect(limits.check('charlie', '10.0.0.9')).toEqual({ refused: false, delayMs: 0 });
    for (let i = 0; i < 10; i++) limits.failed('charlie', `10.0.1.${i}`);
    expect(limits.check('charlie', '10.0.0.9')).toEqual({ refused: false, delayMs: slowdownMs(8) });
    expect(slowdownMs(0)).toBe(500);
    expect(slowdownMs(1)).toBe(1_000);
    expect(slowdownMs(8)).toBe(8_000);
  });

  it('forgets the failures of an email from an address once it signs in there', () => {
    const limits = createSignInLimits(settings, () => 0);
    for (let i = 0; i < 2; i++) limits.failed('charlie', '10.0.0.1');
    limits.succeeded('charlie', '10.0.0.1');
    limits.failed('charlie', '10.0.0.1');
    expect(limits.check('charlie', '10.0.0.1').refused).toBe(false);
  });
});
