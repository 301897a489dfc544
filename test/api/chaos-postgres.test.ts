// PostgreSQL stopped under posts (a cluster of the test's own): every request
// meanwhile answers 503 SERVICE_UNAVAILABLE with a code, within seconds, never
// 500; /readyz says not ready; once it is back, the same instance serves
// again without a restart, and a retry of each refused post with its
// Idempotency-Key stores it once: nothing acknowledged lost, nothing doubled
// or half-written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type BuiltApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { openDatabase, type Database } from '../../src/server/db/database';
import { createInMemoryEventBus } from '../../src/server/events';
import { kind, signIn, type Agent } from '../support/api';
import { chaosUnavailable, startOwnPostgres, type OwnServer } from '../support/chaos';
import { eventually } from '../support/eventually';
import { expectError } from '../support/errors';
import { newConversation, ok } from '../support/fixtures';

const unavailable = kind === 'postgres' ? chaosUnavailable('postgres') : 'PostgreSQL only';

describe.skipIf(unavailable !== undefined)('PostgreSQL stopped and started under posts [postgres]', () => {
  let pg: OwnServer;
  let database: Database;
  let built: BuiltApp;
  beforeAll(async () => {
    pg = await startOwnPostgres();
    database = openDatabase({ databaseUrl: pg.url, dataDir: '' });
    built = await buildApp(loadConfig({ LOG_LEVEL: 'silent', PARLEY_MESSAGES_PER_MINUTE: '100000' }), {
      database,
      bus: createInMemoryEventBus(),
    });
  });
  afterAll(async () => {
    await built?.app.close();
    await database?.close();
    pg?.destroy();
  });

  it('answers 503 while it is down, and serves again, without a restart, once it is back', async () => {
    const amanda: Agent = await signIn(built.app, 'amanda');
    const { conversation } = await newConversation(amanda);
    const post = (i: number) =>
      amanda.post(`/conversations/${conversation.id}/messages`, { body: `chaos ${i}` }, { 'idempotency-key': `chaos-${i}` });
    for (let i = 0; i < 10; i++) ok(await post(i), 201);

    pg.stop();
    const refused: number[] = [];
    for (let i = 10; i < 30; i++) {
      const started = Date.now();
      const res = await post(i);
      expect(Date.now() - started).toBeLessThan(5_000);
      expectError(res, 503, 'SERVICE_UNAVAILABLE');
      refused.push(i);
    }
    expectError(await built.app.inject({ method: 'GET', url: '/readyz' }), 503, 'SERVICE_UNAVAILABLE');
    const listWhileDown = await amanda.get('/conversations');
    expectError(listWhileDown, 503, 'SERVICE_UNAVAILABLE');

    await pg.start();
    await eventually(
      () => built.app.inject({ method: 'GET', url: '/readyz' }),
      (res) => res.statusCode === 200,
      'ready again',
    );
    for (const i of refused) ok(await post(i), 201);
    ok(await post(30), 201);

    const thread = ok(await amanda.get(`/conversations/${conversation.id}/messages?limit=100`));
    const bodies = (thread.items as { body: string }[]).map((m) => m.body);
    for (let i = 0; i <= 30; i++)
      expect(
        bodies.filter((b) => b === `chaos ${i}`),
        `chaos ${i}`,
      ).toHaveLength(1);
    const summary = ok(await amanda.get(`/conversations/${conversation.id}`));
    expect(summary.messagesCount).toBe(bodies.length);
  });
});
