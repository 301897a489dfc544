// Dates, money and roles as the back-office shows them; thread times come from ../ui/time.
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "Nov 26, 2026, 3:04 PM": grids compare rows, so every row shows the full moment. */
export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));

export const money = (total: string, currency: string) =>
  new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(Number(total));

/** "Nov 27, 4:29 PM" (the year only when it is not this one): dense enough for a grid cell. */
export function formatShortDateTime(iso: string): string {
  const d = new Date(iso);
  const sameYear = d.getFullYear() === new Date().getFullYear();
  return d.toLocaleString(undefined, { month: 'short', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }), hour: 'numeric', minute: '2-digit' });
}

export const roleLabel = (role: string): string =>
  ({ administrator: 'Administrator', sales_manager: 'Sales Manager', buyer: 'Buyer' })[role] ?? role;
