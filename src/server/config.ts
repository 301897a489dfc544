import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PARLEY_DATA_DIR: z.string().default('./data'),
  /** postgres://… for PostgreSQL; empty (or file:path) for SQLite under PARLEY_DATA_DIR */
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
  PARLEY_SEED: z.enum(['demo', 'none']).default('demo'),
  /** mark cookies Secure (set it when serving over HTTPS) */
  PARLEY_SECURE_COOKIES: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** SQLite: run the hot writes (posting a message) on a thread of their own; `off` keeps them on the event loop */
  PARLEY_WRITE_THREAD: z.enum(['on', 'off']).default('on'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** sign-in attempts allowed per email in 15 minutes, and per address per minute */
  PARLEY_SIGNIN_PER_EMAIL: z.coerce.number().int().min(1).default(10),
  PARLEY_SIGNIN_PER_ADDRESS: z.coerce.number().int().min(1).default(60),
  /** webhooks may go to private, loopback and link-local addresses (a receiver on the same network) */
  PARLEY_WEBHOOKS_ALLOW_PRIVATE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** one webhook attempt, from connecting to the end of the answer */
  PARLEY_WEBHOOKS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
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
  signInPerEmail: number;
  signInPerAddress: number;
  webhooks: { allowPrivate: boolean; timeoutMs: number };
  /** where the built web apps are; absent when not served */
  webDir?: string | undefined;
};

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
    signInPerEmail: e.PARLEY_SIGNIN_PER_EMAIL,
    signInPerAddress: e.PARLEY_SIGNIN_PER_ADDRESS,
    webhooks: { allowPrivate: e.PARLEY_WEBHOOKS_ALLOW_PRIVATE, timeoutMs: e.PARLEY_WEBHOOKS_TIMEOUT_MS },
  };
}
