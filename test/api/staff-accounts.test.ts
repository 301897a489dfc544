// Staff accounts (Settings > Users) and everyone's passwords: invitations
// with a set-password link, roles, deactivation that ends sessions at once,
// reset links (single use, stored hashed, expiring), one's own password,
// "Sign out everywhere", and the storefront's "Forgot your password?".
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import type { PasswordLink } from '../../src/shared/accounts';
import type { OutboxMailDetail, OutboxPage } from '../../src/shared/mail';
import { describeApi, type Agent } from '../support/api';
import { expectError } from '../support/errors';
import { ok, unique } from '../support/fixtures';
import { eventually } from '../support/eventually';
import { storeCustomer } from '../support/handoff';
import { externalId, newStore } from '../support/integration';

const PASSWORD = 'a-long-new-password';
const tokenOf = (link: PasswordLink) => new URL(link.url!, 'http://x').searchParams.get('token')!;

async function signInAs(app: FastifyInstance, base: '/api' | '/admin/api', email: string, password = PASSWORD) {
  return app.inject({ method: 'POST', url: `${base}/session`, payload: { email, password } });
}

/** A signed-in agent from a sign-in answer. */
function agentOf(app: FastifyInstance, base: '/api' | '/admin/api', res: Awaited<ReturnType<typeof signInAs>>) {
  const c = res.cookies[0]!;
  const headers = { cookie: `${c.name}=${c.value}`, 'x-csrf-token': res.json().csrfToken as string };
  return {
    get: (url: string) => app.inject({ method: 'GET', url: `${base}${url}`, headers }),
    post: (url: string, payload: object = {}) => app.inject({ method: 'POST', url: `${base}${url}`, headers, payload }),
  };
}

describeApi('staff accounts and passwords', (h) => {
  let john: Agent;
  let charlie: Agent;
  const patch = (who: Agent, id: number, body: object) => who.request('PATCH', `/staff/${id}`, body);
  const invite = async (role = 'sales_manager') => {
    const email = `${unique('sam').replace(' ', '-')}@parley.example`;
    const made = ok(await john.post('/staff', { email, firstName: 'Sam', lastName: 'Jones', role }), 201);
    return { email, ...made } as { email: string; user: { id: number }; link: PasswordLink };
  };
  /** an invited user who has set their password */
  const staffMember = async () => {
    const made = await invite();
    expect(
      (
        await h().app.inject({
          method: 'POST',
          url: '/admin/api/password/reset',
          payload: { token: tokenOf(made.link), password: PASSWORD },
        })
      ).statusCode,
    ).toBe(204);
    return made;
  };
  beforeAll(async () => {
    john = await h().as('john');
    charlie = await h().as('charlie');
  });

  it('lists staff and invites them with a set-password link, for Administrators only', async () => {
    const listed = ok(await john.get('/staff')).items;
    expect(listed.map((u: { email: string }) => u.email)).toEqual(
      expect.arrayContaining(['john@parley.example', 'charlie@parley.example']),
    );
    expect(listed.find((u: { email: string }) => u.email === 'charlie@parley.example')).toMatchObject({
      name: 'Charlie Sheen',
      role: 'sales_manager',
      active: true,
      invited: false,
    });
    const made = await invite();
    expect(made.user).toMatchObject({ email: made.email, name: 'Sam Jones', role: 'sales_manager', active: true, invited: true });
    expect(made.link).toMatchObject({ url: expect.stringMatching(/^\/admin\/set-password\?token=[A-Za-z0-9_-]{43}$/), delivered: false });
    expect(Date.parse(made.link.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    // its mail waits in the outbox (no SMTP server here)
    const mails = ok<OutboxPage>(await john.get('/mail/outbox')).items.filter((m) => m.to === made.email);
    expect(mails).toMatchObject([{ kind: 'invitation', subject: 'You are invited to Parley' }]);
    // no password until the link is followed
    expectError(await signInAs(h().app, '/admin/api', made.email, '!'), 401, 'INVALID_CREDENTIALS');

    expectError(
      await john.post('/staff', { email: made.email.toUpperCase(), firstName: 'A', lastName: 'B', role: 'administrator' }),
      409,
      'EMAIL_TAKEN',
      {
        email: 'Another user has this email.',
      },
    );
    expectError(await john.post('/staff', { email: 'nope', firstName: ' ', role: 'boss' }), 400, 'VALIDATION_FAILED', {
      email: 'Use an email address.',
      firstName: 'This value should not be blank.',
      lastName: 'This value should not be blank.',
      role: expect.any(String),
    });
    expectError(await charlie.get('/staff'), 403, 'FORBIDDEN');
    expectError(
      await charlie.post('/staff', { email: 'x@parley.example', firstName: 'A', lastName: 'B', role: 'administrator' }),
      403,
      'FORBIDDEN',
    );
    expectError(await patch(charlie, made.user.id, { role: 'administrator' }), 403, 'FORBIDDEN');
    expectError(await charlie.post(`/staff/${made.user.id}/password-reset`), 403, 'FORBIDDEN');
  });

  it('sets the password once with the link, on its own side only', async () => {
    const made = await invite();
    const token = tokenOf(made.link);
    const reset = (base: string, password = PASSWORD) =>
      h().app.inject({ method: 'POST', url: `${base}/password/reset`, payload: { token, password } });
    expectError(await reset('/api'), 400, 'PASSWORD_TOKEN_INVALID');
    expectError(await reset('/admin/api', 'short'), 400, 'VALIDATION_FAILED', { password: 'Use at least 10 characters.' });
    expect((await reset('/admin/api')).statusCode).toBe(204);
    expectError(await reset('/admin/api'), 400, 'PASSWORD_TOKEN_INVALID');
    expect((await signInAs(h().app, '/admin/api', made.email)).statusCode).toBe(200);
    expect(ok(await john.get('/staff')).items.find((u: { id: number }) => u.id === made.user.id)).toMatchObject({ invited: false });
    expectError(
      await h().app.inject({ method: 'POST', url: '/admin/api/password/reset', payload: { token: 'made-up', password: PASSWORD } }),
      400,
      'PASSWORD_TOKEN_INVALID',
    );
  });

  it('changes roles, but not one’s own, and refuses who is not there', async () => {
    const made = await staffMember();
    expect(ok(await patch(john, made.user.id, { role: 'administrator' }))).toMatchObject({ role: 'administrator' });
    const johnId = ok(await john.get('/session')).user.id;
    expectError(await patch(john, johnId, { role: 'sales_manager' }), 403, 'FORBIDDEN');
    expectError(await patch(john, johnId, { active: false }), 403, 'FORBIDDEN');
    expectError(await patch(john, 2_000_000, { active: false }), 404, 'NOT_FOUND');
    expectError(await john.post('/staff/2000000/password-reset'), 404, 'NOT_FOUND');
  });

  it('deactivates a user: their sessions end at once and they cannot sign in; reactivated, they can', async () => {
    const made = await staffMember();
    const sam = agentOf(h().app, '/admin/api', await signInAs(h().app, '/admin/api', made.email));
    expect((await sam.get('/session')).statusCode).toBe(200);
    expect(ok(await patch(john, made.user.id, { active: false }))).toMatchObject({ active: false });
    expectError(await sam.get('/session'), 401, 'UNAUTHENTICATED');
    expectError(await signInAs(h().app, '/admin/api', made.email), 401, 'INVALID_CREDENTIALS');
    expectError(await john.post(`/staff/${made.user.id}/password-reset`), 409, 'INVALID_STATUS_TRANSITION');
    expect(ok(await patch(john, made.user.id, { active: true }))).toMatchObject({ active: true });
    expect((await signInAs(h().app, '/admin/api', made.email)).statusCode).toBe(200);
  });

  it('ends the sessions of a user the store deactivates through the sync API, within a second', async () => {
    const made = await staffMember();
    const sam = agentOf(h().app, '/admin/api', await signInAs(h().app, '/admin/api', made.email));
    expect((await sam.get('/session')).statusCode).toBe(200);
    const store = await newStore(h().app, john, ['directory:write']);
    const at = Date.now();
    const body = { email: made.email, firstName: 'Sam', lastName: 'Jones', role: 'sales_manager', active: false };
    expect(ok(await store.put(`/backoffice-users/${externalId('staff')}`, body))).toMatchObject({ active: false });
    // the instance's session cache forgets them when the event arrives, not after its 5 s
    await eventually(
      () => sam.get('/session'),
      (res) => res.statusCode === 401,
      'the session to end',
      1000,
    );
    expect(Date.now() - at).toBeLessThan(1000);
    expectError(await sam.get('/session'), 401, 'UNAUTHENTICATED');
    expectError(await signInAs(h().app, '/admin/api', made.email), 401, 'INVALID_CREDENTIALS');
  });

  it('sends a reset link that signs the user out everywhere once used', async () => {
    const made = await staffMember();
    const sam = agentOf(h().app, '/admin/api', await signInAs(h().app, '/admin/api', made.email));
    const link: PasswordLink = ok(await john.post(`/staff/${made.user.id}/password-reset`), 201);
    expect(link).toMatchObject({ url: expect.stringMatching(/^\/admin\/set-password\?token=/), delivered: false });
    const other = `${PASSWORD}-2`;
    const res = await h().app.inject({
      method: 'POST',
      url: '/admin/api/password/reset',
      payload: { token: tokenOf(link), password: other },
    });
    expect(res.statusCode).toBe(204);
    expectError(await sam.get('/session'), 401, 'UNAUTHENTICATED');
    expect((await signInAs(h().app, '/admin/api', made.email, other)).statusCode).toBe(200);
  });

  it('lets anyone change their own password (their other sessions end) and sign out everywhere', async () => {
    const made = await staffMember();
    const first = agentOf(h().app, '/admin/api', await signInAs(h().app, '/admin/api', made.email));
    const second = agentOf(h().app, '/admin/api', await signInAs(h().app, '/admin/api', made.email));
    expectError(
      await first.post('/account/password', { currentPassword: 'wrong-one', newPassword: 'another-long-one' }),
      400,
      'VALIDATION_FAILED',
      {
        currentPassword: 'This is not your current password.',
      },
    );
    expect((await first.post('/account/password', { currentPassword: PASSWORD, newPassword: 'another-long-one' })).statusCode).toBe(204);
    expect((await first.get('/session')).statusCode).toBe(200);
    expectError(await second.get('/session'), 401, 'UNAUTHENTICATED');
    expectError(await signInAs(h().app, '/admin/api', made.email), 401, 'INVALID_CREDENTIALS');

    const third = agentOf(h().app, '/admin/api', await signInAs(h().app, '/admin/api', made.email, 'another-long-one'));
    const everywhere = await first.post('/session/everywhere');
    expect(everywhere.statusCode).toBe(204);
    expect(everywhere.cookies[0]).toMatchObject({ name: 'parley_admin_session', value: '' });
    expectError(await first.get('/session'), 401, 'UNAUTHENTICATED');
    expectError(await third.get('/session'), 401, 'UNAUTHENTICATED');
  });

  it('mails at most 3 reset links per email and 10 per client address in 15 minutes, then answers 429', async () => {
    const forgot = (email: string, remoteAddress: string) =>
      h().app.inject({ method: 'POST', url: '/api/password/forgot', payload: { email }, remoteAddress });
    const email = `${unique('someone').replace(' ', '-')}@nowhere.example`;
    for (let i = 0; i < 3; i++) expect((await forgot(email, '10.9.0.1')).statusCode).toBe(202);
    const refused = await forgot(email.toUpperCase(), '10.9.0.2');
    expectError(refused, 429, 'RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(800);
    // the first address may ask for seven more emails, then it is refused whatever the email
    for (let i = 0; i < 7; i++) expect((await forgot(`other-${i}-${email}`, '10.9.0.1')).statusCode).toBe(202);
    expectError(await forgot(`another-${email}`, '10.9.0.1'), 429, 'RATE_LIMITED');
    expect((await forgot(`another-${email}`, '10.9.0.3')).statusCode).toBe(202);
  });

  it('gives a storefront customer a reset link for “Forgot your password?” without saying whether the email is known', async () => {
    const known = await storeCustomer(h().app, john);
    const forgot = (email: string) => h().app.inject({ method: 'POST', url: '/api/password/forgot', payload: { email } });
    const outbox = async () => ok<OutboxPage>(await john.get('/mail/outbox')).items;
    expect(ok(await forgot('nobody@nowhere.example'), 202)).toEqual({ delivered: false });
    expect((await outbox()).map((m) => m.to)).not.toContain('nobody@nowhere.example');
    // no SMTP server: the mail is kept in the outbox, for an Administrator to pass on
    expect(ok(await forgot(known.email.toUpperCase()), 202)).toEqual({ delivered: false });
    const kept = (await outbox()).find((m) => m.to === known.email);
    expect(kept).toMatchObject({ kind: 'password-reset', subject: 'Reset your Parley password' });
    const mail = ok<OutboxMailDetail>(await john.get(`/mail/outbox/${kept!.id}`));
    const url = /http:\/\/localhost:3000(\/reset-password\?token=[\w-]+)/.exec(mail.text)?.[1];
    expect(mail.html).toContain(`href="http://localhost:3000${url}"`);
    expectError(await forgot(''), 400, 'VALIDATION_FAILED', { email: 'This value should not be blank.' });
    const token = tokenOf({ url, expiresAt: '', delivered: false });
    expect((await h().app.inject({ method: 'POST', url: '/api/password/reset', payload: { token, password: PASSWORD } })).statusCode).toBe(
      204,
    );
    const signedIn = await signInAs(h().app, '/api', known.email);
    expect(signedIn.statusCode).toBe(200);
    // the customer's own password, and signing out everywhere, on the storefront too
    const customer = agentOf(h().app, '/api', signedIn);
    expect((await customer.post('/account/password', { currentPassword: PASSWORD, newPassword: 'storefront-secret' })).statusCode).toBe(
      204,
    );
    expect((await customer.post('/session/everywhere')).statusCode).toBe(204);
    expectError(await customer.get('/session'), 401, 'UNAUTHENTICATED');
    // a back-office route has no forgot form
    expectError(
      await h().app.inject({ method: 'POST', url: '/admin/api/password/forgot', payload: { email: 'john@parley.example' } }),
      404,
      'NOT_FOUND',
    );
  });
});
