// The loop of a background worker (mail, notifications, webhook deliveries):
// a round of work, then a nap that news cuts short and a stop ends.

export interface Rounds {
  /** news: the nap after this round (or the current one) ends at once */
  wake(): void;
  /** ends the loop after the round under way, and waits for it */
  stop(): Promise<void>;
  /** whether the stop came: for work the rounds started that outlives them */
  stopped(): boolean;
}

/**
 * Runs `round` until stopped. A round that answers true (it found a full
 * batch) is followed at once by the next; otherwise the loop naps `pollMs`,
 * or less when woken. A wake during a round is kept, so the next nap returns
 * at once. A round that throws is reported and the loop goes on after the
 * nap. `stopped()` tells a round that is still working that the stop came.
 */
export function runRounds(
  round: (stopped: () => boolean) => Promise<boolean | void>,
  options: { pollMs: number; onError(error: unknown): void },
): Rounds {
  let stopped = false;
  let woken = false;
  let wakeUp: (() => void) | undefined;
  const isStopped = () => stopped;

  const nap = () =>
    new Promise<void>((resolve) => {
      if (stopped || woken) return resolve();
      const timer = setTimeout(done, options.pollMs);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  const loop = (async () => {
    while (!stopped) {
      woken = false;
      let more = false;
      try {
        more = (await round(isStopped)) === true;
      } catch (error) {
        options.onError(error);
      }
      if (!more) await nap();
    }
  })();

  return {
    stopped: isStopped,
    wake() {
      woken = true;
      wakeUp?.();
    },
    async stop() {
      stopped = true;
      wakeUp?.();
      await loop;
    },
  };
}
