let lastMs = NaN;
let lastText = '';

/**
 * The one clock of the server: ISO-8601 UTC with milliseconds, sortable as
 * text. Formatted once per millisecond: a post asks three times, and at
 * thousands of posts a second most calls fall in the same millisecond.
 */
export function now(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastText = new Date(ms).toISOString();
  }
  return lastText;
}

/**
 * Time for the parts whose behaviour depends on it (webhook retries, their
 * 24-hour window), given to them by the app, so that a test can move it
 * instead of sleeping. Milliseconds since the epoch.
 */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
