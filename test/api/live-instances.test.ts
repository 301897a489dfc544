// Many instances: two server processes share one PostgreSQL database and
// Redis; a socket on one receives what was posted through the other, once,
// and either keeps serving when the other stops. Runs in the PostgreSQL
// project only (one pair of processes is enough), against the built server.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo';
import { emails, kind, type ActorName } from '../support/api';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { REDIS_URL } from '../support/global-setup';
import { startServer, type RunningServer } from '../support/server';
import { connectLive } from '../live/client';

interface HttpAgent {
  cookie: string;
  csrf: string;
  base: string;
}

async function signInOver(server: RunningServer, name: ActorName, side: '/api' | '/admin/api'): Promise<HttpAgent> {
  const res = await fetch(`${server.url}${side}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: emails[name], password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken, base: `${server.url}${side}` };
}

const call = (a: HttpAgent, method: string, path: string, body?: unknown) =>
  fetch(`${a.base}${path}`, {
    method,
    headers: { cookie: a.cookie, 'x-csrf-token': a.csrf, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

/** Polls until the session is refused with 401 UNAUTHENTICATED; fails if that takes longer than `ms`. */
async function refusedWithin(agent: HttpAgent, ms: number) {
  const started = Date.now();
  for (;;) {
    const res = await call(agent, 'GET', '/unread');
    if (res.status === 401) {
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
      return;
    }
    expect(res.status).toBe(200);
    if (Date.now() - started > ms) throw new Error(`the session was still honoured after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const skip = kind !== 'postgres' || !inject('postgres').ok || !inject('redis').ok;

describe.skipIf(skip)('live push across instances (PostgreSQL + Redis)', () => {
  let db: TestDatabase;
  let a: RunningServer;
  let b: RunningServer;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    const env = { DATABASE_URL: db.url, REDIS_URL, PARLEY_SEED: 'demo' };
    // one after the other: the first migrates and seeds, the second finds it done
    a = await startServer(env);
    b = await startServer(env);
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await db?.drop();
  });

  it('delivers within a second, once, what was posted through the other instance; typing and sign-out cross too; one keeps serving when the other stops', async () => {
    const amandaOnA = await signInOver(a, 'amanda', '/api');
    const charlieOnB = await signInOver(b, 'charlie', '/admin/api');
    const conversations = (await (await call(amandaOnA, 'GET', '/conversations')).json()) as { items: { id: number; name: string }[] };
    const id = conversations.items.find((c) => c.name === 'Order SO-1001')!.id;

    const amandaSocket = await connectLive(a.url, '/api/live', { cookie: amandaOnA.cookie });
    const charlieSocket = await connectLive(b.url, '/admin/api/live', { cookie: charlieOnB.cookie });

    const sentAt = Date.now();
    expect((await call(charlieOnB, 'POST', `/conversations/${id}/messages`, { body: 'through B' })).status).toBe(201);
    await amandaSocket.waitFor((f) => f.type === 'message.created' && f.data.message.body === 'through B', 1000);
    expect(Date.now() - sentAt).toBeLessThan(1000);

    // and the other way round
    expect((await call(amandaOnA, 'POST', `/conversations/${id}/messages`, { body: 'through A' })).status).toBe(201);
    await charlieSocket.waitFor((f) => f.type === 'message.created' && f.data.message.body === 'through A', 1000);
    // the unread badge follows across instances too
    await charlieSocket.waitFor((f) => f.type === 'unread.changed' && f.conversations?.some((c: { id: number }) => c.id === id), 1000);

    await new Promise((r) => setTimeout(r, 300));
    for (const socket of [amandaSocket, charlieSocket]) {
      const bodies = socket.of('message.created').map((f) => f.data.message.body);
      expect(bodies).toEqual(['through B', 'through A']);
    }

    // typing and sign-out are signals, not stored events: they cross instances too
    charlieSocket.send({ type: 'typing', conversationId: id });
    const typing = await amandaSocket.waitFor((f) => f.type === 'typing', 1000);
    expect(typing.user).toMatchObject({ kind: 'backoffice_user', name: 'Charlie Sheen' });
    const leaving = await signInOver(b, 'amanda', '/api');
    const leavingSocket = await connectLive(a.url, '/api/live', { cookie: leaving.cookie });
    expect((await call(leaving, 'DELETE', '/session')).status).toBe(204);
    expect((await leavingSocket.closed).code).toBe(4401);

    // a session ended on one instance is refused on the other at once, not after its cache's 5 s
    const signingOut = await signInOver(a, 'marlene', '/api');
    const marleneOnB = { ...signingOut, base: `${b.url}/api` };
    expect((await call(marleneOnB, 'GET', '/unread')).status).toBe(200);
    expect((await call(signingOut, 'DELETE', '/session')).status).toBe(204);
    await refusedWithin(marleneOnB, 1000);

    // and so is a deleted customer user's session
    const john = await signInOver(a, 'john', '/admin/api');
    const ruth = await signInOver(a, 'ruth', '/api');
    const ruthOnB = { ...ruth, base: `${b.url}/api` };
    expect((await call(ruthOnB, 'GET', '/unread')).status).toBe(200);
    const found = (await (await call(john, 'GET', '/customer-users?q=ruth')).json()) as { items: { id: number; email: string }[] };
    const ruthId = found.items.find((u) => u.email === emails.ruth)!.id;
    expect((await call(john, 'DELETE', `/customer-users/${ruthId}`)).status).toBe(204);
    await refusedWithin(ruthOnB, 1000);

    // B stops: A keeps serving its sockets and its requests
    await charlieSocket.close();
    await b.stop();
    expect((await call(amandaOnA, 'POST', `/conversations/${id}/messages`, { body: 'B is gone' })).status).toBe(201);
    await amandaSocket.waitFor((f) => f.type === 'message.created' && f.data.message.body === 'B is gone', 1000);
    const again = await connectLive(a.url, '/api/live', { cookie: amandaOnA.cookie, resume: amandaSocket.of('ready')[0]!.lastEventId });
    expect(again.of('message.created').map((f) => f.data.message.body)).toEqual(['through B', 'through A', 'B is gone']);
    await again.close();
    await amandaSocket.close();
  });
});
