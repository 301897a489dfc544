import net from 'node:net';
import { z } from 'zod';

/** Which proxies' X-Forwarded-* headers to believe: none, the last `n` hops, or the proxies at these addresses. */
export type TrustProxy = false | number | string[];

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * Fastify's trustProxy for the setting. A hop count trusts the last `n`
 * addresses of the chain whatever they are (Fastify itself now treats a
 * number as "trust nothing"), so it suits a server that only its proxy can
 * reach; a list trusts only those addresses.
 */
export function fastifyTrustProxy(setting: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address, hop) => hop < setting : setting;
}

function isAddressOrRange(entry: string): boolean {
  if (PROXY_NAMES.includes(entry) || net.isIP(entry) !== 0) return true;
  const [ip = '', bits, ...rest] = entry.split('/');
  const family = net.isIP(ip);
  return family !== 0 && rest.length === 0 && /^\d{1,3}$/.test(bits ?? '') && Number(bits) <= (family === 4 ? 32 : 128);
}

const TrustProxySetting = z
  .string()
  .refine(
    (v) => v === 'off' || /^[1-9]\d?$/.test(v) || v.split(',').every((e) => isAddressOrRange(e.trim())),
    'Use off, a hop count (1-99), or a comma-separated list of proxy addresses and CIDR ranges (10.0.0.0/8, 127.0.0.1, loopback).',
  )
  .transform((v): TrustProxy => (v === 'off' ? false : /^\d+$/.test(v) ? Number(v) : v.split(',').map((e) => e.trim())));

// A CSP source list: 'none', 'self', schemes (https:) and hosts (https://*.shop.example:443); never ; or , (they would end the directive)
const FRAME_SOURCE = /^('self'|https?:|(https?:\/\/)?(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:(\d{1,5}|\*))?)$/i;
const FrameAncestors = z
  .string()
  .transform((v) => v.trim().split(/\s+/))
  .refine(
    (sources) => (sources.length === 1 && sources[0] === "'none'") || sources.every((s) => FRAME_SOURCE.test(s)),
    "Use 'none', or the space-separated origins allowed to embed Parley ('self' https://shop.example.com).",
  );

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PARLEY_DATA_DIR: z.string().default('./data'),
  /** postgres://… for PostgreSQL; empty (or file:path) for SQLite under PARLEY_DATA_DIR */
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
  PARLEY_SEED: z.enum(['demo', 'none']).default('demo'),
  /** mark cookies Secure (set it when serving over HTTPS); also turns on HSTS */
  PARLEY_SECURE_COOKIES: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** SQLite: run the hot writes (posting a message) on a thread of their own; `off` keeps them on the event loop */
  PARLEY_WRITE_THREAD: z.enum(['on', 'off']).default('on'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** failed sign-ins allowed per address per minute, and per email from one address in 15 minutes */
  PARLEY_SIGNIN_PER_ADDRESS: z.coerce.number().int().min(1).default(60),
  PARLEY_SIGNIN_PER_EMAIL: z.coerce.number().int().min(1).default(10),
  /** failed sign-ins for one email, from anywhere, in 15 minutes before each attempt for it is slowed down */
  PARLEY_SIGNIN_SLOWDOWN_AFTER: z.coerce.number().int().min(1).default(5),
  PARLEY_TRUST_PROXY: TrustProxySetting.default(false),
  PARLEY_FRAME_ANCESTORS: FrameAncestors.default(["'none'"]),
  /** requests per service token per minute on /integration/v1 */
  PARLEY_INTEGRATION_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  /** webhooks may go to private, loopback and link-local addresses (a receiver on the same network) */
  PARLEY_WEBHOOKS_ALLOW_PRIVATE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** one webhook attempt, from connecting to the end of the answer */
  PARLEY_WEBHOOKS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** how customer users sign in to the storefront: their password, the store's handoff (GET /sso), or either */
  PARLEY_STOREFRONT_SIGNIN: z.enum(['password', 'handoff', 'both']).default('both'),
  /** on SIGTERM/SIGINT: how long in-flight requests and writes may take before the process exits anyway */
  PARLEY_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** per signed-in person (service tokens have PARLEY_INTEGRATION_RATE_LIMIT) */
  PARLEY_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  PARLEY_CONVERSATIONS_PER_HOUR: z.coerce.number().int().min(1).default(60),
  /** GET /metrics answers a scraper sending this as a bearer token; unset: no /metrics */
  PARLEY_METRICS_TOKEN: z.string().min(16, 'Use at least 16 characters.').optional(),
  /** mail: smtp(s)://user:pass@host:port to send through; empty keeps every mail in the back-office's outbox */
  PARLEY_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'Use smtp://user:pass@host:587 (STARTTLS) or smtps://… (TLS).')
    .optional(),
  PARLEY_MAIL_FROM: z.string().default('Parley <parley@localhost>'),
  /** the domain of reply addresses (reply+token@…) and Message-IDs; the From address's by default */
  PARLEY_MAIL_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+$/i, 'Use a domain name such as mail.example.com.')
    .optional(),
  /** where people open Parley: the links in mails */
  PARLEY_PUBLIC_URL: z.url().default('http://localhost:3000'),
  PARLEY_NOTIFY_DELAY_S: z.coerce.number().int().min(0).max(86_400).default(120),
  /** off: no notification, change or digest mails (for a store that mails its customers itself); password and invitation mails still go */
  PARLEY_NOTIFICATIONS: z.enum(['on', 'off']).default('on'),
  /** the UTC hour from which each day's digest goes out */
  PARLEY_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  /** the SMTP listener for replies by email; off unless set */
  PARLEY_SMTP_INBOUND_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** customer users may add colleagues to a conversation */
  PARLEY_STOREFRONT_PARTICIPANTS: z.enum(['on', 'off']).default('on'),
  // attachments: the largest file, the types allowed (found from the content), and an S3-compatible store instead of the disk
  PARLEY_ATTACHMENT_MAX_MB: z.coerce.number().int().min(1).max(2000).default(25),
  PARLEY_ATTACHMENT_TYPES: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((t) => t.trim().toLowerCase())
        .filter((t) => t !== ''),
    )
    .refine(
      (types) => types.length > 0 && types.every((t) => /^[a-z0-9.+-]+\/([a-z0-9.+-]+|\*)$/.test(t)),
      'Use a comma-separated list of content types (image/png, application/pdf) or families (image/*).',
    )
    .optional(),
  PARLEY_S3_URL: z
    .url()
    .regex(/^https?:\/\/[^/]+\/[^/?]+/, 'Use https://KEY:SECRET@endpoint/bucket?region=eu-west-1.')
    .optional(),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  seed: 'demo' | 'none';
  secureCookies: boolean;
  writeThread: boolean;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  signIn: { perAddress: number; perEmail: number; slowdownAfter: number };
  trustProxy: TrustProxy;
  /** the CSP frame-ancestors sources: who may embed Parley in a frame */
  frameAncestors: string[];
  integrationRateLimit: number;
  webhooks: { allowPrivate: boolean; timeoutMs: number };
  storefrontSignIn: 'password' | 'handoff' | 'both';
  shutdownTimeoutMs: number;
  metricsToken: string | undefined;
  writeLimits: { messagesPerMinute: number; conversationsPerHour: number };
  mail: MailConfig;
  storefrontParticipants: boolean;
  /** types: undefined for the default allowlist; s3Url: undefined keeps files under dataDir/attachments */
  attachments: { maxBytes: number; types: string[] | undefined; s3Url: string | undefined };
  /** where the built web apps are; absent when not served */
  webDir?: string | undefined;
};

export interface MailConfig {
  smtpUrl: string | undefined;
  from: string;
  domain: string;
  publicUrl: string;
  notifyDelayS: number;
  /** notification, change and digest mails (PARLEY_NOTIFICATIONS) */
  notifications: boolean;
  digestHourUtc: number;
  inboundPort: number | undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.PARLEY_DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    seed: e.PARLEY_SEED,
    secureCookies: e.PARLEY_SECURE_COOKIES,
    writeThread: e.PARLEY_WRITE_THREAD === 'on',
    logLevel: e.LOG_LEVEL,
    signIn: { perAddress: e.PARLEY_SIGNIN_PER_ADDRESS, perEmail: e.PARLEY_SIGNIN_PER_EMAIL, slowdownAfter: e.PARLEY_SIGNIN_SLOWDOWN_AFTER },
    trustProxy: e.PARLEY_TRUST_PROXY,
    frameAncestors: e.PARLEY_FRAME_ANCESTORS,
    integrationRateLimit: e.PARLEY_INTEGRATION_RATE_LIMIT,
    webhooks: { allowPrivate: e.PARLEY_WEBHOOKS_ALLOW_PRIVATE, timeoutMs: e.PARLEY_WEBHOOKS_TIMEOUT_MS },
    storefrontSignIn: e.PARLEY_STOREFRONT_SIGNIN,
    shutdownTimeoutMs: e.PARLEY_SHUTDOWN_TIMEOUT_MS,
    metricsToken: e.PARLEY_METRICS_TOKEN,
    writeLimits: { messagesPerMinute: e.PARLEY_MESSAGES_PER_MINUTE, conversationsPerHour: e.PARLEY_CONVERSATIONS_PER_HOUR },
    mail: {
      smtpUrl: e.PARLEY_SMTP_URL,
      from: e.PARLEY_MAIL_FROM,
      domain: e.PARLEY_MAIL_DOMAIN ?? /@([^>\s]+)>?\s*$/.exec(e.PARLEY_MAIL_FROM)?.[1] ?? 'localhost',
      publicUrl: e.PARLEY_PUBLIC_URL.replace(/\/+$/, ''),
      notifyDelayS: e.PARLEY_NOTIFY_DELAY_S,
      notifications: e.PARLEY_NOTIFICATIONS === 'on',
      digestHourUtc: e.PARLEY_DIGEST_HOUR,
      inboundPort: e.PARLEY_SMTP_INBOUND_PORT,
    },
    storefrontParticipants: e.PARLEY_STOREFRONT_PARTICIPANTS === 'on',
    attachments: { maxBytes: e.PARLEY_ATTACHMENT_MAX_MB * 1_048_576, types: e.PARLEY_ATTACHMENT_TYPES, s3Url: e.PARLEY_S3_URL },
  };
}
