// Graceful shutdown of the built server (as `npm start` runs it): SIGTERM with
// posts in flight and a live socket open. Every request the server took is
// answered, everything answered 201 is stored, nothing was written without an
// answer, the socket closes with 1001 and the process exits 0 in time.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kind, emails } from '../support/api';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { firstActiveConversation, request, signInOver, wholeThread, type Answer } from '../support/http-client';
import { startServer } from '../support/server';
import { connectLive } from '../live/client';

const POSTS = 300;
const CONNECTIONS = 20;

describe(`graceful shutdown [${kind}]`, () => {
  let db: TestDatabase | undefined;
  let env: Record<string, string> = {};
  beforeAll(async () => {
    if (kind === 'postgres') {
      db = await createTestDatabase('postgres');
      env = { DATABASE_URL: db.url };
    }
  });
  afterAll(async () => db?.drop());

  it('answers what is in flight, stores what it acknowledged, closes sockets with 1001 and exits 0', async () => {
    const server = await startServer(env);
    const dataDir = server.dataDir;
    let again: Awaited<ReturnType<typeof startServer>> | undefined;
    try {
      const amanda = await signInOver(server.url, '/api', emails.amanda, 'parley-demo');
      const target = await firstActiveConversation(server.url, amanda.headers);
      const live = await connectLive(server.url, '/api/live', { cookie: amanda.cookie, origin: server.url, resume: null });

      // CONNECTIONS requests at a time on kept-alive connections; the rest wait for one
      const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
      const post = (i: number) =>
        request(`${server.url}/api/conversations/${target}/messages`, {
          method: 'POST',
          agent,
          headers: { ...amanda.headers, 'idempotency-key': `shutdown-${i}` },
          body: { body: `in flight ${i}` },
        });
      let acknowledged = 0;
      let signalled: number | undefined;
      const exited = new Promise<number | null>((resolve) => server.process.once('exit', (code) => resolve(code)));
      const outcomes = await Promise.all(
        Array.from({ length: POSTS }, (_, i) =>
          post(i).then(
            (answer): Answer | Error => {
              // once the pool is busy, every connection has a request in flight
              if (answer.status === 201 && ++acknowledged === CONNECTIONS) {
                signalled = Date.now();
                server.process.kill('SIGTERM');
              }
              return answer;
            },
            (error: Error) => error,
          ),
        ),
      );
      const exitCode = await exited;
      const tookMs = Date.now() - signalled!;
      agent.destroy();

      expect(exitCode, server.output()).toBe(0);
      expect(tookMs).toBeLessThan(5_000);
      expect(await live.closed).toEqual({ code: 1001, reason: 'The server is shutting down; reconnect.' });

      const answered = outcomes.filter((o): o is Answer => !(o instanceof Error));
      const created = answered.filter((a) => a.status === 201);
      const turnedAway = answered.filter((a) => a.status !== 201);
      // a request that reached a route after the close began is refused in the error shape; none fails
      for (const a of turnedAway) {
        expect(a.status).toBe(503);
        expect((JSON.parse(a.body) as { error: { code: string } }).error.code).toBe('SERVICE_UNAVAILABLE');
      }
      // the rest never reached the server: refused connections (the listener is closed)
      const failed = outcomes.filter((o): o is Error => o instanceof Error);
      for (const e of failed) expect((e as NodeJS.ErrnoException).code).toMatch(/^(ECONNREFUSED|ECONNRESET)$/);
      expect(created.length).toBeGreaterThanOrEqual(CONNECTIONS);

      // the same data again: every acknowledged message is there, and a retry of each
      // request that got no 201 with its key creates it now (none was written unanswered)
      again = await startServer(env, { dataDir });
      const amanda2 = await signInOver(again.url, '/api', emails.amanda, 'parley-demo');
      const ackIds = created.map((a) => (JSON.parse(a.body) as { id: number }).id);
      const unanswered = [...outcomes.keys()].filter((i) => {
        const o = outcomes[i]!;
        return o instanceof Error || o.status !== 201;
      });
      const retried = await Promise.all(
        unanswered.map((i) =>
          request(`${again!.url}/api/conversations/${target}/messages`, {
            method: 'POST',
            headers: { ...amanda2.headers, 'idempotency-key': `shutdown-${i}` },
            body: { body: `in flight ${i}` },
          }),
        ),
      );
      for (const r of retried) {
        expect(r.status).toBe(201);
        expect(r.headers['idempotent-replayed']).toBeUndefined();
      }
      const thread = await wholeThread(again.url, amanda2.headers, target);
      const bodies = thread.map((m) => m.body);
      const ids = new Set(thread.map((m) => m.id));
      for (const id of ackIds) expect(ids.has(id)).toBe(true);
      for (let i = 0; i < POSTS; i++) expect(bodies.filter((b) => b === `in flight ${i}`)).toHaveLength(1);
    } finally {
      await again?.stop();
      await server.stop();
    }
  }, 90_000);
});
