// Deactivating a back-office user on one instance ends their session and
// closes their live socket on another at once (PostgreSQL + Redis, two
// server processes of the built server, like live-instances.test.ts), and
// so does the store deactivating them through the sync API.
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

  /** A staff member John invites on A, with their own password set. */
  async function invited(john: HttpAgent, email: string) {
    const made = await call(john, 'POST', '/staff', { email, firstName: 'Sam', lastName: 'Jones', role: 'sales_manager' });
    expect(made.status).toBe(201);
    const { user, link } = (await made.json()) as { user: { id: number }; link: { url: string } };
    const token = new URL(link.url, a.url).searchParams.get('token');
    const set = await fetch(`${a.url}/admin/api/password/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, password: 'sams-own-password' }),
    });
    expect(set.status).toBe(204);
    return user;
  }

  /** Signs them in on B with a live socket, deactivates them on A by `deactivate`, and sees both end on B within a second. */
  async function endsOnB(email: string, deactivate: () => Promise<Response>) {
    const onB = await signIn(`${b.url}/admin/api`, email, 'sams-own-password');
    const socket = await connectLive(b.url, '/admin/api/live', { cookie: onB.cookie });
    expect((await call(onB, 'GET', '/session')).status).toBe(200);
    const at = Date.now();
    expect((await deactivate()).status).toBe(200);
    expect((await socket.closed).code).toBe(4401);
    const refused = await call(onB, 'GET', '/session');
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    expect(Date.now() - at).toBeLessThan(1000);
  }

  it('ends their session and closes their socket on the other instance within a second', async () => {
    const john = await signIn(`${a.url}/admin/api`, emails.john, DEMO_PASSWORD);
    const user = await invited(john, 'sam@parley.example');
    await endsOnB('sam@parley.example', () => call(john, 'PATCH', `/staff/${user.id}`, { active: false }));
  });

  it('does the same when the store deactivates them through the sync API', async () => {
    const john = await signIn(`${a.url}/admin/api`, emails.john, DEMO_PASSWORD);
    await invited(john, 'pat@parley.example');
    const made = await call(john, 'POST', '/integrations/tokens', { label: 'Store', scopes: ['directory:write'] });
    const { secret } = (await made.json()) as { secret: string };
    await endsOnB('pat@parley.example', () =>
      fetch(`${a.url}/integration/v1/backoffice-users/pat-1`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'pat@parley.example', firstName: 'Pat', lastName: 'Jones', role: 'sales_manager', active: false }),
      }),
    );
  });
});
