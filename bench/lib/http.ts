// HTTP load for the bench's load-generator process: sign-in, then autocannon
// with every response time recorded, so that p95 (which autocannon's summary
// lacks) is computed from the same samples as p50 and p99.
import autocannon from 'autocannon';
import pg from 'pg';
import { machineCpu, postgresCpuSeconds, threadCpuSeconds } from './processes';

export interface Session {
  email: string;
  cookie: string;
  csrf: string;
}

export async function signIn(base: string, side: 'storefront' | 'backoffice', email: string, password: string): Promise<Session> {
  const prefix = side === 'storefront' ? '/api' : '/admin/api';
  const res = await fetch(`${base}${prefix}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { email, cookie, csrf: csrfToken };
}

/** Signs in many users a few at a time (argon2 makes each sign-in cost tens of ms). */
export async function signInMany(base: string, side: 'storefront' | 'backoffice', emails: string[], password: string, parallel = 4) {
  const sessions: Session[] = [];
  for (let i = 0; i < emails.length; i += parallel) {
    sessions.push(...(await Promise.all(emails.slice(i, i + parallel).map((e) => signIn(base, side, e, password)))));
  }
  return sessions;
}

/** " (rounds 1763, 1611, 2103)": each round's rate, when there were several */
export const roundRates = (r: LoadResult) =>
  r.rounds && r.rounds.length > 1 ? ` (rounds ${r.rounds.map((x) => x.perSecond).join(', ')})` : '';

export interface LoadResult {
  /** when several rounds were run: each one's figures (this result is their median) */
  rounds?: { perSecond: number; p99: number }[];
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  failures: number;
  firstFailure?: string;
  /** the server's CPU time per request while measured: what bounds throughput on one core, whatever else runs */
  serverCpuMs?: number;
  /** the same split by thread: the main thread (HTTP), the busiest other one (the write thread, when there is one), all the rest (GC, fsync, libuv) */
  serverThreadsMs?: { main: number; busiest: number; rest: number };
  /** the load generator's own CPU time per request: it shares the machine's cores */
  loadCpuMs?: number;
  /** share of the machine's CPU time the hypervisor gave to other guests while measured */
  stealPercent?: number;
  /** on PostgreSQL: the database server's processes' CPU time per request (it shares the cores too) */
  databaseCpuMs?: number;
  /**
   * On PostgreSQL: transaction ids assigned (write transactions: each a
   * durable commit) and WAL bytes written per request, over the whole
   * cluster. Exact counts, unlike times, whatever the machine's speed; other
   * work on the same cluster counts too.
   */
  databaseWrites?: { commits: number; walBytes: number };
}

/** The cluster's next transaction id and WAL insert position: neither read assigns an id nor writes WAL. */
async function postgresWriteReading() {
  const url = process.env.DATABASE_URL;
  if (!url?.startsWith('postgres')) return undefined;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ xid: string; wal: string }>(
      `select pg_snapshot_xmax(pg_current_snapshot())::text as xid, pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::text as wal`,
    );
    return { xid: Number(rows[0]!.xid), wal: Number(rows[0]!.wal) };
  } finally {
    await client.end();
  }
}

function writesPerRequest(
  before: Awaited<ReturnType<typeof postgresWriteReading>>,
  after: Awaited<ReturnType<typeof postgresWriteReading>>,
  requests: number,
): Pick<LoadResult, 'databaseWrites'> {
  if (!before || !after || requests === 0) return {};
  const per = (n: number) => Math.round((n * 100) / requests) / 100;
  return { databaseWrites: { commits: per(after.xid - before.xid), walBytes: Math.round((after.wal - before.wal) / requests) } };
}

/** What the server, its threads, the load generator and the machine spent between two readings. */
function cpuReading(serverPid: number | undefined) {
  return {
    threads: serverPid ? threadCpuSeconds(serverPid) : undefined,
    self: process.cpuUsage(),
    machine: machineCpu(),
    // on PostgreSQL the database server works for every request too
    postgres: process.env.DATABASE_URL?.startsWith('postgres') ? postgresCpuSeconds() : undefined,
  };
}

function cpuPerRequest(
  serverPid: number | undefined,
  before: ReturnType<typeof cpuReading>,
  after: ReturnType<typeof cpuReading>,
  requests: number,
) {
  if (requests === 0) return {};
  const perRequest = (seconds: number) => Math.round((seconds * 1000 * 100) / requests) / 100;
  const out: Pick<LoadResult, 'serverCpuMs' | 'serverThreadsMs' | 'loadCpuMs' | 'stealPercent' | 'databaseCpuMs'> = {};
  if (serverPid && before.threads && after.threads) {
    let main = 0;
    const others: number[] = [];
    for (const [tid, seconds] of after.threads) {
      const spent = seconds - (before.threads.get(tid) ?? 0);
      if (tid === serverPid) main = spent;
      else others.push(spent);
    }
    others.sort((a, b) => b - a);
    const busiest = others[0] ?? 0;
    const rest = others.slice(1).reduce((a, b) => a + b, 0);
    out.serverCpuMs = perRequest(main + busiest + rest);
    out.serverThreadsMs = { main: perRequest(main), busiest: perRequest(busiest), rest: perRequest(rest) };
  }
  if (before.postgres !== undefined && after.postgres !== undefined) out.databaseCpuMs = perRequest(after.postgres - before.postgres);
  const self = process.cpuUsage(before.self);
  out.loadCpuMs = perRequest((self.user + self.system) / 1e6);
  if (before.machine && after.machine && after.machine.total > before.machine.total) {
    out.stealPercent =
      Math.round((1000 * (after.machine.steal - before.machine.steal)) / (after.machine.total - before.machine.total)) / 10;
  }
  return out;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

type Request = { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string };

/**
 * Runs `next()`-built requests on `connections` keep-alive connections for
 * `duration` seconds, after an unmeasured warm-up of `warmup` seconds.
 */
export async function load(
  url: string,
  connections: number,
  duration: number,
  warmup: number,
  next: () => Request,
  serverPid?: number,
): Promise<LoadResult> {
  const once = (seconds: number) =>
    new Promise<{ times: number[]; failures: number; firstFailure?: string; elapsed: number }>((resolve, reject) => {
      const times: number[] = [];
      let failures = 0;
      let firstFailure: string | undefined;
      const started = performance.now();
      const instance = autocannon(
        {
          url,
          connections,
          duration: seconds,
          requests: [
            {
              setupRequest: (request) => ({ ...request, ...next() }),
              onResponse: (status, body) => {
                if (status >= 300) {
                  failures++;
                  firstFailure ??= `${status} ${body.slice(0, 200)}`;
                }
              },
            },
          ],
        },
        (error) =>
          error
            ? reject(error)
            : resolve({ times, failures, ...(firstFailure ? { firstFailure } : {}), elapsed: (performance.now() - started) / 1000 }),
      );
      instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
    });
  if (warmup > 0) await once(warmup);
  const writesBefore = await postgresWriteReading();
  const cpuBefore = cpuReading(serverPid);
  const run = await once(duration);
  const cpuAfter = cpuReading(serverPid);
  const writesAfter = await postgresWriteReading();
  const sorted = run.times.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    requests: sorted.length,
    perSecond: Math.round(sorted.length / duration),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? NaN),
    failures: run.failures,
    ...(run.firstFailure ? { firstFailure: run.firstFailure } : {}),
    ...cpuPerRequest(serverPid, cpuBefore, cpuAfter, sorted.length),
    ...writesPerRequest(writesBefore, writesAfter, sorted.length),
  };
}
