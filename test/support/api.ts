// The real app on a real database, and the SPEC's actors signed in to it.
import { afterAll, beforeAll, describe, inject } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type BuildOptions, type BuiltApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { DEMO_PASSWORD } from '../../src/server/seed/demo';
import { createTestDatabase, type TestDatabase } from './databases';

export const kind = (process.env.PARLEY_TEST_DB ?? 'sqlite') as 'sqlite' | 'postgres';

export const emails = {
  amanda: 'amanda@acme.example',
  marlene: 'marlene@acme.example',
  ruth: 'ruth@acmewest.example',
  nancy: 'nancy@globex.example',
  john: 'john@parley.example',
  charlie: 'charlie@parley.example',
} as const;
export type ActorName = keyof typeof emails;
export const storefrontActors: ActorName[] = ['amanda', 'marlene', 'ruth', 'nancy'];
export const backofficeActors: ActorName[] = ['john', 'charlie'];

export interface Agent {
  name: ActorName | 'anonymous';
  base: '/api' | '/admin/api';
  cookie: string;
  csrf: string;
  request(method: string, url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export interface Harness {
  built: BuiltApp;
  app: FastifyInstance;
  as(name: ActorName): Promise<Agent>;
  anonymous(base: '/api' | '/admin/api'): Agent;
}

function agent(app: FastifyInstance, name: Agent['name'], base: Agent['base'], cookie: string, csrf: string): Agent {
  const request = (method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: method as 'GET',
      url: `${base}${url}`,
      headers: { ...(cookie ? { cookie } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}), ...headers },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  return {
    name,
    base,
    cookie,
    csrf,
    request,
    get: (url) => request('GET', url),
    post: (url, payload, headers) => request('POST', url, payload ?? {}, headers),
  };
}

export async function signIn(app: FastifyInstance, name: ActorName): Promise<Agent> {
  const base = backofficeActors.includes(name) ? '/admin/api' : '/api';
  const res = await app.inject({ method: 'POST', url: `${base}/session`, payload: { email: emails[name], password: DEMO_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${name} failed: ${res.statusCode} ${res.body}`);
  const c = res.cookies[0]!;
  return agent(app, name, base, `${c.name}=${c.value}`, res.json().csrfToken);
}

/**
 * Declares a suite against the real app on this run's database (PARLEY_TEST_DB),
 * seeded with the demo data. On PostgreSQL it skips when no server answers
 * (global-setup prints why), except where services are required (CI): there
 * the run fails before any test. `env` adds to (or overrides) the app's configuration, `build` to its build options.
 */
export function describeApi(
  title: string,
  body: (h: () => Harness) => void,
  options: { env?: Record<string, string>; build?: Omit<BuildOptions, 'database'> } = {},
) {
  let harness: Harness | undefined;
  let db: TestDatabase | undefined;
  const skip = kind === 'postgres' && !inject('postgres').ok;

  describe.skipIf(skip)(`${title} [${kind}]`, () => {
    beforeAll(async () => {
      db = await createTestDatabase(kind);
      const config = loadConfig({
        LOG_LEVEL: 'silent',
        PARLEY_SIGNIN_PER_ADDRESS: '1000',
        PARLEY_MESSAGES_PER_MINUTE: '1000000',
        PARLEY_CONVERSATIONS_PER_HOUR: '1000000',
        ...options.env,
      });
      const built = await buildApp(config, { ...options.build, database: db.database });
      const agents = new Map<ActorName, Agent>();
      harness = {
        built,
        app: built.app,
        as: async (name) => {
          if (!agents.has(name)) agents.set(name, await signIn(built.app, name));
          return agents.get(name)!;
        },
        anonymous: (base) => agent(built.app, 'anonymous', base, '', ''),
      };
    });
    afterAll(async () => {
      await harness?.app.close();
      await db?.drop();
    });
    body(() => {
      if (!harness) throw new Error('the suite did not start');
      return harness;
    });
  });
}
