// When a failed delivery is tried again: exponential backoff (10 s, 20 s,
// 40 s… up to 2 h between attempts) with jitter (each wait is between half
// and all of that, so that endpoints that failed together do not all come
// back at once), for 24 hours from the first attempt. The last attempt falls
// on the window's end; if it fails too, the delivery is given up and its
// endpoint disabled.
export const RETRY_WINDOW_MS = 24 * 60 * 60_000;
export const FIRST_RETRY_MS = 10_000;
export const MAX_RETRY_MS = 2 * 60 * 60_000;

/** After the `attempts`th failed attempt at `at`: when to try next, or null to give up. */
export function nextAttemptAt(firstAttemptAt: number, at: number, attempts: number, random: () => number = Math.random): number | null {
  const end = firstAttemptAt + RETRY_WINDOW_MS;
  if (at >= end) return null;
  const backoff = Math.min(FIRST_RETRY_MS * 2 ** (attempts - 1), MAX_RETRY_MS);
  return Math.min(at + Math.round(backoff * (0.5 + random() / 2)), end);
}
