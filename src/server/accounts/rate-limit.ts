/**
 * Failed sign-ins, counted per key in fixed windows, in this process's
 * memory. Several instances each count their own.
 */
export interface FailureCounter {
  /** the failures of `key` in its current window, and the seconds until that window ends */
  count(key: string): { failures: number; retryAfterSeconds: number };
  add(key: string): void;
  reset(key: string): void;
}

export function createFailureCounter(windowMs: number, clock = () => Date.now()): FailureCounter {
  const windows = new Map<string, { start: number; failures: number }>();
  const current = (key: string, t: number) => {
    const w = windows.get(key);
    return w && t - w.start < windowMs ? w : undefined;
  };
  return {
    count(key) {
      const t = clock();
      const w = current(key, t);
      return w
        ? { failures: w.failures, retryAfterSeconds: Math.max(1, Math.ceil((w.start + windowMs - t) / 1000)) }
        : { failures: 0, retryAfterSeconds: 0 };
    },
    add(key) {
      const t = clock();
      if (windows.size > 10_000) {
        for (const [k, w] of windows) if (t - w.start >= windowMs) windows.delete(k);
      }
      const w = current(key, t);
      if (w) w.failures += 1;
      else windows.set(key, { start: t, failures: 1 });
    },
    reset(key) {
      windows.delete(key);
    },
  };
}

export interface SignInLimitSettings {
  /** failures from one address in a minute before it is refused */
  perAddress: number;
  /** failures for one email from one address in 15 minutes before that address is refused for that email */
  perEmail: number;
  /** failures for one email from anywhere in 15 minutes before every attempt for it waits */
  slowdownAfter: number;
}

export type SignInVerdict = { refused: true; retryAfterSeconds: number } | { refused: false; delayMs: number };

/** The wait before each attempt once an email is slowed down: doubling from half a second, at most 8 seconds. */
export const slowdownMs = (failuresPastLimit: number) => Math.min(500 * 2 ** failuresPastLimit, 8_000);

/**
 * Guessing passwords is limited where the guesses come from: per address,
 * and per email from one address. Failures for an email from everywhere only
 * slow its sign-ins down (the same wait whether the password is right or
 * not, so the wait tells nothing): a stranger's failures never make the
 * owner's right password refused.
 */
export function createSignInLimits(settings: SignInLimitSettings, clock = () => Date.now()) {
  const byAddress = createFailureCounter(60_000, clock);
  const byEmailFromAddress = createFailureCounter(15 * 60_000, clock);
  const byEmail = createFailureCounter(15 * 60_000, clock);
  const pair = (email: string, address: string) => `${email}\n${address}`;
  return {
    /** before the password is checked */
    check(email: string, address: string): SignInVerdict {
      for (const [counter, key, limit] of [
        [byAddress, address, settings.perAddress],
        [byEmailFromAddress, pair(email, address), settings.perEmail],
      ] as const) {
        const { failures, retryAfterSeconds } = counter.count(key);
        if (failures >= limit) return { refused: true, retryAfterSeconds };
      }
      const past = byEmail.count(email).failures - settings.slowdownAfter;
      return { refused: false, delayMs: past >= 0 ? slowdownMs(past) : 0 };
    },
    failed(email: string, address: string) {
      byAddress.add(address);
      byEmailFromAddress.add(pair(email, address));
      byEmail.add(email);
    },
    succeeded(email: string, address: string) {
      byEmailFromAddress.reset(pair(email, address));
    },
  };
}

export type SignInLimits = ReturnType<typeof createSignInLimits>;
