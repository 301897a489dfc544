import { expect, it } from 'vitest';
import { slowdownMs } from '../../src/server/accounts/rate-limit';
import { backofficeActors, describeApi, emails, signIn, type ActorName, type Harness } from '../support/api';
import { expectError } from '../support/errors';
import { unique } from '../support/fixtures';

describeApi('sign-in, sessions and CSRF', (h) => {
  it('signs each side in separately, with an httpOnly SameSite=Lax cookie', async () => {
    const res = await h().app.inject({ method: 'POST', url: '/api/session', payload: { email: emails.amanda, password: 'parley-demo' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ name: 'Amanda Cole', role: 'buyer', customer: { name: 'Acme Corporation' } });
    const cookie = res.cookies[0]!;
    expect(cookie).toMatchObject({ name: 'parley_session', httpOnly: true, sameSite: 'Lax', path: '/' });

    const bo = await h().app.inject({
      method: 'POST',
      url: '/admin/api/session',
      payload: { email: emails.john, password: 'parley-demo' },
    });
    expect(bo.statusCode).toBe(200);
    expect(bo.cookies[0]).toMatchObject({ name: 'parley_admin_session', httpOnly: true, sameSite: 'Lax', path: '/admin' });
  });

  it('refuses a wrong password, an unknown email, and a user of the other side', async () => {
    for (const [url, email, password] of [
      ['/api/session', emails.amanda, 'wrong'],
      ['/api/session', 'nobody@acme.example', 'parley-demo'],
      ['/api/session', emails.john, 'parley-demo'],
      ['/admin/api/session', emails.amanda, 'parley-demo'],
    ] as const) {
      const res = await h().app.inject({ method: 'POST', url, payload: { email, password } });
      expectError(res, 401, 'INVALID_CREDENTIALS', undefined, `${url} ${email}`);
    }
  });

  it('says what is missing from a sign-in form', async () => {
    const res = await h().app.inject({ method: 'POST', url: '/api/session', payload: {} });
    expectError(res, 400, 'VALIDATION_FAILED', { email: 'This value should not be blank.', password: 'This value should not be blank.' });
  });

  it('answers 401 UNAUTHENTICATED without a session, on both sides', async () => {
    for (const [base, path] of [
      ['/api', '/conversations'],
      ['/api', '/unread'],
      ['/api', '/orders'],
      ['/api', '/session'],
      ['/admin/api', '/conversations'],
      ['/admin/api', '/unread'],
      ['/admin/api', '/customers'],
    ] as const) {
      expectError(await h().anonymous(base).get(path), 401, 'UNAUTHENTICATED', undefined, `${base}${path}`);
    }
    expectError(await h().anonymous('/api').post('/conversations', { subject: 'x', message: 'y' }), 401, 'UNAUTHENTICATED');
  });

  it("does not let one side's session stand in for the other", async () => {
    const amanda = await h().as('amanda');
    const res = await h().app.inject({
      method: 'GET',
      url: '/admin/api/conversations',
      headers: { cookie: amanda.cookie.replace('parley_session', 'parley_admin_session') },
    });
    expectError(res, 401, 'UNAUTHENTICATED');
    const john = await h().as('john');
    const res2 = await h().app.inject({
      method: 'GET',
      url: '/api/conversations',
      headers: { cookie: john.cookie.replace('parley_admin_session', 'parley_session') },
    });
    expectError(res2, 401, 'UNAUTHENTICATED');
  });

  it("refuses a cookie-authenticated write without the session's CSRF token", async () => {
    const amanda = await h().as('amanda');
    const subject = unique('Hi');
    for (const csrf of [undefined, 'forged']) {
      const res = await h().app.inject({
        method: 'POST',
        url: '/api/conversations',
        headers: { cookie: amanda.cookie, ...(csrf ? { 'x-csrf-token': csrf } : {}) },
        payload: { subject, message: 'Hello' },
      });
      expectError(res, 403, 'CSRF_TOKEN_INVALID');
    }
    const list = await amanda.get('/conversations?limit=100');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.some((c: { name: string }) => c.name === subject)).toBe(false);
  });

  it('signs out: the session stops working', async () => {
    const ruth = await signIn(h().app, 'ruth');
    expect((await ruth.get('/session')).statusCode).toBe(200);
    const out = await ruth.request('DELETE', '/session');
    expect(out.statusCode).toBe(204);
    expectError(await ruth.get('/session'), 401, 'UNAUTHENTICATED');
  });

  it("answers the apps' session check with 200 either way: the user and token, or nulls (issue 17)", async () => {
    const anonymous = await h().app.inject({ method: 'GET', url: '/api/session/check' });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({ user: null, csrfToken: null });
    const ruth = await signIn(h().app, 'ruth');
    const checked = await ruth.get('/session/check');
    expect(checked.statusCode).toBe(200);
    expect(checked.json()).toEqual((await ruth.get('/session')).json());
    // the back-office asks the same of its own side
    const nobody = await h().app.inject({ method: 'GET', url: '/admin/api/session/check' });
    expect(nobody.statusCode).toBe(200);
    expect(nobody.json()).toEqual({ user: null, csrfToken: null });
    const john = await signIn(h().app, 'john');
    expect((await john.get('/session/check')).json()).toEqual((await john.get('/session')).json());
    // a customer's session is nobody on the back-office's side
    const cookie = (await signIn(h().app, 'amanda')).cookie;
    const crossed = await h().app.inject({ method: 'GET', url: '/admin/api/session/check', headers: { cookie } });
    expect(crossed.json()).toEqual({ user: null, csrfToken: null });
  });

  it('serves the OpenAPI document with both APIs', async () => {
    const res = await h().app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/conversations',
        '/api/conversations/{id}/messages',
        '/admin/api/conversations',
        '/admin/api/conversations/{id}/close',
      ]),
    );
  });

  it('answers unknown routes with NOT_FOUND in the error shape', async () => {
    expectError(await h().app.inject({ method: 'GET', url: '/api/nothing-here' }), 404, 'NOT_FOUND');
  });
});

describeApi('authentication comes before validation', (h) => {
  it('an anonymous malformed write is 401, not 400', async () => {
    expectError(await h().anonymous('/api').post('/conversations', { subject: '' }), 401, 'UNAUTHENTICATED');
  });
});

/** A sign-in from `address` (app.inject's remoteAddress), on the side the email belongs to. */
const signInFrom = (h: () => Harness, who: string, password: string, address: string) => {
  const email = who in emails ? emails[who as ActorName] : who;
  const url = backofficeActors.includes(who as ActorName) ? '/admin/api/session' : '/api/session';
  return h().app.inject({ method: 'POST', url, remoteAddress: address, payload: { email, password } });
};

describeApi(
  'sign-in limits: where the failures come from',
  (h) => {
    it('never refuses the right password because others failed, from anywhere', async () => {
      for (let i = 1; i <= 20; i++) {
        expectError(await signInFrom(h, 'charlie', 'guess', `198.51.100.${i}`), 401, 'INVALID_CREDENTIALS', undefined, `attempt ${i}`);
      }
      expect((await signInFrom(h, 'charlie', 'parley-demo', '203.0.113.1')).statusCode).toBe(200);
      expect((await signInFrom(h, 'charlie', 'parley-demo', '198.51.100.1')).statusCode).toBe(200);
    });

    it('refuses an address that failed ten times for one email with 429 and Retry-After; other addresses sign in', async () => {
      for (let i = 0; i < 10; i++) expectError(await signInFrom(h, 'nancy', 'guess', '192.0.2.50'), 401, 'INVALID_CREDENTIALS');
      const refused = await signInFrom(h, 'nancy', 'parley-demo', '192.0.2.50');
      expectError(refused, 429, 'RATE_LIMITED');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect((await signInFrom(h, 'nancy', 'parley-demo', '192.0.2.51')).statusCode).toBe(200);
    });

    it('refuses an address that failed too often over any emails', async () => {
      for (let i = 0; i < 30; i++) {
        expectError(await signInFrom(h, `nobody${i}@acme.example`, 'guess', '192.0.2.60'), 401, 'INVALID_CREDENTIALS');
      }
      expectError(await signInFrom(h, 'amanda', 'parley-demo', '192.0.2.60'), 429, 'RATE_LIMITED');
      expect((await signInFrom(h, 'amanda', 'parley-demo', '192.0.2.61')).statusCode).toBe(200);
    });
  },
  { env: { PARLEY_SIGNIN_PER_ADDRESS: '30', PARLEY_SIGNIN_SLOWDOWN_AFTER: '1000' } },
);

describeApi(
  'sign-in limits: an email failing everywhere is slowed down, not locked',
  (h) => {
    it('makes every attempt for it wait, the right one too, and still lets the right one in', async () => {
      for (let i = 1; i <= 3; i++) expectError(await signInFrom(h, 'ruth', 'guess', `198.51.100.${i}`), 401, 'INVALID_CREDENTIALS');
      const started = Date.now();
      const right = await signInFrom(h, 'ruth', 'parley-demo', '203.0.113.9');
      // 3 failures, slowed after 2: this attempt waits slowdownMs(1), a second
      expect(Date.now() - started).toBeGreaterThanOrEqual(slowdownMs(1) - 50);
      expect(right.statusCode).toBe(200);
    });
  },
  { env: { PARLEY_SIGNIN_SLOWDOWN_AFTER: '2' } },
);
