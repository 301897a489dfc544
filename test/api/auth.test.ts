import { expect, it } from 'vitest';
import { describeApi, emails, signIn } from '../support/api';

describeApi('sign-in, sessions and CSRF', (h) => {
  it('signs each side in separately, with an httpOnly SameSite=Lax cookie', async () => {
    const res = await h().app.inject({ method: 'POST', url: '/api/session', payload: { email: emails.amanda, password: 'parley-demo' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ name: 'Amanda Cole', role: 'buyer', customer: { name: 'Acme Corporation' } });
    const cookie = res.cookies[0]!;
    expect(cookie).toMatchObject({ name: 'parley_session', httpOnly: true, sameSite: 'Lax', path: '/' });

    const bo = await h().app.inject({ method: 'POST', url: '/admin/api/session', payload: { email: emails.john, password: 'parley-demo' } });
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
      expect(res.statusCode, `${url} ${email}`).toBe(401);
      expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
    }
  });

  it('says what is missing from a sign-in form', async () => {
    const res = await h().app.inject({ method: 'POST', url: '/api/session', payload: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { email: 'This value should not be blank.', password: 'This value should not be blank.' },
    });
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
      const res = await h().anonymous(base).get(path);
      expect(res.statusCode, `${base}${path}`).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
    const post = await h().anonymous('/api').post('/conversations', { subject: 'x', message: 'y' });
    expect(post.statusCode).toBe(401);
  });

  it('does not let one side\'s session stand in for the other', async () => {
    const amanda = await h().as('amanda');
    const res = await h().app.inject({ method: 'GET', url: '/admin/api/conversations', headers: { cookie: amanda.cookie.replace('parley_session', 'parley_admin_session') } });
    expect(res.statusCode).toBe(401);
    const john = await h().as('john');
    const res2 = await h().app.inject({ method: 'GET', url: '/api/conversations', headers: { cookie: john.cookie.replace('parley_admin_session', 'parley_session') } });
    expect(res2.statusCode).toBe(401);
  });

  it('refuses a cookie-authenticated write without the session\'s CSRF token', async () => {
    const amanda = await h().as('amanda');
    for (const csrf of [undefined, 'forged']) {
      const res = await h().app.inject({
        method: 'POST',
        url: '/api/conversations',
        headers: { cookie: amanda.cookie, ...(csrf ? { 'x-csrf-token': csrf } : {}) },
        payload: { subject: 'Hi', message: 'Hello' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('CSRF_TOKEN_INVALID');
    }
    const list = await amanda.get('/conversations');
    expect(list.json().items.some((c: { name: string }) => c.name === 'Hi')).toBe(false);
  });

  it('signs out: the session stops working', async () => {
    const ruth = await signIn(h().app, 'ruth');
    expect((await ruth.get('/session')).statusCode).toBe(200);
    const out = await ruth.request('DELETE', '/session');
    expect(out.statusCode).toBe(204);
    const after = await ruth.get('/session');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('rate-limits sign-in per email with 429 and Retry-After', async () => {
    let last;
    for (let i = 0; i < 11; i++) {
      last = await h().app.inject({ method: 'POST', url: '/api/session', payload: { email: emails.nancy, password: 'guess' } });
    }
    expect(last!.statusCode).toBe(429);
    expect(last!.json().error.code).toBe('RATE_LIMITED');
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    // even the right password waits
    const right = await h().app.inject({ method: 'POST', url: '/api/session', payload: { email: emails.nancy, password: 'parley-demo' } });
    expect(right.statusCode).toBe(429);
  });

  it('serves the OpenAPI document with both APIs', async () => {
    const res = await h().app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/conversations', '/api/conversations/{id}/messages', '/admin/api/conversations', '/admin/api/conversations/{id}/close']));
  });

  it('answers unknown routes with NOT_FOUND in the error shape', async () => {
    const res = await h().app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });
});

describeApi('authentication comes before validation', (h) => {
  it('an anonymous malformed write is 401, not 400', async () => {
    const res = await h().anonymous('/api').post('/conversations', { subject: '' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });
});
