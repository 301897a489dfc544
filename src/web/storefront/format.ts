import type { CommerceRecord } from '../../shared/api';

/** "$1,250.00" */
export function formatMoney(record: Pick<CommerceRecord, 'total' | 'currency'>): string {
  const amount = Number(record.total);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: record.currency }).format(amount);
  } catch {
    return `${record.total} ${record.currency}`;
  }
}

/** "AC" from "Amanda Cole", for avatars when the server gives no initials. */
export function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w.charAt(0).toUpperCase())
    .join('');
}
