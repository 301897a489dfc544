// What an operator's probes ask: is the process answering (/healthz), and can
// it serve, its database and (when configured) Redis reachable (/readyz).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { z } from 'zod';
import { ErrorBody } from '../../shared/api';
import type { Database } from '../db/database';
import { AppError } from '../kernel/errors';

/** how long one check may take before it counts as unreachable: a probe must never hang */
const CHECK_MS = 2_000;

const Ready = z.object({ status: z.literal('ready'), database: z.literal('ok'), redis: z.enum(['ok', 'not configured']) });

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** A fresh connection per probe: it says whether Redis answers now, and leaves nothing behind. */
async function pingRedis(url: string) {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: CHECK_MS, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } finally {
    client.disconnect();
  }
}

const reachable = (work: () => Promise<unknown>) =>
  within(CHECK_MS, work()).then(
    () => true,
    () => false,
  );

export function healthRoutes(database: Database, redisUrl: string | undefined) {
  return async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['Operations'];

    app.get(
      '/healthz',
      { schema: { tags, summary: 'The process answers (liveness)', response: { 200: z.object({ status: z.literal('ok') }) } } },
      () => ({ status: 'ok' as const }),
    );

    app.get(
      '/readyz',
      {
        schema: {
          tags,
          summary: 'The database and, when configured, Redis are reachable (readiness); 503 SERVICE_UNAVAILABLE when not',
          response: { 200: Ready, 503: ErrorBody },
        },
      },
      async () => {
        const [databaseOk, redisOk] = await Promise.all([
          reachable(() => sql`select 1`.execute(database.db)),
          redisUrl ? reachable(() => pingRedis(redisUrl)) : Promise.resolve(true),
        ]);
        const down = [...(databaseOk ? [] : ['the database']), ...(redisOk ? [] : ['Redis'])];
        if (down.length > 0) throw new AppError('SERVICE_UNAVAILABLE', `Not ready: ${down.join(' and ')} did not answer.`);
        return { status: 'ready' as const, database: 'ok' as const, redis: redisUrl ? ('ok' as const) : ('not configured' as const) };
      },
    );
  };
}
