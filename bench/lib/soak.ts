// The soak: mixed load for a long while (posts, conversation lists, thread
// pages, live sockets connecting and leaving), to see whether the server's
// memory or its latency creeps up. Runs in the load generator's process; the
// server's resident memory is read from /proc every second: its growth is
// the mean of the last 30 s against the mean of the first 30 s after the
// warm-up (one sample swings by ±25 MB with the garbage collector), and the
// warm-up lasts until every path of the load has run once, the notification
// sender's first round included (its delay and 30 s); p99 is kept per window
// (a minute, or a tenth of a shorter run).
import WebSocket from 'ws';
import { percentile, signInMany, type Session } from './http';
import { rssMb } from './processes';
import type { Row } from './report';

export interface SoakSpec {
  base: string;
  serverPid: number;
  users: { email: string; conversationIds: number[] }[];
  /** HTTP clients, each one request at a time */
  connections: number;
  /** live sockets kept open, one replaced every `churnMs` */
  sockets: number;
  churnMs: number;
  warmup: number;
  duration: number;
}

export interface SoakWindow {
  fromSecond: number;
  requests: number;
  failures: number;
  p99: number;
  /** the server's RSS at the window's end, MB */
  rssMb: number;
}

export interface SoakResult {
  kind: 'soak';
  duration: number;
  windowSeconds: number;
  windows: SoakWindow[];
  requests: { post: number; list: number; thread: number };
  failures: number;
  firstFailure?: string;
  socketsOpened: number;
  socketFailures: number;
  /** RSS 10 s after the load began, to show what the warm-up grew */
  rssEarlyMb: number;
  /** the means of the first and the last 30 s after the warm-up */
  rssStartMb: number;
  rssEndMb: number;
  rssMaxMb: number;
  rssGrowthPercent: number;
  /** the least-squares line through the windows' p99, its rise over the run as a share of their mean */
  p99TrendPercent: number;
}

/** Ceilings: the issue's, for memory; for latency, what counts as a trend and not noise. */
export const RSS_GROWTH_CEILING = 10;
/** RSS at the start and at the end is the mean of this many seconds of samples */
const MEAN_SECONDS = 30;
export const P99_TREND_CEILING = 20;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number) => Math.round(x * 100) / 100;
const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;

function openSocket(url: string, cookie: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: { cookie } });
    socket.once('open', () => socket.send(JSON.stringify({ type: 'resume', lastEventId: null })));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('error', reject);
    socket.once('close', (code) => reject(new Error(`closed ${code}`)));
    // a text frame arrives as one Buffer
    socket.on('message', (data) => {
      if ((data as Buffer).toString().includes('"ready"')) resolve(socket);
    });
  });
}

/** Rise of the least-squares line through `ys` from the first point to the last, in % of their mean. */
export function trendPercent(ys: number[]): number {
  const n = ys.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  ys.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  return meanY > 0 ? round(((num / den) * (n - 1) * 100) / meanY) : 0;
}

export async function runSoak(spec: SoakSpec, password: string): Promise<SoakResult> {
  const sessions = await signInMany(
    spec.base,
    'storefront',
    spec.users.map((u) => u.email),
    password,
  );
  const pool = sessions.map((s, i) => ({ ...s, conversationIds: spec.users[i]!.conversationIds }));
  const windowSeconds = Math.min(60, spec.duration / 10);
  const samples: { at: number; ms: number; ok: boolean }[] = [];
  const requests = { post: 0, list: 0, thread: 0 };
  let failures = 0;
  let firstFailure: string | undefined;
  let measuredFrom = Infinity;
  const started = performance.now();
  const end = started + (spec.warmup + spec.duration) * 1000;
  let n = 0;

  const request = async (user: Session & { conversationIds: number[] }) => {
    const conversation = pick(user.conversationIds);
    const roll = Math.random();
    const kind = roll < 0.4 ? 'post' : roll < 0.7 ? 'list' : 'thread';
    const headers = { cookie: user.cookie, 'x-csrf-token': user.csrf, 'content-type': 'application/json' };
    const t = performance.now();
    const res =
      kind === 'post'
        ? await fetch(`${spec.base}/api/conversations/${conversation}/messages`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ body: `Soak message ${++n}: could you confirm the delivery date?` }),
          })
        : await fetch(`${spec.base}/api/conversations${kind === 'list' ? '?limit=25' : `/${conversation}/messages?limit=40`}`, { headers });
    const body = await res.text();
    const done = performance.now();
    if (t < measuredFrom) return;
    requests[kind]++;
    const ok = res.status < 300;
    if (!ok) {
      failures++;
      firstFailure ??= `${kind} ${res.status} ${body.slice(0, 200)}`;
    }
    samples.push({ at: (t - measuredFrom) / 1000, ms: done - t, ok });
  };
  const client = async () => {
    while (performance.now() < end) {
      await request(pick(pool)).catch((error: unknown) => {
        failures++;
        firstFailure ??= String(error);
      });
    }
  };

  // live sockets: `sockets` open, one of them closed and another opened every churnMs
  const url = `${spec.base.replace(/^http/, 'ws')}/api/live`;
  const open: WebSocket[] = [];
  let socketsOpened = 0;
  let socketFailures = 0;
  const connect = () =>
    openSocket(url, pick(pool).cookie).then(
      (s) => {
        open.push(s);
        socketsOpened++;
      },
      () => void socketFailures++,
    );
  const churn = async () => {
    await Promise.all(Array.from({ length: spec.sockets }, connect));
    while (performance.now() < end) {
      await sleep(spec.churnMs);
      open.splice(Math.floor(Math.random() * open.length), 1)[0]?.close();
      await connect();
    }
  };

  const rss = () => rssMb(spec.serverPid) ?? NaN;
  let rssEarlyMb = NaN;
  let rssMaxMb = 0;
  const rssSamples: { at: number; mb: number }[] = [];
  const sampler = setInterval(() => {
    const mb = rss();
    rssMaxMb = Math.max(rssMaxMb, mb);
    if (performance.now() >= measuredFrom) rssSamples.push({ at: (performance.now() - measuredFrom) / 1000, mb });
  }, 1000);
  const early = sleep(Math.min(10, spec.warmup) * 1000).then(() => (rssEarlyMb = rss()));
  const warm = sleep(spec.warmup * 1000).then(() => (measuredFrom = performance.now()));
  await Promise.all([early, warm, churn(), ...Array.from({ length: spec.connections }, client)]);
  clearInterval(sampler);
  const span = Math.min(MEAN_SECONDS, spec.duration / 2);
  const mean = (list: { mb: number }[]) => list.reduce((sum, r) => sum + r.mb, 0) / Math.max(list.length, 1);
  const rssStartMb = mean(rssSamples.filter((r) => r.at < span));
  const rssEndMb = mean(rssSamples.filter((r) => r.at >= spec.duration - span));
  for (const s of open) s.terminate();

  const windows: SoakWindow[] = [];
  for (let from = 0; from + windowSeconds <= spec.duration + 1e-9; from += windowSeconds) {
    const inside = samples.filter((s) => s.at >= from && s.at < from + windowSeconds);
    const sorted = inside.map((s) => s.ms).sort((a, b) => a - b);
    windows.push({
      fromSecond: round(from),
      requests: inside.length,
      failures: inside.filter((s) => !s.ok).length,
      p99: round(percentile(sorted, 99)),
      rssMb: round(rssSamples.filter((r) => r.at < from + windowSeconds).at(-1)?.mb ?? NaN),
    });
  }
  return {
    kind: 'soak',
    duration: spec.duration,
    windowSeconds,
    windows,
    requests,
    failures,
    ...(firstFailure ? { firstFailure } : {}),
    socketsOpened,
    socketFailures,
    rssEarlyMb: round(rssEarlyMb),
    rssStartMb: round(rssStartMb),
    rssEndMb: round(rssEndMb),
    rssMaxMb: round(Math.max(rssMaxMb, rssEndMb)),
    rssGrowthPercent: round(((rssEndMb - rssStartMb) * 100) / rssStartMb),
    p99TrendPercent: trendPercent(windows.filter((w) => w.requests > 0).map((w) => w.p99)),
  };
}

export function soakRows(soak: SoakResult): Row[] {
  const total = soak.requests.post + soak.requests.list + soak.requests.thread;
  const p99s = soak.windows.map((w) => w.p99.toFixed(0)).join(', ');
  const rssByWindow = soak.windows.map((w) => w.rssMb.toFixed(0)).join(', ');
  return [
    {
      benchmark: `Soak, ${soak.duration} s of mixed load after the warm-up: server memory (RSS, mean of the first 30 s → of the last 30 s)`,
      figure: `${soak.rssStartMb.toFixed(0)} → ${soak.rssEndMb.toFixed(0)} MB (${soak.rssGrowthPercent.toFixed(1)} %; ${soak.rssEarlyMb.toFixed(0)} MB 10 s into the warm-up; max ${soak.rssMaxMb.toFixed(0)} MB; at the end of each ${soak.windowSeconds} s: ${rssByWindow}); ${total} requests (${soak.requests.post} posts, ${soak.requests.list} lists, ${soak.requests.thread} threads), ${soak.failures} failed${soak.firstFailure ? ` (${soak.firstFailure})` : ''}; ${soak.socketsOpened} sockets opened, ${soak.socketFailures} refused`,
      target: `growth < ${RSS_GROWTH_CEILING} %`,
      result: soak.rssGrowthPercent < RSS_GROWTH_CEILING && soak.failures === 0 ? 'pass' : 'miss',
    },
    {
      benchmark: `Soak: p99 per ${soak.windowSeconds} s (ms)`,
      figure: `${p99s}; trend ${soak.p99TrendPercent > 0 ? '+' : ''}${soak.p99TrendPercent.toFixed(0)} % over the run${soak.p99TrendPercent > P99_TREND_CEILING ? ' (trends upward)' : ''}`,
      target: `no upward trend (line's rise ≤ ${P99_TREND_CEILING} % of the mean)`,
      result: soak.p99TrendPercent <= P99_TREND_CEILING ? 'pass' : 'miss',
    },
  ];
}
