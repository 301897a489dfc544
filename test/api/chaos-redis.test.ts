// Redis stopped during live delivery (a Redis server of the test's own): two
// instances share PostgreSQL and that Redis; while it is down, posts through
// A still succeed and are stored, and A's /readyz says not ready; the socket
// on B gets every one of them, once, and live push goes on when Redis is
// back.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { emails, kind } from '../support/api';
import { chaosUnavailable, startOwnRedis, type OwnServer } from '../support/chaos';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { eventually } from '../support/eventually';
import { firstActiveConversation, request, signInOver, wholeThread } from '../support/http-client';
import { startServer, type RunningServer } from '../support/server';
import { connectLive } from '../live/client';

const unavailable = kind !== 'postgres' ? 'PostgreSQL only' : !inject('postgres').ok ? 'no PostgreSQL' : chaosUnavailable('redis');

describe.skipIf(unavailable !== undefined)('Redis stopped and started during live delivery [postgres]', () => {
  let redis: OwnServer;
  let db: TestDatabase;
  let a: RunningServer;
  let b: RunningServer;
  beforeAll(async () => {
    redis = await startOwnRedis();
    db = await createTestDatabase('postgres');
    const env = { DATABASE_URL: db.url, REDIS_URL: redis.url };
    a = await startServer(env);
    b = await startServer(env);
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    redis?.destroy();
    await db?.drop();
  });

  it('keeps posting and storing while Redis is down; the other instance delivers every event once', async () => {
    const onA = await signInOver(a.url, '/api', emails.amanda, 'parley-demo');
    const onB = await signInOver(b.url, '/api', emails.amanda, 'parley-demo');
    const target = await firstActiveConversation(a.url, onA.headers);
    const socket = await connectLive(b.url, '/api/live', { cookie: onB.cookie, origin: b.url, resume: null });
    const post = async (body: string) => {
      const res = await request(`${a.url}/api/conversations/${target}/messages`, { method: 'POST', headers: onA.headers, body: { body } });
      expect(res.status, res.body).toBe(201);
    };
    await post('before');
    await socket.waitFor((f) => f.type === 'message.created' && f.data.message.body === 'before');

    redis.stop();
    for (let i = 0; i < 5; i++) await post(`while down ${i}`);
    const ready = await request(`${a.url}/readyz`);
    expect(ready.status).toBe(503);
    expect((JSON.parse(ready.body) as { error: { code: string } }).error.code).toBe('SERVICE_UNAVAILABLE');

    await redis.start();
    await eventually(
      () => request(`${a.url}/readyz`),
      (res) => res.status === 200,
      'ready again',
      15_000,
    );
    await post('after');
    await socket.waitFor((f) => f.type === 'message.created' && f.data.message.body === 'after', 15_000);
    await new Promise((r) => setTimeout(r, 500));
    const bodies = socket.of('message.created').map((f) => f.data.message.body as string);
    const expected = ['before', ...Array.from({ length: 5 }, (_, i) => `while down ${i}`), 'after'];
    expect(bodies).toEqual(expected);
    // and stored: B reads them from the database
    const thread = await wholeThread(b.url, onB.headers, target);
    expect(thread.map((m) => m.body).filter((body) => expected.includes(body))).toEqual(expected);
  }, 60_000);
});
