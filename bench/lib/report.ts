// The issue's targets, and the Markdown table that says which were met.
import type { LoadResult } from './http';
import type { LiveResult } from './live';
import type { BulkRunResult } from './bulk';
import type { WebhooksResult } from './webhooks';
import type { AttachmentsResult } from './attachments';
import { notificationRows, type NotificationsResult } from './notifications';
import { searchCostRows, type SearchCostResult } from './search-cost';
import { soakRows, type SoakResult } from './soak';
import { POSTGRES_POOL_SIZE } from '../../src/server/db/database';

export type Figures = Record<
  string,
  LoadResult | LiveResult | BulkRunResult | WebhooksResult | NotificationsResult | SearchCostResult | AttachmentsResult | SoakResult
>;

export interface Row {
  benchmark: string;
  figure: string;
  target: string;
  result: 'pass' | 'miss' | '—';
}

/** The round with the median throughput, carrying every round's throughput and p99. */
export function medianOf(results: LoadResult[]): LoadResult {
  const byRate = [...results].sort((a, b) => a.perSecond - b.perSecond);
  const p99s = results.map((r) => r.p99).sort((a, b) => a - b);
  return {
    ...byRate[Math.floor((byRate.length - 1) / 2)]!,
    p99: p99s[Math.floor((p99s.length - 1) / 2)]!,
    rounds: results.map((r) => ({ perSecond: r.perSecond, p99: r.p99 })),
  };
}

const roundsOf = (r: LoadResult, pick: 'perSecond' | 'p99') =>
  r.rounds && r.rounds.length > 1
    ? `; rounds ${r.rounds.map((x) => (pick === 'perSecond' ? `${x.perSecond}/s` : `${x.p99.toFixed(0)} ms`)).join(', ')}`
    : '';

const ms = (x: number | null) => (typeof x === 'number' ? `${x.toFixed(2)} ms` : 'n/a');
const verdict = (ok: boolean): Row['result'] => (ok ? 'pass' : 'miss');
const threads = (r: LoadResult) =>
  r.serverThreadsMs
    ? ` (main ${r.serverThreadsMs.main.toFixed(2)}, busiest other ${r.serverThreadsMs.busiest.toFixed(2)}, rest ${r.serverThreadsMs.rest.toFixed(2)})`
    : '';
const writes = (r: LoadResult) =>
  r.databaseWrites
    ? `, ${r.databaseWrites.commits.toFixed(2)} commits and ${(r.databaseWrites.walBytes / 1024).toFixed(1)} KB of WAL each`
    : '';
// the post comparison's rows say where the time went; the reads only what a page cost
const cpu = (r: LoadResult, detailed = true) =>
  r.serverCpuMs !== undefined
    ? `, ${r.serverCpuMs.toFixed(2)} ms CPU each${detailed ? `${threads(r)}${r.databaseCpuMs !== undefined ? `, PostgreSQL ${r.databaseCpuMs.toFixed(2)}` : ''}${writes(r)}${r.loadCpuMs !== undefined ? `, load generator ${r.loadCpuMs.toFixed(2)}` : ''}${r.stealPercent ? `, steal ${r.stealPercent.toFixed(1)} %` : ''}` : ''}`
    : '';
const failures = (r: LoadResult) => (r.failures > 0 ? ` (${r.failures} failed: ${r.firstFailure ?? ''})` : '');

const reads = [
  ['list-buyer', 'Conversation list, Buyer (25 items)', 10],
  ['list-admin', 'Conversation list, customer Administrator (10,000-conversation customer)', 10],
  ['grid', 'Back-office grid, status filter, last-message sort, with total', 10],
  ['thread', 'Thread page of 40 at before=2500 of 5,000', 5],
  ['search-buyer', 'Search "delivery date", Buyer (20 hits, total)', 20],
  ['search-admin', 'Search "delivery date", customer Administrator (10,000-conversation customer)', 20],
  ['search-backoffice', 'Search "delivery date", back-office (everything)', 20],
] as const;

export function verdicts(figures: Figures, small?: Figures): Row[] {
  const rows: Row[] = [];
  const load = (name: string) => figures[name] as LoadResult | undefined;
  const normal = load('ceilingNormal');
  const full = load('ceilingFull');
  if (normal)
    rows.push({
      benchmark: 'Ceiling: bare insert, synchronous=NORMAL',
      figure: `${normal.perSecond}/s, p99 ${ms(normal.p99)}${cpu(normal)}${failures(normal)}${roundsOf(normal, 'perSecond')}`,
      target: 'reference',
      result: '—',
    });
  if (full)
    rows.push({
      benchmark: 'Ceiling: bare insert, synchronous=FULL',
      figure: `${full.perSecond}/s, p99 ${ms(full.p99)}${cpu(full)}${failures(full)}${roundsOf(full, 'perSecond')}`,
      target: 'reference',
      result: '—',
    });
  const postgres = load('ceilingPostgres');
  if (postgres)
    rows.push({
      benchmark: `Ceiling: bare insert, PostgreSQL (pool of ${POSTGRES_POOL_SIZE}, synchronous_commit=on)`,
      figure: `${postgres.perSecond}/s, p99 ${ms(postgres.p99)}${cpu(postgres)}${failures(postgres)}${roundsOf(postgres, 'perSecond')}`,
      target: 'reference',
      result: '—',
    });
  const post = load('post');
  if (post) {
    // the ceiling of the database the run is on
    const [ceiling, ceilingName] = postgres ? [postgres, 'PostgreSQL ceiling'] : [normal, 'NORMAL'];
    const bar = ceiling ? Math.round(ceiling.perSecond * 0.5) : undefined;
    rows.push({
      benchmark: 'Post message, 100 clients, durable',
      figure: `${post.perSecond}/s${ceiling ? ` (${(post.perSecond / ceiling.perSecond).toFixed(2)} × ${ceilingName})` : ''}${cpu(post)}${failures(post)}${roundsOf(post, 'perSecond')}`,
      target: bar !== undefined ? `≥ ${bar}/s (0.5 × ${ceilingName})` : '≥ 0.5 × its ceiling',
      result: bar !== undefined ? verdict(post.perSecond >= bar && post.failures === 0) : '—',
    });
    rows.push({
      benchmark: 'Post message p99',
      figure: `${ms(post.p99)}${roundsOf(post, 'p99')}`,
      target: '< 50 ms',
      result: verdict(post.p99 < 50 && post.failures === 0),
    });
  }
  for (const [name, label, limit] of reads) {
    const r = load(name);
    if (!r) continue;
    rows.push({
      benchmark: `${label} p95`,
      figure: `${ms(r.p95)} (p50 ${ms(r.p50)}, ${r.perSecond}/s${cpu(r, false)})${failures(r)}`,
      target: `< ${limit} ms`,
      result: verdict(r.p95 < limit && r.failures === 0),
    });
    const before = small?.[name] as LoadResult | undefined;
    if (before && name !== 'thread') {
      const ratio = r.p95 / before.p95;
      rows.push({
        benchmark: `${label}: large ÷ small`,
        figure: `${ratio.toFixed(2)} × (small p95 ${ms(before.p95)})`,
        target: '≤ 1.5 ×',
        result: verdict(ratio <= 1.5),
      });
    }
  }
  const webhooks = figures.webhooks as WebhooksResult | undefined;
  if (webhooks)
    rows.push({
      benchmark: 'Webhook deliveries, 1 endpoint (message.created), local receiver, while posting with 100 clients',
      figure: `${webhooks.deliveriesPerSecond}/s beside ${webhooks.posts.perSecond} posts/s (${(webhooks.deliveriesPerSecond / Math.max(webhooks.posts.perSecond, 1)).toFixed(2)} ×; post p99 ${ms(webhooks.posts.p99)}; ${webhooks.deliveries} delivered, ${webhooks.backlogAtEnd} after the posts stopped, drained in ${webhooks.drainSeconds.toFixed(1)} s)${failures(webhooks.posts)}`,
      target: 'printed',
      result: '—',
    });
  rows.push(...notificationRows(figures.notifications as NotificationsResult | undefined));
  rows.push(...searchCostRows(figures['search-cost'] as SearchCostResult | undefined));
  rows.push(...attachmentRows(figures.attachments as AttachmentsResult | undefined));
  const live = figures.live as LiveResult | undefined;
  if (live && !live.available)
    rows.push({ benchmark: 'Live delivery', figure: `not available: ${live.reason}`, target: 'p99 < 50 ms', result: '—' });
  if (live?.available) {
    const complete = live.lost === 0 && live.postFailures === 0;
    rows.push({
      benchmark: `Live delivery, ${live.sockets} sockets, 1 post / 10 ms, p99`,
      figure: `${ms(live.p99)} (p50 ${ms(live.p50)}; ${live.delivered} frames, ${live.posts} posts, ${live.lost} reached no socket, ${live.postFailures} failed, ${live.socketFailures} sockets refused)`,
      target: '< 50 ms, every frame',
      result: verdict(typeof live.p99 === 'number' && live.p99 < 50 && complete),
    });
    rows.push({
      benchmark: 'Live: server memory',
      figure: `${live.rssMaxMb.toFixed(0)} MB max (${live.rssBeforeMb.toFixed(0)} MB before sockets)`,
      target: '< 300 MB',
      result: verdict(live.rssMaxMb < 300),
    });
    rows.push({
      benchmark: 'Live: growth per idle socket',
      figure: `${live.kbPerIdleSocket.toFixed(1)} KB`,
      target: 'printed',
      result: '—',
    });
  }
  const bulk = figures.bulk as BulkRunResult | undefined;
  if (bulk) {
    const post = load('post');
    rows.push({
      benchmark: `Bulk import, ${bulk.lines.toLocaleString('en')} NDJSON lines, one request`,
      figure: `${bulk.seconds.toFixed(2)} s, ${bulk.perSecond} lines/s (${bulk.created} created, ${bulk.failed} failed); the same again ${bulk.againSeconds.toFixed(2)} s, ${bulk.againPerSecond} lines/s (${bulk.unchanged} unchanged)${post ? `; post path beside it ${post.perSecond}/s` : ''}`,
      target: '< 10 s',
      result: verdict(bulk.seconds < 10 && bulk.failed === 0 && bulk.created === bulk.lines),
    });
  }
  const soak = figures.soak as SoakResult | undefined;
  if (soak) rows.push(...soakRows(soak));
  return rows;
}

export function renderTable(rows: Row[]): string {
  const lines = ['| Benchmark | Figure | Target | Result |', '|---|---|---|---|'];
  for (const r of rows) lines.push(`| ${r.benchmark} | ${r.figure.replace(/\|/g, '\\|')} | ${r.target} | ${r.result} |`);
  return lines.join('\n');
}

/** Upload and download beside the raw disk (at least half its speed), and memory under ten large uploads at once (under 150 MB more). */
function attachmentRows(a: AttachmentsResult | undefined): Row[] {
  if (!a) return [];
  const files = `${a.files} files of ${a.fileMb} MB`;
  const growth = a.rssMaxMb - a.rssBeforeMb;
  return [
    {
      benchmark: `Attachment upload, ${files}, one at a time`,
      figure: `${a.uploadMbps} MB/s beside the raw disk's write ${a.rawWriteMbps} MB/s (${(a.uploadMbps / a.rawWriteMbps).toFixed(2)} ×)`,
      target: '≥ 0.5 ×',
      result: verdict(a.uploadMbps >= a.rawWriteMbps / 2),
    },
    {
      benchmark: `Attachment download, ${files}, one at a time`,
      figure: `${a.downloadMbps} MB/s beside the raw disk's read ${a.rawReadMbps} MB/s (${(a.downloadMbps / a.rawReadMbps).toFixed(2)} ×)`,
      target: '≥ 0.5 ×',
      result: verdict(a.downloadMbps >= a.rawReadMbps / 2),
    },
    {
      benchmark: `Server memory while ${files} upload at once`,
      figure: `${growth.toFixed(1)} MB more (RSS ${a.rssBeforeMb} → ${a.rssMaxMb} MB)`,
      target: '< 150 MB',
      result: verdict(growth < 150),
    },
  ];
}
