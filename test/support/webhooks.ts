// The webhook suites' harness: the real app on this run's database with a
// clock the test moves and a quick worker, a real receiver on 127.0.0.1
// (PARLEY_WEBHOOKS_ALLOW_PRIVATE=true, since it is on loopback), and the
// steps every webhook test takes through the back-office API.
import { afterAll, beforeAll, describe, inject } from 'vitest';
import type { WebhookDelivery, WebhookEndpoint, WebhookSecret } from '../../src/shared/webhooks';
import { buildApp, type BuiltApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { kind, signIn, type ActorName, type Agent } from './api';
import { testClock } from './clock';
import { createTestDatabase, type TestDatabase } from './databases';
import { eventually } from './eventually';
import { ok, unique } from './fixtures';
import { startReceiver, type Receiver } from './webhook-receiver';

export interface WebhookHarness {
  built: BuiltApp;
  as(name: ActorName): Promise<Agent>;
  clock: ReturnType<typeof testClock>;
  receiver: Receiver;
}

export function describeWebhooks(title: string, env: Record<string, string>, body: (h: () => WebhookHarness) => void) {
  let harness: WebhookHarness | undefined;
  let db: TestDatabase | undefined;
  const skip = kind === 'postgres' && !inject('postgres').ok;

  describe.skipIf(skip)(`${title} [${kind}]`, () => {
    beforeAll(async () => {
      db = await createTestDatabase(kind);
      const clock = testClock();
      const config = loadConfig({
        LOG_LEVEL: 'silent',
        PARLEY_SIGNIN_PER_ADDRESS: '1000',
        PARLEY_MESSAGES_PER_MINUTE: '1000000',
        PARLEY_CONVERSATIONS_PER_HOUR: '1000000',
        ...env,
      });
      const built = await buildApp(config, { database: db.database, clock, webhooks: { pollMs: 20 } });
      const agents = new Map<ActorName, Agent>();
      harness = {
        built,
        clock,
        receiver: await startReceiver(),
        as: async (name) => {
          if (!agents.has(name)) agents.set(name, await signIn(built.app, name));
          return agents.get(name)!;
        },
      };
    });
    afterAll(async () => {
      await harness?.receiver.close();
      await harness?.built.app.close();
      await db?.drop();
    });
    body(() => {
      if (!harness) throw new Error('the suite did not start');
      return harness;
    });
  });
}

/** A new endpoint for a path of the receiver of its own, with its secret. */
export async function newEndpoint(admin: Agent, receiver: Receiver, eventTypes: string[], extra: Record<string, unknown> = {}) {
  const path = unique('hook').replace(' ', '-');
  const endpoint: WebhookEndpoint = ok(await admin.post('/webhooks', { url: receiver.url(path), eventTypes, ...extra }), 201);
  const { secret }: WebhookSecret = ok(await admin.get(`/webhooks/${endpoint.id}/secret`));
  return { endpoint, secret, path };
}

export async function deliveryLog(admin: Agent, endpointId: number): Promise<WebhookDelivery[]> {
  return ok<{ items: WebhookDelivery[] }>(await admin.get(`/webhooks/${endpointId}/deliveries?limit=100`)).items;
}

/** Reads the endpoint's log until `ok` holds of it. */
export const logUntil = (admin: Agent, endpointId: number, ok: (log: WebhookDelivery[]) => boolean, what: string) =>
  eventually(() => deliveryLog(admin, endpointId), ok, what);
