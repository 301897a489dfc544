// The real app on this run's database, listening on a free port, for suites
// that open sockets. Like describeApi (test/support/api.ts), plus: live
// limits can be lowered.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { buildApp, type BuiltApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import type { LiveLimits } from '../../src/server/realtime';
import { kind, signIn, type ActorName, type Agent } from '../support/api';
import { createTestDatabase, type TestDatabase } from '../support/databases';

export interface LiveHarness {
  app: FastifyInstance;
  built: BuiltApp;
  /** http://127.0.0.1:port */
  base: string;
  /** the actor's agent, signed in once per suite */
  as(name: ActorName): Promise<Agent>;
  /** the server's side of every open socket */
  serverSockets(): Set<WebSocket>;
  /** closes the app now (the teardown then skips it) */
  close(): Promise<void>;
}

export function describeLive(title: string, options: { limits?: Partial<LiveLimits> }, body: (h: () => LiveHarness) => void) {
  let harness: LiveHarness | undefined;
  let db: TestDatabase | undefined;
  let closed = false;
  const skip = kind === 'postgres' && !inject('postgres').ok;

  describe.skipIf(skip)(`${title} [${kind}]`, () => {
    beforeAll(async () => {
      db = await createTestDatabase(kind);
      const config = loadConfig({
        LOG_LEVEL: 'silent',
        PARLEY_SIGNIN_PER_ADDRESS: '1000',
        PARLEY_MESSAGES_PER_MINUTE: '1000000',
        PARLEY_CONVERSATIONS_PER_HOUR: '1000000',
      });
      const built = await buildApp(config, { database: db.database, live: options.limits ?? {} });
      const { app } = built;
      await app.listen({ port: 0, host: '127.0.0.1' });
      const agents = new Map<ActorName, Agent>();
      harness = {
        app,
        built,
        base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
        as: async (name) => {
          if (!agents.has(name)) agents.set(name, await signIn(app, name));
          return agents.get(name)!;
        },
        serverSockets: () => (app as unknown as { websocketServer: { clients: Set<WebSocket> } }).websocketServer.clients,
        close: async () => {
          closed = true;
          await app.close();
        },
      };
    });
    afterAll(async () => {
      if (harness && !closed) await harness.app.close();
      if (!db) return;
      await db.drop();
    });
    body(() => {
      if (!harness) throw new Error('the suite did not start');
      return harness;
    });
  });
}
