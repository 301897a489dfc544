import type { Clock } from '../../src/server/kernel/clock';

/** A clock the test moves: the real time plus what the test added, so that it still runs between moves. */
export function testClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance: (ms) => {
      offset += ms;
    },
  };
}
