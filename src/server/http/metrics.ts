// /metrics for Prometheus (prom-client): requests by route, method and status
// with their latency, and gauges read when scraped: live sockets, each durable
// consumer's lag, the writer's queue, plus Node's process metrics (CPU,
// memory, handles, event loop lag). Served only when PARLEY_METRICS_TOKEN is
// set, to a scraper that sends it as a bearer token.
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/database';
import { consumerPositions, countEventsAfter } from '../events';
import { AppError } from '../kernel/errors';

export interface MetricSources {
  database: Database;
  /** commands handed to the writer and not yet answered */
  writeQueue: () => number;
  liveSockets: () => number;
  /** further gauges of the modules', each read at scrape time */
  gauges?: { name: string; help: string; read: () => Promise<number> }[];
}

/** a consumer further behind shows this: the count stays cheap however far it is */
const LAG_CAP = 100_000;

const sameSecret = (given: string, token: string) => {
  const digest = (s: string) => crypto.createHash('sha256').update(s).digest();
  return crypto.timingSafeEqual(digest(given), digest(token));
};

export function installMetrics(app: FastifyInstance, token: string, sources: MetricSources) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Histogram({
    name: 'parley_http_request_duration_seconds',
    help: 'HTTP requests by method, route (its template; "unmatched" when none) and status, and how long each took to answer',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'parley_live_sockets',
    help: 'Live WebSockets open on this instance',
    registers: [registry],
    collect() {
      this.set(sources.liveSockets());
    },
  });
  new Gauge({
    name: 'parley_write_queue_depth',
    help: 'Commands handed to the writer and not yet durable',
    registers: [registry],
    collect() {
      this.set(sources.writeQueue());
    },
  });
  const { database } = sources;
  new Gauge({
    name: 'parley_consumer_lag_events',
    help: `Events stored after each durable consumer's cursor (counted up to ${LAG_CAP}); an idle consumer saves its cursor within a third of its lease`,
    labelNames: ['consumer'],
    registers: [registry],
    async collect() {
      const positions = await consumerPositions(database.db);
      const lags = await Promise.all(positions.map((p) => countEventsAfter(database.db, Number(p.position), LAG_CAP)));
      this.reset();
      positions.forEach((p, i) => this.set({ consumer: p.name }, lags[i]!));
    },
  });
  for (const g of sources.gauges ?? []) {
    new Gauge({
      name: g.name,
      help: g.help,
      registers: [registry],
      async collect() {
        this.set(await g.read());
      },
    });
  }

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!given || !sameSecret(given, token))
      throw new AppError('UNAUTHENTICATED', 'Send the metrics token as Authorization: Bearer <token>.');
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
}
