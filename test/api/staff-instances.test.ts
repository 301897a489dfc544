// Deactivating a back-office user on one instance ends their session and
// closes their live socket on another at once (PostgreSQL + Redis, two
// server processes of the built server, like live-instances.test.ts).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/seed/demo';
import { emails, kind } from '../support/api';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { REDIS_URL } from '../support/global-setup';
import { startServer, type RunningServer } from '../support/server';
import { connectLive } from '../live/client';

interface HttpAgent {
  cookie: string;
  csrf: string;
  base: string;
}

async function signIn(base: string, email: string, password: string): Promise<HttpAgent> {
  const res = await fetch(`${base}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(res.status).toBe(200);
  return { cookie: res.headers.getSetCookie()[0]!.split(';')[0]!, csrf: ((await res.json()) as { csrfToken: string }).csrfToken, base };
}

const call = (a: HttpAgent, method: string, path: string, body?: unknown) =>
  fetch(`${a.base}${path}`, {
    method,
    headers: { cookie: a.cookie, 'x-csrf-token': a.csrf, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

const skip = kind !== 'postgres' || !inject('postgres').ok || !inject('redis').ok;

describe.skipIf(skip)('deactivating a staff user across instances (PostgreSQL + Redis)', () => {
  let db: TestDatabase;
  let a: RunningServer;
  let b: RunningServer;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    const env = { DATABASE_URL: db.url, REDIS_URL, PARLEY_SEED: 'demo' };
    a = await startServer(env);
    b = await startServer(env);
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await db?.drop();
  });

  it('ends their session and closes their socket on the other instance within a second', async () => {
    const john = await signIn(`${a.url}/admin/api`, emails.john, DEMO_PASSWORD);
    const invited = await call(john, 'POST', '/staff', {
      email: 'sam@parley.example',
      firstName: 'Sam',
      lastName: 'Jones',
      role: 'sales_manager',
    });
    expect(invited.status).toBe(201);
    const { user, link } = (await invited.json()) as { user: { id: number }; link: { url: string } };
    const token = new URL(link.url, a.url).searchParams.get('token');
    const set = await fetch(`${a.url}/admin/api/password/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, password: 'sams-own-password' }),
    });
    expect(set.status).toBe(204);

    const samOnB = await signIn(`${b.url}/admin/api`, 'sam@parley.example', 'sams-own-password');
    const socket = await connectLive(b.url, '/admin/api/live', { cookie: samOnB.cookie });
    expect((await call(samOnB, 'GET', '/session')).status).toBe(200);

    const at = Date.now();
    expect((await call(john, 'PATCH', `/staff/${user.id}`, { active: false })).status).toBe(200);
    expect((await socket.closed).code).toBe(4401);
    const refused = await call(samOnB, 'GET', '/session');
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    expect(Date.now() - at).toBeLessThan(1000);
  });
});
