// A mail the SMTP server refused (or could not be reached for) is tried
// again after 30 s, 1 min, 2 min… doubling up to an hour, each wait cut at
// random to between half and all of it; after the eighth attempt (about
// two hours in all) it is given up and shown as failed in the outbox.
export const MAX_ATTEMPTS = 8;
export const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 60 * 60_000;

/** After the `attempts`th failed attempt at `at`: when to try next, or null to give up. */
export function nextMailAttemptAt(at: number, attempts: number, random: () => number = Math.random): number | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  const backoff = Math.min(FIRST_RETRY_MS * 2 ** (attempts - 1), MAX_RETRY_MS);
  return at + Math.round(backoff * (0.5 + random() / 2));
}
