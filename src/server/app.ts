import fs from 'node:fs';
import pino from 'pino';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config';
import type { Deps } from './context';
import { migrateToLatest, openDatabase, type Database } from './db/database';
import { createWriter } from './db/writer';
import { commandRunner } from './commands';
import { createInMemoryEventBus, type EventBus } from './events/events';
import { createRedisEventBus } from './events/redis-bus';
import { backofficeAuth, installSideAuth, storefrontAuth, type SideAuth } from './http/auth';
import { installErrorHandler } from './http/error-handler';
import { serveWebApps } from './http/web';
import { createRateLimiter, sessionRoutes, type SignInLimits } from './accounts';
import { backofficeConversationRoutes, storefrontConversationRoutes } from './conversations';
import { customersRoutes } from './customers';
import { backofficeRecordRoutes, storefrontRecordRoutes } from './records';
import { seedDemoData } from './seed/demo';
import { installLive, type LiveLimits } from './realtime';

export interface BuiltApp {
  app: FastifyInstance;
  deps: Deps;
}

export interface BuildOptions {
  /** an already open database (tests share one per suite) */
  database?: Database;
  bus?: EventBus;
  /** live push limits (tests lower them) */
  live?: Partial<LiveLimits>;
}

/**
 * Standard output, written 4 KB at a time instead of one write per line (on
 * the post benchmark, the log's writes were a tenth of the event loop's
 * work), and at least every second, so that a quiet server's lines still show
 * at once. pino flushes what is left when the process exits.
 */
function bufferedStdout() {
  const stream = pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 1000 });
  const stop = () => {
    try {
      stream.flushSync();
    } catch {
      // not open yet, or already closed: nothing of ours is waiting
    }
  };
  return { stream, stop };
}

/** One log line per request, when it is answered, instead of Fastify's two (each line is a write). */
class OneLinePerRequest extends LogController {
  override incomingRequest() {}
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    const line = { method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request');
  }
}

/** Everything but listening: tests call this and use `app.inject()`. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<BuiltApp> {
  const database = options.database ?? openDatabase(config);
  await migrateToLatest(database);
  const deps: Deps = {
    database,
    db: database.db,
    dialect: database.dialect,
    writer: createWriter(database, {
      commands: commandRunner(database.dialect),
      // SQLite: the hot writes run on a thread of their own (from the sources, its .ts entry)
      thread: config.writeThread ? new URL(import.meta.url.endsWith('.ts') ? './write-worker.ts' : './write-worker.mjs', import.meta.url) : undefined,
    }),
    // several instances share live events through Redis; one alone fans out in memory
    bus: options.bus ?? (config.redisUrl ? await createRedisEventBus(config.redisUrl, { namespace: config.databaseUrl ?? config.dataDir, onError: (e) => console.warn('[parley] redis bus:', e) }) : createInMemoryEventBus()),
  };
  if (config.seed === 'demo') await seedDemoData(deps);

  const log = config.logLevel === 'silent' ? undefined : bufferedStdout();
  const app = Fastify({
    logger: log ? { level: config.logLevel, stream: log.stream } : false,
    logController: new OneLinePerRequest(),
    bodyLimit: 256 * 1024,
    trustProxy: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('auth', null);
  installErrorHandler(app);
  await app.register(cookie);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Parley API',
        version: '1',
        description:
          'Conversations between a B2B store and its customers. The storefront API lives under /api, the back-office API under /admin/api; each has its own session cookie. Writes with a cookie need the X-CSRF-Token header given at sign-in. Errors are { error: { code, message, fields } }.',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const limits: SignInLimits = {
    perEmail: createRateLimiter(config.signInPerEmail, 15 * 60_000),
    perAddress: createRateLimiter(config.signInPerAddress, 60_000),
  };
  const live = await installLive(app, deps, options.live);
  const side = (auth: SideAuth, routes: ((deps: Deps) => (app: FastifyInstance) => Promise<void>)[]) =>
    async (scope: FastifyInstance) => {
      installSideAuth(scope, deps, auth);
      await scope.register(sessionRoutes(deps, auth, limits));
      for (const r of routes) await scope.register(r(deps));
    };

  await app.register(side(storefrontAuth(config.secureCookies), [storefrontConversationRoutes, storefrontRecordRoutes, live.routes]), { prefix: '/api' });
  await app.register(side(backofficeAuth(config.secureCookies), [backofficeConversationRoutes, backofficeRecordRoutes, customersRoutes, live.routes]), {
    prefix: '/admin/api',
  });

  if (config.webDir && fs.existsSync(config.webDir)) await serveWebApps(app, config.webDir);

  app.addHook('onClose', async () => {
    if (!options.bus) await deps.bus.close();
    await deps.writer.close();
    if (!options.database) await database.close();
    log?.stop();
  });
  return { app, deps };
}
