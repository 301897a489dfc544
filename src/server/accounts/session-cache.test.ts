import { describe, expect, it } from 'vitest';
import { createSessionCache } from './session-cache';

describe('session cache', () => {
  it('keeps a session for the TTL, never past its expiry, and forgets on sign-out', () => {
    let t = 0;
    const cache = createSessionCache<string>(5_000, 100, () => t);
    cache.set('a', 'amanda');
    cache.set('b', 'bob', new Date(2_000).toISOString());
    cache.set('x', undefined);
    expect(cache.get('a')).toEqual({ value: 'amanda' });
    expect(cache.get('x')).toEqual({ value: undefined });
    expect(cache.get('nothing')).toBeUndefined();
    t = 2_000;
    expect(cache.get('b')).toBeUndefined();
    cache.forget('a');
    expect(cache.get('a')).toBeUndefined();
    cache.set('a', 'amanda');
    t = 7_000;
    expect(cache.get('a')).toBeUndefined();
  });

  it('stays within its size', () => {
    const cache = createSessionCache<number>(60_000, 3, () => 0);
    for (let i = 0; i < 10; i++) cache.set(`t${i}`, i);
    expect(cache.get('t0')).toBeUndefined();
    expect(cache.get('t9')).toEqual({ value: 9 });
  });
});
