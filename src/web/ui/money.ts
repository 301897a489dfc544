import type { CommerceRecord } from '../../shared/api';

/** "$1,250.00" in the reader's locale; the plain amount and code for a currency the browser does not know. */
export function formatMoney(record: Pick<CommerceRecord, 'total' | 'currency'>): string {
  const amount = Number(record.total);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: record.currency }).format(amount);
  } catch {
    return `${record.total} ${record.currency}`;
  }
}
