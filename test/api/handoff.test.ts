// The sign-in handoff from the store (GET /sso): a JWT signed with the shared
// secret (HS256) or a key of the store's JWKS (RS256 / ES256, served here by a
// real HTTP server that rotates its keys) opens a storefront session, once,
// and sends the customer only within the storefront.
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newJwksCache } from '../../src/server/integration';
import { describeApi, type Agent } from '../support/api';
import { expectError } from '../support/errors';
import { ok, unique } from '../support/fixtures';
import { handoffToken, nowS, sessionOf, sso, storeCustomer } from '../support/handoff';
import { externalId, newStore } from '../support/integration';
import { startReceiver, type Receiver } from '../support/webhook-receiver';

const put = (john: Agent, body: unknown) => john.request('PUT', '/integrations/handoff', body);

describeApi('sign-in handoff, HS256', (h) => {
  let john: Agent;
  let key: Uint8Array;
  let known: Awaited<ReturnType<typeof storeCustomer>>;
  beforeAll(async () => {
    john = await h().as('john');
    known = await storeCustomer(h().app, john);
    ok(await put(john, { method: 'hs256', audience: 'parley', storeUrl: 'https://shop.example.com/login' }));
    const made = ok(await john.post('/integrations/handoff/secret', {}), 201);
    expect(made.secret).toMatch(/^hs_[A-Za-z0-9_-]{43}$/);
    expect(made.settings).toMatchObject({ method: 'hs256', secretPrefix: `${made.secret.slice(0, 6)}…`, signIn: 'both' });
    expect(JSON.stringify(ok(await john.get('/integrations/handoff')))).not.toContain(made.secret);
    key = new TextEncoder().encode(made.secret);
  });

  it('is set up by an Administrator only, and checks what is set', async () => {
    const charlie = await h().as('charlie');
    expectError(await charlie.get('/integrations/handoff'), 403, 'FORBIDDEN');
    expectError(await put(charlie, { method: 'off', audience: 'parley' }), 403, 'FORBIDDEN');
    expectError(await charlie.post('/integrations/handoff/secret', {}), 403, 'FORBIDDEN');
    expectError(await put(john, { method: 'jwks', audience: ' ' }), 400, 'VALIDATION_FAILED', {
      audience: 'This value should not be blank.',
      jwksUrl: 'Give the URL of the store’s JWKS.',
    });
    expectError(await john.post('/integrations/handoff/secret', { secret: 'short' }), 400, 'VALIDATION_FAILED', {
      secret: 'Use at least 32 characters.',
    });
    const options = ok(await h().app.inject({ method: 'GET', url: '/api/sign-in/options' }));
    expect(options).toEqual({ password: true, handoff: true, storeUrl: 'https://shop.example.com/login' });
  });

  it('opens the storefront session of the customer user it names, and sends them where the store said', async () => {
    const res = await sso(h().app, await handoffToken(key, { sub: known.user }), '&return=%2Forders%3Fpage%3D2');
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe('/orders?page=2');
    const session = await sessionOf(h().app, res);
    expect(session.user).toMatchObject({ email: known.email, name: 'Peter Gibbons', role: 'buyer' });
    const cookie = res.cookies.find((c) => c.name === 'parley_session')!;
    expect(cookie).toMatchObject({ path: '/', httpOnly: true, sameSite: 'Lax' });
  });

  it('refuses an expired token, one that lives longer than 5 minutes or has no exp, and a replayed jti', async () => {
    const app = h().app;
    expectError(await sso(app, await handoffToken(key, { sub: known.user, iat: nowS() - 400, exp: nowS() - 100 })), 401, 'HANDOFF_EXPIRED');
    expectError(await sso(app, await handoffToken(key, { sub: known.user, exp: nowS() + 301 })), 401, 'HANDOFF_INVALID');
    expectError(await sso(app, await handoffToken(key, { sub: known.user, exp: undefined })), 401, 'HANDOFF_INVALID');
    expectError(await sso(app, await handoffToken(key, { sub: known.user, jti: undefined })), 401, 'HANDOFF_INVALID');
    const token = await handoffToken(key, { sub: known.user, exp: nowS() + 300 });
    expect((await sso(app, token)).statusCode).toBe(303);
    expectError(await sso(app, token), 401, 'HANDOFF_REPLAYED');
  });

  it('refuses another audience, a tampered token, another secret and another algorithm', async () => {
    const app = h().app;
    const wrongAud = await sso(app, await handoffToken(key, { sub: known.user, aud: 'https://elsewhere.example' }));
    expectError(wrongAud, 401, 'HANDOFF_INVALID');
    expect(wrongAud.json().error.message).toBe('The token is for another audience: aud must be "parley".');
    const [head, , signature] = (await handoffToken(key, { sub: known.user })).split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'U-someone-else', iat: nowS(), exp: nowS() + 60, jti: unique('j'), aud: 'parley' }));
    expectError(await sso(app, `${head}.${forged.toString('base64url')}.${signature}`), 401, 'HANDOFF_INVALID');
    const otherKey = new TextEncoder().encode('a-secret-of-somebody-else-32-chars-long!');
    expectError(await sso(app, await handoffToken(otherKey, { sub: known.user })), 401, 'HANDOFF_INVALID');
    const { privateKey } = await generateKeyPair('ES256');
    expectError(await sso(app, await handoffToken(privateKey, { sub: known.user }, { alg: 'ES256' })), 401, 'HANDOFF_INVALID');
    expectError(await sso(app, 'not-a-jwt'), 401, 'HANDOFF_INVALID');
    expectError(await app.inject({ method: 'GET', url: '/sso' }), 401, 'HANDOFF_INVALID');
  });

  it('refuses an unknown user without profile, and creates or updates one with a profile', async () => {
    const app = h().app;
    const stranger = externalId('U');
    expectError(await sso(app, await handoffToken(key, { sub: stranger })), 401, 'HANDOFF_UNKNOWN_USER');
    const profile = { email: `${stranger.toLowerCase()}@initech.example`, given_name: 'Samir', family_name: 'N', customer: known.customer };
    const created = await sso(app, await handoffToken(key, { sub: stranger, ...profile, role: 'administrator' }));
    expect((await sessionOf(app, created)).user).toMatchObject({ email: profile.email, name: 'Samir N', role: 'administrator' });
    // the profile changed in the store; the role, not given, stays
    const updated = await sso(app, await handoffToken(key, { sub: stranger, ...profile, family_name: 'Nagheenanajar' }));
    expect((await sessionOf(app, updated)).user).toMatchObject({ name: 'Samir Nagheenanajar', role: 'administrator' });
    const store = ok(await (await newStore(app, john, ['directory:write'])).get(`/customer-users/${stranger}`));
    expect(store).toMatchObject({ lastName: 'Nagheenanajar', customerExternalId: known.customer });
    // a profile naming a customer Parley does not know is refused as the sync API refuses it
    expectError(
      await sso(app, await handoffToken(key, { sub: externalId('U'), ...profile, email: 'x@y.example', customer: 'nope' })),
      400,
      'VALIDATION_FAILED',
      {
        customerExternalId: 'No customer has this externalId.',
      },
    );
  });

  it('redirects only within the storefront', async () => {
    const app = h().app;
    const go = async (target: string) => {
      const res = await sso(app, await handoffToken(key, { sub: known.user }), `&return=${encodeURIComponent(target)}`, {
        host: 'parley.test',
      });
      expect(res.statusCode, `${target}: ${res.body}`).toBe(303);
      return res.headers.location;
    };
    expect(await go('/conversations?conversation=7')).toBe('/conversations?conversation=7');
    expect(await go('/ask?record=order:O-1')).toBe('/ask?record=order:O-1');
    expect(await go('http://parley.test/orders/3')).toBe('/orders/3');
    for (const away of [
      'https://evil.example/x',
      '//evil.example/x',
      '/\\evil.example',
      '/\t/evil.example',
      '/.//evil.example',
      'javascript:alert(1)',
      '/admin',
      '/api/session',
      'orders',
    ])
      expect(await go(away), away).toBe('/');
  });

  it('shows a browser the storefront sign-in page with the reason', async () => {
    const token = await handoffToken(key, { sub: known.user, iat: nowS() - 400, exp: nowS() - 100 });
    const res = await sso(h().app, token, '', { accept: 'text/html,application/xhtml+xml' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/sign-in?handoff=HANDOFF_EXPIRED');
    expect(res.cookies).toEqual([]);
  });
});

describeApi(
  'sign-in handoff, PARLEY_STOREFRONT_SIGNIN=handoff',
  (h) => {
    it('refuses the password form and says so', async () => {
      expectError(
        await h().app.inject({ method: 'POST', url: '/api/session', payload: { email: 'amanda@acme.example', password: 'parley-demo' } }),
        403,
        'PASSWORD_SIGNIN_DISABLED',
      );
      expect(ok(await h().app.inject({ method: 'GET', url: '/api/sign-in/options' }))).toEqual({
        password: false,
        handoff: false,
        storeUrl: null,
      });
      // not set up yet
      expectError(await sso(h().app, 'x.y.z'), 403, 'HANDOFF_DISABLED');
    });
  },
  { env: { PARLEY_STOREFRONT_SIGNIN: 'handoff' } },
);

describeApi(
  'sign-in handoff, PARLEY_STOREFRONT_SIGNIN=password',
  (h) => {
    it('refuses the handoff', async () => {
      const john = await h().as('john');
      ok(await put(john, { method: 'hs256', audience: 'parley' }));
      const { secret } = ok(await john.post('/integrations/handoff/secret', { secret: 'x'.repeat(40) }), 201);
      expectError(await sso(h().app, await handoffToken(new TextEncoder().encode(secret), { sub: 'anyone' })), 403, 'HANDOFF_DISABLED');
      expect(ok(await h().app.inject({ method: 'GET', url: '/api/sign-in/options' }))).toMatchObject({ password: true, handoff: false });
    });
  },
  { env: { PARLEY_STOREFRONT_SIGNIN: 'password' } },
);

// jose fetches the JWKS once and keeps it; a token whose kid it does not know
// fetches it again, but not within the cooldown after the last fetch (1 s
// here, 30 s by default), so that unknown kids cannot make Parley hammer the store.
const COOLDOWN_MS = 1000;
describe('sign-in handoff, JWKS', () => {
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());

  describeApi(
    'RS256 and ES256 against the store’s JWKS, with a key rotation',
    (h) => {
      it('verifies with the published key, follows a rotation after the cooldown, and refuses a withdrawn key', async () => {
        const app = h().app;
        const john = await h().as('john');
        const known = await storeCustomer(app, john);
        const first = await generateKeyPair('RS256');
        const second = await generateKeyPair('ES256');
        let published = [{ ...(await exportJWK(first.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }];
        receiver.answer('/jwks.json', () => ({ status: 200, body: JSON.stringify({ keys: published }) }));
        ok(await put(john, { method: 'jwks', audience: 'https://parley.shop.example', jwksUrl: receiver.url('/jwks.json') }));
        const sign = (k: typeof first, kid: string, alg: string) =>
          handoffToken(k.privateKey, { sub: known.user, aud: 'https://parley.shop.example' }, { alg, kid });
        const fetches = () => receiver.received('/jwks.json').length;

        expect((await sso(app, await sign(first, 'k1', 'RS256'))).statusCode).toBe(303);
        expect((await sso(app, await sign(first, 'k1', 'RS256'))).statusCode).toBe(303);
        expect(fetches()).toBe(1); // kept, not fetched per token

        // the store rotates: the new key alone is published
        published = [{ ...(await exportJWK(second.publicKey)), kid: 'k2', alg: 'ES256', use: 'sig' }];
        await new Promise((r) => setTimeout(r, COOLDOWN_MS + 100));
        const rotated = await sso(app, await sign(second, 'k2', 'ES256'));
        expect(rotated.statusCode, rotated.body).toBe(303);
        expect(fetches()).toBe(2); // an unknown kid fetched the JWKS again
        // the withdrawn key: not in the set any more; and right after that fetch,
        // within the cooldown, an unknown kid does not fetch again (both signed
        // first, so that the two requests follow each other closely)
        const withdrawn = await sign(first, 'k1', 'RS256');
        const unknown = await sign(first, 'k3', 'RS256');
        await new Promise((r) => setTimeout(r, COOLDOWN_MS + 100));
        expectError(await sso(app, withdrawn), 401, 'HANDOFF_INVALID');
        const before = fetches();
        expectError(await sso(app, unknown), 401, 'HANDOFF_INVALID');
        expect(fetches()).toBe(before);
      });
    },
    { build: { jwks: newJwksCache(60_000, COOLDOWN_MS) } },
  );
});
