// Dates as people read them, in the reader's locale: in a thread "Today",
// "Yesterday", then a date; in lists and grids as dense as the column allows.
// `now` is a parameter so tests can pin it.

const DAY_MS = 86_400_000;

function startOfDay(d: Date): number {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** A stable key for grouping messages by the reader's local day. */
export function dayKey(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

/** "Today", "Yesterday", or a date such as "November 25, 2026". */
export function dayLabel(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  const days = Math.round((startOfDay(now) - startOfDay(d)) / DAY_MS);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return d.toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' });
}

/** "3:07 PM" (in the reader's locale). */
export function formatTime(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
}

/** "Nov 25, 2026" for tables. */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** A short moment for lists: the time today, else "Yesterday", else the date. */
export function formatMoment(iso: string, now: Date = new Date()): string {
  const label = dayLabel(iso, now);
  if (label === 'Today') return formatTime(iso);
  if (label === 'Yesterday') return label;
  const d = new Date(iso);
  const sameYear = d.getFullYear() === now.getFullYear();
  return d.toLocaleDateString(
    undefined,
    sameYear ? { month: 'short', day: 'numeric' } : { year: 'numeric', month: 'short', day: 'numeric' },
  );
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "Nov 26, 2026, 3:04 PM": where rows are compared, every row shows the full moment. */
export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));

/** "Nov 27, 4:29 PM" (the year only when it is not this one): dense enough for a grid cell. */
export function formatShortDateTime(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  const sameYear = d.getFullYear() === now.getFullYear();
  return d.toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
    hour: 'numeric',
    minute: '2-digit',
  });
}

/** The full date and time, for a `title` or `dateTime` tooltip. */
export function formatFull(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'short' });
}
