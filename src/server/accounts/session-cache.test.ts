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

  it("forgets every session of a user at once, and keeps the others' and the unknown ids", () => {
    const cache = createSessionCache<{ user: number }>(60_000, 100, () => 0);
    cache.set('s1', { user: 1 });
    cache.set('s2', { user: 1 });
    cache.set('s3', { user: 2 });
    cache.set('nobody', undefined);
    cache.forgetWhere((s) => s.user === 1);
    expect([cache.get('s1'), cache.get('s2')]).toEqual([undefined, undefined]);
    expect(cache.get('s3')).toEqual({ value: { user: 2 } });
    expect(cache.get('nobody')).toEqual({ value: undefined });
  });

  it('stays within its size', () => {
    const cache = createSessionCache<number>(60_000, 3, () => 0);
    for (let i = 0; i < 10; i++) cache.set(`t${i}`, i);
    expect(cache.get('t0')).toBeUndefined();
    expect(cache.get('t9')).toEqual({ value: 9 });
  });
});
