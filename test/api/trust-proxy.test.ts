// X-Forwarded-For and X-Forwarded-Host count only from a proxy the operator
// named in PARLEY_TRUST_PROXY; from anyone else they are the client's words.
import type { AddressInfo } from 'node:net';
import { beforeAll, expect, it } from 'vitest';
import { connectLive } from '../live/client';
import { describeApi, emails, type Harness } from '../support/api';
import { expectError } from '../support/errors';
import { unique } from '../support/fixtures';
import { refusedHandshake } from '../support/live-handshake';

const PER_ADDRESS = 5;

/** A failed sign-in claiming to come from `forwardedFor`, through app.inject (whose own address is 127.0.0.1). */
const failedSignIn = (h: () => Harness, forwardedFor: string) =>
  h().app.inject({
    method: 'POST',
    url: '/api/session',
    headers: { 'x-forwarded-for': forwardedFor },
    payload: { email: `${unique('nobody').replace(' ', '-')}@acme.example`, password: 'wrong' },
  });

async function listening(h: () => Harness) {
  if (!h().app.server.listening) await h().app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(h().app.server.address() as AddressInfo).port}`;
}

for (const setting of ['off', '10.0.0.0/8, 192.168.1.1']) {
  describeApi(
    `PARLEY_TRUST_PROXY=${setting}: this client is no proxy`,
    (h) => {
      // signed in before this address runs out of failures
      beforeAll(() => h().as('amanda'));

      it('counts failed sign-ins per connecting address, whatever X-Forwarded-For claims', async () => {
        for (let i = 0; i < PER_ADDRESS; i++) {
          expectError(await failedSignIn(h, `203.0.113.${i}`), 401, 'INVALID_CREDENTIALS');
        }
        const limited = await failedSignIn(h, '203.0.113.99');
        expectError(limited, 429, 'RATE_LIMITED');
        expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      });

      it('does not let X-Forwarded-Host pass the live Origin check', async () => {
        const base = await listening(h);
        const amanda = await h().as('amanda');
        const refused = await refusedHandshake(
          base,
          '/api/live',
          { cookie: amanda.cookie, 'x-forwarded-host': 'evil.example' },
          'http://evil.example',
        );
        expectError(refused, 403, 'FORBIDDEN');
      });
    },
    { env: { PARLEY_SIGNIN_PER_ADDRESS: String(PER_ADDRESS), PARLEY_TRUST_PROXY: setting } },
  );
}

for (const setting of ['127.0.0.1', '1', 'loopback']) {
  describeApi(
    `PARLEY_TRUST_PROXY=${setting}: this client is the proxy`,
    (h) => {
      it('takes the client address from X-Forwarded-For', async () => {
        for (let i = 0; i < PER_ADDRESS + 2; i++) {
          expectError(await failedSignIn(h, `203.0.113.${i}`), 401, 'INVALID_CREDENTIALS');
        }
        for (let i = 0; i < PER_ADDRESS - 1; i++) await failedSignIn(h, '198.51.100.7');
        expectError(await failedSignIn(h, '198.51.100.7'), 401, 'INVALID_CREDENTIALS');
        expectError(await failedSignIn(h, '198.51.100.7'), 429, 'RATE_LIMITED');
        // a right password from another client behind the same proxy is unaffected
        const res = await h().app.inject({
          method: 'POST',
          url: '/api/session',
          headers: { 'x-forwarded-for': '198.51.100.8' },
          payload: { email: emails.amanda, password: 'parley-demo' },
        });
        expect(res.statusCode).toBe(200);
      });

      it('takes the host from X-Forwarded-Host for the live Origin check', async () => {
        const base = await listening(h);
        const amanda = await h().as('amanda');
        const live = await connectLive(base, '/api/live', {
          origin: 'https://shop.example',
          wsOptions: { headers: { cookie: amanda.cookie, 'x-forwarded-host': 'shop.example' } },
        });
        await live.close();
      });
    },
    { env: { PARLEY_SIGNIN_PER_ADDRESS: String(PER_ADDRESS), PARLEY_TRUST_PROXY: setting } },
  );
}
