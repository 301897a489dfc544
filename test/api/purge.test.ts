// Defect 14: expired sessions and password links, and day-old Idempotency-Keys are purged by a
// periodic job, a bounded number per run, on one instance at a time; and
// every demo account has its own salt.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp, type BuiltApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { createInMemoryEventBus, jobRuns } from '../../src/server/events';
import { claimJobRun } from '../../src/server/events/jobs';
import { systemActor } from '../../src/server/kernel/actor';
import { kind, signIn } from '../support/api';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { eventually } from '../support/eventually';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

describe.skipIf(kind === 'postgres' && !inject('postgres').ok)(`purging expired rows [${kind}]`, () => {
  let db: TestDatabase;
  let built: BuiltApp;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    built = await buildApp(loadConfig({ LOG_LEVEL: 'silent' }), {
      database: db.database,
      bus: createInMemoryEventBus(),
      jobs: { checkMs: 50 },
    });
  });
  afterAll(async () => {
    await built?.app.close();
    await db?.drop();
  });

  it('drops expired sessions and keys older than a day, in batches, and keeps the rest', async () => {
    const amanda = await signIn(built.app, 'amanda');
    // the first runs, at start-up, are over before the old rows come
    await eventually(
      async () => jobRuns(built.runtime),
      // the sessions' and keys' purges, and the attachments' unused uploads
      (rows) => rows.length === 3 && rows.every((r) => r.last_run_at !== null),
      'the first runs',
    );
    const raw = db.database.db;
    const old = Array.from({ length: 2_500 }, (_, i) => ({
      scope: 'test',
      key: `old-${i}`,
      request_hash: 'h',
      status_code: 201,
      response: '{}',
      created_at: daysAgo(2),
    }));
    for (let i = 0; i < old.length; i += 500)
      await raw
        .insertInto('idempotency_keys')
        .values(old.slice(i, i + 500))
        .execute();
    await raw
      .insertInto('idempotency_keys')
      .values({ scope: 'test', key: 'recent', request_hash: 'h', status_code: 201, response: '{}', created_at: daysAgo(0.5) })
      .execute();
    await raw
      .insertInto('sessions')
      .values(
        [1, 2, 3].map((i) => ({
          id: `expired-${i}`,
          side: 'storefront' as const,
          user_id: 1,
          csrf_token: 'x',
          created_at: daysAgo(40),
          expires_at: daysAgo(10),
        })),
      )
      .execute();
    const link = (id: string, expiresAt: string) => ({
      id,
      side: 'storefront' as const,
      user_id: 1,
      purpose: 'reset' as const,
      created_at: daysAgo(3),
      expires_at: expiresAt,
      used_at: null,
    });
    await raw
      .insertInto('password_tokens')
      .values([link('expired-link-1', daysAgo(2)), link('expired-link-2', daysAgo(1)), link('live-link', daysAgo(-1))])
      .execute();
    // the next check runs both jobs again
    await raw.updateTable('scheduled_jobs').set({ last_run_at: null }).execute();

    // both ran and gave their leases back (the other jobs, due again too, may still be running)
    const done = (rows: Awaited<ReturnType<typeof jobRuns>>, name: string, result: string) =>
      rows.some((r) => r.name === name && r.last_result === result && r.lease_owner === null);
    await eventually(
      async () => jobRuns(built.runtime),
      (rows) => done(rows, 'writes.purgeIdempotencyKeys', 'handled 2500') && done(rows, 'accounts.purgeExpiredSessions', 'handled 5'),
      'both purges ran and released their leases',
    );
    const keys = await raw.selectFrom('idempotency_keys').select('key').where('scope', '=', 'test').execute();
    expect(keys.map((k) => k.key)).toEqual(['recent']);
    expect(await raw.selectFrom('sessions').select('id').where('id', 'like', 'expired-%').execute()).toEqual([]);
    expect(await raw.selectFrom('password_tokens').select('id').execute()).toEqual([{ id: 'live-link' }]);
    expect((await amanda.get('/session')).statusCode).toBe(200);
  });

  it('gives a due run to one instance only', async () => {
    const ctx = built.runtime.contextFor(systemActor('test'));
    const claim = (owner: string) => ctx.write(claimJobRun, { name: 'test.job', owner, everyMs: 60_000, leaseMs: 60_000 });
    const answers = await Promise.all(['a', 'b', 'c', 'd'].map(claim));
    expect(answers.filter(Boolean)).toHaveLength(1);
  });

  it('gives every demo account a salt of its own', async () => {
    const raw = db.database.db;
    const hashes = [
      ...(await raw.selectFrom('customer_users').select('password_hash').execute()),
      ...(await raw.selectFrom('backoffice_users').select('password_hash').execute()),
    ].map((r) => String(r.password_hash));
    expect(hashes.length).toBe(6);
    const salts = hashes.map((h) => h.split('$')[4]);
    expect(new Set(salts).size).toBe(6);
  });
});
