import fs from 'node:fs';
import pino from 'pino';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import crypto from 'node:crypto';
import { fastifyTrustProxy, type Config } from './config';
import { openDatabase, type Database } from './db/database';
import { migrateToLatest } from './db/migrations';
import {
  createInMemoryEventBus,
  createRedisEventBus,
  defaultConsumerOptions,
  defaultJobOptions,
  startJobs,
  type JobOptions,
  startConsumers,
  type Consumer,
  type ConsumerOptions,
  type ConsumerRuntime,
  type EventBus,
} from './events';
import { clientErrorHandler, frameworkErrors, installErrorHandler } from './http/error-handler';
import { healthRoutes } from './http/health';
import { addSecurityHeaders } from './http/security-headers';
import { backofficeCtx, storefrontCtx } from './http/request';
import { refuseWhileClosing } from './http/shutdown';
import { installMetrics } from './http/metrics';
import { installWriteLimits } from './http/write-limits';
import { serveWebApps } from './http/web';
import type { Runtime } from './kernel/context';
import {
  backofficeAuth,
  createSignInLimits,
  installSessionScope,
  sessionRoutes,
  staffRoutes,
  storefrontAuth,
  type LinkMailer,
  type SideAuth,
} from './accounts';
import { backofficeConversationRoutes, seesConversation, storefrontConversationRoutes } from './conversations';
import {
  attachmentOrigin,
  attachmentRoutes,
  DEFAULT_ATTACHMENT_TYPES,
  deletedConversationsConsumer,
  openAttachmentStore,
  signedFileRoutes,
  unusedUploadsJob,
  type AttachmentSettings,
} from './attachments';
import {
  handoffRoutes,
  handoffSettingsRoutes,
  integrationCtx,
  integrationApi,
  newJwksCache,
  signInOptionsRoutes,
  tokenRoutes,
  type JwksCache,
} from './integration';
import { peopleRoutes } from './people';
import { replyRoutes } from './replies';
import { backofficeRecordRoutes, storefrontRecordRoutes } from './records';
import { installLive, type LiveLimits } from './realtime';
import { commands, consumers as moduleConsumers, jobs as moduleJobs, migrations } from './modules';
import { commandRunner, createRuntime, standaloneCommands } from './runtime';
import { seedDemoData } from './seed/demo';
import { createWriter, type Writer } from './writes';
import {
  defaultWorkerOptions,
  pendingDeliveryCount,
  startWebhookWorker,
  webhookRoutes,
  webhooksConsumer,
  type WorkerOptions,
} from './webhooks';
import { systemClock, type Clock } from './kernel/clock';
import { mailCount, outboxRoutes, smtpTransport, startMailWorker, type MailSettings } from './mail';
import { notificationConsumers, preferenceRoutes, startNotifier, unsubscribeRoutes, type Notifier } from './notifications';
import { inboundRoutes, startInboundSmtp, type InboundListener } from './inbound';
import {
  attachSearchIndex,
  backofficeSearchRoutes,
  catchUpIndex,
  createIndexer,
  registerSearchFunctions,
  searchIndexConsumer,
  storefrontSearchRoutes,
} from './search';

export interface BuiltApp {
  app: FastifyInstance;
  runtime: Runtime;
  database: Database;
  writer: Writer;
  bus: EventBus;
  consumers: ConsumerRuntime;
  mail: MailSettings;
  /** the SMTP listener for replies, when PARLEY_SMTP_INBOUND_PORT is set */
  inbound: InboundListener | null;
}

export interface BuildOptions {
  /** an already open database (tests share one per suite) */
  database?: Database;
  bus?: EventBus;
  /** live push limits (tests lower them) */
  live?: Partial<LiveLimits>;
  /** durable consumers' pace (tests make it quick), and consumers of the caller's besides the modules' */
  consumers?: { options?: Partial<ConsumerOptions>; extra?: readonly Consumer[] };
  /** the clock of time-based behaviour (webhook retries); tests move it */
  clock?: Clock;
  /** periodic jobs' pace (tests make it quick) */
  jobs?: Partial<Pick<JobOptions, 'checkMs' | 'leaseMs'>>;
  /** the webhook worker's pace (tests make it quick) */
  webhooks?: Partial<Pick<WorkerOptions, 'pollMs' | 'maxInFlight' | 'perEndpoint'>>;
  /** the sign-in handoff's JWKS cache (tests shorten jose's cooldown) */
  jwks?: JwksCache;
  /** the mail worker's pace (tests make it quick) */
  mail?: { pollMs?: number; notifyPollMs?: number };
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
  await migrateToLatest(database, migrations);
  // SQLite: the messages' full-text index, in a file of its own beside the database
  attachSearchIndex(database);
  if (database.sqlite) registerSearchFunctions(database.sqlite);
  // before the writer starts: the one write that does not take the write path
  if (config.seed === 'demo') await seedDemoData(database);
  // what was written without an event (the seed, the bench data) reaches the full-text index now; new posts by the consumer
  catchUpIndex(database);
  // SQLite: the index's batches, on a thread of their own beside the write thread's
  const indexer = createIndexer(database, { thread: config.writeThread });
  const writer = createWriter(database, commandRunner(database.dialect, commands), {
    // SQLite: the commands run on a thread of their own (from the sources, its .ts entry)
    thread: config.writeThread
      ? new URL(import.meta.url.endsWith('.ts') ? './write-worker.ts' : './write-worker.mjs', import.meta.url)
      : undefined,
    standalone: standaloneCommands(commands),
  });
  // several instances share events through Redis; one alone fans out in memory
  const bus =
    options.bus ??
    (config.redisUrl
      ? await createRedisEventBus(config.redisUrl, {
          namespace: config.databaseUrl ?? config.dataDir,
          onError: (e) => console.warn('[parley] redis bus:', e),
        })
      : createInMemoryEventBus());
  const runtime = createRuntime(database, writer, bus);

  const log = config.logLevel === 'silent' ? undefined : bufferedStdout();
  const app = Fastify({
    logger: log ? { level: config.logLevel, stream: log.stream } : false,
    logController: new OneLinePerRequest(),
    bodyLimit: 256 * 1024,
    // X-Forwarded-For and -Host count only from the proxies the operator named (PARLEY_TRUST_PROXY)
    trustProxy: fastifyTrustProxy(config.trustProxy),
    // the router's and Node's HTTP parser's refusals answer in the error shape too
    frameworkErrors,
    clientErrorHandler,
    // while closing, requests on kept-alive connections get the error shape (http/shutdown.ts)
    return503OnClosing: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  installErrorHandler(app);
  refuseWhileClosing(app);
  installWriteLimits(app, config.writeLimits);
  // before any route, so that its timing hook sees them all (live: read at scrape time, set up below)
  if (config.metricsToken) {
    installMetrics(app, config.metricsToken, {
      database,
      writeQueue: writer.pending,
      liveSockets: () => live.hub.size(),
      gauges: [
        {
          name: 'parley_webhook_deliveries_pending',
          help: 'Webhook deliveries waiting to be sent',
          read: () => pendingDeliveryCount(database.db),
        },
        { name: 'parley_mail_pending', help: 'Mails waiting to be sent (or retried)', read: () => mailCount(database.db, 'pending') },
        { name: 'parley_mail_failed', help: 'Mails given up after their last attempt', read: () => mailCount(database.db, 'failed') },
      ],
    });
  }
  // the API reads JSON only: any other body is 415 UNSUPPORTED_MEDIA_TYPE
  app.removeContentTypeParser('text/plain');
  const imageOrigins = [attachmentOrigin(config.attachments.s3Url) ?? []].flat();
  addSecurityHeaders(app, { frameAncestors: config.frameAncestors, secure: config.secureCookies, imageOrigins });
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
  // the base layout: the standalone one's top bar draws its logo with an inline <style>, which the CSP refuses
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { layout: 'BaseLayout' } });
  await app.register(healthRoutes(database, config.redisUrl));

  const limits = createSignInLimits(config.signIn);
  const live = await installLive(app, runtime, bus, options.live);
  const clock = options.clock ?? systemClock;
  const webhookWorker = startWebhookWorker(runtime, {
    ...defaultWorkerOptions,
    ...config.webhooks,
    owner: crypto.randomUUID(),
    clock,
    log: (message, details) => app.log.warn(details, message),
    ...options.webhooks,
  });
  const mailWorker = startMailWorker(runtime, {
    owner: crypto.randomUUID(),
    clock,
    transport: config.mail.smtpUrl ? smtpTransport(config.mail.smtpUrl, config.mail.from) : null,
    pollMs: options.mail?.pollMs ?? 1000,
    batch: 20,
    log: (message, details) => app.log.warn(details, message),
  });
  const mail: MailSettings = { from: config.mail.from, domain: config.mail.domain, now: () => clock.now(), wake: mailWorker.wake };
  const linkMailer: LinkMailer = { ...mail, publicUrl: config.mail.publicUrl, sends: Boolean(config.mail.smtpUrl) };
  const notifier: Notifier = config.mail.notifications
    ? startNotifier(runtime, {
        clock,
        delayMs: config.mail.notifyDelayS * 1000,
        pollMs: options.mail?.notifyPollMs ?? 5000,
        mail,
        publicUrl: config.mail.publicUrl,
        digestHourUtc: config.mail.digestHourUtc,
        log: (message, details) => app.log.warn(details, message),
      })
    : { stop: async () => undefined };
  const attachments: AttachmentSettings = {
    store: await openAttachmentStore(config.dataDir, config.attachments.s3Url, clock),
    limits: { maxBytes: config.attachments.maxBytes, types: config.attachments.types ?? DEFAULT_ATTACHMENT_TYPES },
    seesConversation,
  };
  const webhookSettings = { clock, allowPrivate: config.webhooks.allowPrivate, wake: webhookWorker.wake };
  const webhooks = webhookRoutes(webhookSettings);
  const side =
    (auth: SideAuth, routes: ((runtime: Runtime) => (app: FastifyInstance) => Promise<void>)[], passwordSignIn = true) =>
    async (scope: FastifyInstance) => {
      installSessionScope(scope, runtime, auth);
      await scope.register(sessionRoutes(runtime, auth, limits, { passwordSignIn, mailer: linkMailer }));
      for (const r of routes) await scope.register(r(runtime));
      await scope.register(live.routes);
    };
  const signIn = config.storefrontSignIn;
  const storefrontConversations = (rt: Runtime) => storefrontConversationRoutes(rt, { participants: config.storefrontParticipants });
  await app.register(
    side(
      storefrontAuth(config.secureCookies),
      [
        storefrontConversations,
        storefrontRecordRoutes,
        signInOptionsRoutes(signIn),
        preferenceRoutes('storefront', clock),
        storefrontSearchRoutes,
        attachmentRoutes(attachments, 'Storefront: attachments', storefrontCtx),
      ],
      signIn !== 'handoff',
    ),
    { prefix: '/api' },
  );
  await app.register(
    side(backofficeAuth(config.secureCookies), [
      backofficeConversationRoutes,
      backofficeRecordRoutes,
      peopleRoutes,
      replyRoutes,
      tokenRoutes,
      handoffSettingsRoutes(signIn),
      (rt) => staffRoutes(rt, linkMailer),
      webhooks,
      outboxRoutes,
      preferenceRoutes('backoffice', clock),
      backofficeSearchRoutes,
      attachmentRoutes(attachments, 'Back-office: attachments', backofficeCtx),
    ]),
    {
      prefix: '/admin/api',
    },
  );
  // the store's signed-in customers arrive here (GET /sso)
  await app.register(handoffRoutes(runtime, { auth: storefrontAuth(config.secureCookies), signIn, jwks: options.jwks ?? newJwksCache() }));

  // the store's API: a service token instead of a cookie
  const inboundSettings = { mail, publicUrl: config.mail.publicUrl, perSenderPerHour: 30, attachments };
  await app.register(
    integrationApi(runtime, { perMinute: config.integrationRateLimit }, [
      inboundRoutes(inboundSettings),
      webhookRoutes(webhookSettings, 'integration'),
      attachmentRoutes(attachments, 'Integration: attachments', (rt, request) => integrationCtx(rt, request, 'conversations:write')),
    ]),
    {
      prefix: '/integration/v1',
    },
  );
  await app.register(unsubscribeRoutes(runtime, clock));
  await app.register(signedFileRoutes(runtime, { publicUrl: config.mail.publicUrl, clock, ...attachments }));
  const inbound =
    config.mail.inboundPort === undefined
      ? null
      : await startInboundSmtp(runtime, inboundSettings, { port: config.mail.inboundPort, host: config.host }, (message, details) =>
          app.log.warn(details, message),
        );

  if (config.webDir && fs.existsSync(config.webDir)) await serveWebApps(app, config.webDir);

  // the side effects of commits: each consumer resumes from its cursor, woken by the bus
  const links = { publicUrl: config.mail.publicUrl, clock };
  const ownConsumers = [
    webhooksConsumer(links),
    ...notificationConsumers({ clock, mail, publicUrl: config.mail.publicUrl, enabled: config.mail.notifications }),
    deletedConversationsConsumer(attachments.store),
    ...(indexer ? [searchIndexConsumer(indexer)] : []),
  ];
  const consumers = startConsumers(runtime, [...moduleConsumers, ...ownConsumers, ...(options.consumers?.extra ?? [])], {
    ...defaultConsumerOptions,
    owner: crypto.randomUUID(),
    log: (message, details) => app.log.warn(details, message),
    ...options.consumers?.options,
  });
  const stopWaking = bus.subscribe((events) => consumers.wake(events));
  // purges and the like: each on one instance at a time
  const jobRunner = startJobs(runtime, [...moduleJobs, unusedUploadsJob(attachments.store)], {
    ...defaultJobOptions,
    owner: crypto.randomUUID(),
    log: (message, details) => app.log.warn(details, message),
    ...options.jobs,
  });

  app.addHook('onClose', async () => {
    stopWaking();
    await consumers.stop();
    await jobRunner.stop();
    await webhookWorker.stop();
    await inbound?.close();
    await notifier.stop();
    await mailWorker.stop();
    if (!options.bus) await bus.close();
    await writer.close();
    await indexer?.close();
    if (!options.database) await database.close();
    log?.stop();
  });
  return { app, runtime, database, writer, bus, consumers, mail, inbound };
}
