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
  /** failed sign-ins allowed per address per minute, and per email from one address in 15 minutes */
  PARLEY_SIGNIN_PER_ADDRESS: z.coerce.number().int().min(1).default(60),
  PARLEY_SIGNIN_PER_EMAIL: z.coerce.number().int().min(1).default(10),
  /** failed sign-ins for one email, from anywhere, in 15 minutes before each attempt for it is slowed down */
  PARLEY_SIGNIN_SLOWDOWN_AFTER: z.coerce.number().int().min(1).default(5),
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
    signIn: { perAddress: e.PARLEY_SIGNIN_PER_ADDRESS, perEmail: e.PARLEY_SIGNIN_PER_EMAIL, slowdownAfter: e.PARLEY_SIGNIN_SLOWDOWN_AFTER },
  };
}
