// The bulk import benchmark: an Administrator makes a service token, then
// one NDJSON request of 10,000 mixed lines (back-office users, customers with
// children listed before their parents, customer users, orders with lines),
// timed from the request to its answer; then the same lines again, which
// change nothing. Runs in the bench process: one request, no load generator.
import { signIn } from './http';

export interface BulkRunResult {
  lines: number;
  /** the first import: every line creates a row */
  seconds: number;
  perSecond: number;
  created: number;
  failed: number;
  /** the same lines again: every line unchanged */
  againSeconds: number;
  againPerSecond: number;
  unchanged: number;
}

/** 10,000 lines by default: 200 staff, 1,800 customers (every tenth a child listed before its parent), 3,000 buyers, 5,000 orders. */
export function bulkLines(total = 10_000, run = Date.now().toString(36)): string[] {
  const n = { staff: total * 0.02, customers: total * 0.18, users: total * 0.3, orders: total * 0.5 };
  const lines: object[] = [];
  for (let i = 0; i < n.staff; i++) {
    lines.push({
      kind: 'backoffice_user',
      externalId: `s${i}`,
      email: `staff${i}.${run}@bench.example`,
      firstName: 'Staff',
      lastName: `No ${i}`,
      role: 'sales_manager',
    });
  }
  for (let i = 0; i < n.customers; i++) {
    // a child comes before its parent: customer i+1 is the parent of customer i when i % 10 === 0
    const parent = i % 10 === 0 ? `c${run}-${i + 1}` : null;
    lines.push({
      kind: 'customer',
      externalId: `c${run}-${i}`,
      name: `Bench Customer ${i}`,
      parentExternalId: parent,
      salesRepEmail: `staff${i % n.staff}.${run}@bench.example`,
    });
  }
  for (let i = 0; i < n.users; i++) {
    lines.push({
      kind: 'customer_user',
      externalId: `u${run}-${i}`,
      email: `buyer${i}.${run}@bench.example`,
      firstName: 'Buyer',
      lastName: `No ${i}`,
      role: 'buyer',
      customerExternalId: `c${run}-${i % n.customers}`,
    });
  }
  for (let i = 0; i < n.orders; i++) {
    lines.push({
      kind: 'order',
      externalId: `o${run}-${i}`,
      number: `BULK-${run}-${i}`,
      status: 'Processing',
      total: '120.00',
      currency: 'USD',
      customerUserExternalId: `u${run}-${i % n.users}`,
      lines: [{ sku: `SKU-${i % 97}`, name: 'Widget', quantity: 2, price: '60.00' }],
    });
  }
  return lines.map((l) => JSON.stringify(l));
}

export async function runBulk(base: string, email: string, password: string, total = 10_000): Promise<BulkRunResult> {
  const admin = await signIn(base, 'backoffice', email, password);
  const made = await fetch(`${base}/admin/api/integrations/tokens`, {
    method: 'POST',
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
    body: JSON.stringify({ label: 'Bulk benchmark', scopes: ['directory:write', 'records:write'] }),
  });
  if (made.status !== 201) throw new Error(`token: ${made.status} ${await made.text()}`);
  const { secret } = (await made.json()) as { secret: string };
  const body = bulkLines(total).join('\n');
  const post = async () => {
    const start = performance.now();
    const res = await fetch(`${base}/integration/v1/bulk`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/x-ndjson' },
      body,
    });
    const answer = (await res.json()) as { counts: Record<'created' | 'updated' | 'unchanged' | 'failed', number> };
    if (res.status !== 200) throw new Error(`bulk: ${res.status} ${JSON.stringify(answer)}`);
    return { seconds: (performance.now() - start) / 1000, counts: answer.counts };
  };
  const first = await post();
  const again = await post();
  return {
    lines: total,
    seconds: first.seconds,
    perSecond: Math.round(total / first.seconds),
    created: first.counts.created,
    failed: first.counts.failed + again.counts.failed,
    againSeconds: again.seconds,
    againPerSecond: Math.round(total / again.seconds),
    unchanged: again.counts.unchanged,
  };
}
