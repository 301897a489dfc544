import { expect, it } from 'vitest';
import { describeApi, emails, signIn } from '../support/api';
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

  it('rate-limits sign-in per email with 429 and Retry-After', async () => {
    const attempts = [];
    for (let i = 0; i < 11; i++) {
      attempts.push(await h().app.inject({ method: 'POST', url: '/api/session', payload: { email: emails.nancy, password: 'guess' } }));
    }
    const last = attempts[attempts.length - 1]!;
    expectError(last, 429, 'RATE_LIMITED');
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    // even the right password waits
    const right = await h().app.inject({ method: 'POST', url: '/api/session', payload: { email: emails.nancy, password: 'parley-demo' } });
    expectError(right, 429, 'RATE_LIMITED');
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
