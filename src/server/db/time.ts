/** The one clock of the server: ISO-8601 UTC with milliseconds, sortable as text. */
export function now(): string {
  return new Date().toISOString();
}
