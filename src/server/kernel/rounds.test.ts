import { describe, expect, it } from 'vitest';
import { runRounds } from './rounds';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('runRounds', () => {
  it('naps between rounds, goes on at once after a full batch or a wake, and stops after the round under way', async () => {
    const started: number[] = [];
    let full = 2;
    const rounds = runRounds(
      async () => {
        started.push(Date.now());
        return full-- > 0;
      },
      { pollMs: 10_000, onError: () => undefined },
    );
    await tick(50);
    // two full batches, then the third round naps
    expect(started).toHaveLength(3);
    rounds.wake();
    await tick(50);
    expect(started).toHaveLength(4);
    expect(rounds.stopped()).toBe(false);
    await rounds.stop();
    expect(rounds.stopped()).toBe(true);
    await tick(50);
    expect(started).toHaveLength(4);
  });

  it('keeps a wake that came during a round, and reports a failing round without ending the loop', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    let release: () => void = () => undefined;
    const rounds = runRounds(
      async () => {
        calls++;
        if (calls === 1) await new Promise<void>((resolve) => (release = resolve));
        if (calls === 2) throw new Error('round 2 fails');
      },
      { pollMs: 10_000, onError: (error) => errors.push(error) },
    );
    await tick(20);
    rounds.wake();
    release();
    await tick(50);
    // the wake during round 1 skipped its nap; round 2 failed, was reported, and its nap goes on
    expect(calls).toBe(2);
    expect(errors).toEqual([new Error('round 2 fails')]);
    await rounds.stop();
  });
});
