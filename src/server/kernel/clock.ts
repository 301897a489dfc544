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
