// The operator's probes: /healthz (the process answers) and /readyz (the
// database and, when configured, Redis answer), public and documented.
import { describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { createInMemoryEventBus } from '../../src/server/events';
import { describeApi, kind } from '../support/api';
import { createTestDatabase } from '../support/databases';
import { expectError } from '../support/errors';
import { REDIS_URL } from '../support/global-setup';

describeApi('health and readiness', (h) => {
  it('answers /healthz and /readyz to anyone, and documents both', async () => {
    const health = await h().app.inject({ method: 'GET', url: '/healthz' });
    expect({ status: health.statusCode, body: health.json() }).toEqual({ status: 200, body: { status: 'ok' } });
    const ready = await h().app.inject({ method: 'GET', url: '/readyz' });
    expect({ status: ready.statusCode, body: ready.json() }).toEqual({
      status: 200,
      body: { status: 'ready', database: 'ok', redis: 'not configured' },
    });
    const paths = (await h().app.inject({ method: 'GET', url: '/api/docs/json' })).json().paths;
    expect(Object.keys(paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz']));
    expect(Object.keys(paths['/readyz'].get.responses)).toEqual(['200', '503']);
  });
});

/** An app on a fresh database of this run's kind, the bus in memory whatever REDIS_URL says. */
async function appWith(env: Record<string, string>) {
  const db = await createTestDatabase(kind);
  const built = await buildApp(loadConfig({ LOG_LEVEL: 'silent', PARLEY_SEED: 'none', ...env }), {
    database: db.database,
    bus: createInMemoryEventBus(),
  });
  return { db, app: built.app };
}

describe.skipIf(kind === 'postgres' && !inject('postgres').ok)(`readiness when something is down [${kind}]`, () => {
  it('answers 503 SERVICE_UNAVAILABLE, within seconds, when Redis does not answer', async () => {
    const { db, app } = await appWith({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const started = Date.now();
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      expectError(res, 503, 'SERVICE_UNAVAILABLE');
      expect(res.json().error.message).toBe('Not ready: Redis did not answer.');
      expect(Date.now() - started).toBeLessThan(5_000);
      // the process itself still answers
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await db.drop();
    }
  });

  it('answers 503 SERVICE_UNAVAILABLE when the database does not answer', async () => {
    const { db, app } = await appWith({});
    try {
      expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
      await db.database.close();
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      expectError(res, 503, 'SERVICE_UNAVAILABLE');
      expect(res.json().error.message).toBe('Not ready: the database did not answer.');
    } finally {
      await app.close();
      await db.drop().catch(() => undefined);
    }
  });

  it.skipIf(!inject('redis').ok)('says Redis is ok when it answers', async () => {
    const { db, app } = await appWith({ REDIS_URL });
    try {
      expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready', database: 'ok', redis: 'ok' });
    } finally {
      await app.close();
      await db.drop();
    }
  });
});
