// The store's side of the sign-in handoff: a customer user it knows (made
// through the sync API), JWTs it signs with jose, and GET /sso with them.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import type { Agent } from './api';
import { ok, unique } from './fixtures';
import { externalId, newStore } from './integration';

export const nowS = () => Math.floor(Date.now() / 1000);

/** A JWT as the store signs it: iat now, exp in 2 minutes, a fresh jti, aud "parley", unless `claims` says otherwise (undefined drops a claim). */
export async function handoffToken(
  key: Uint8Array | CryptoKey,
  claims: JWTPayload,
  header: { alg: string; kid?: string } = { alg: 'HS256' },
): Promise<string> {
  const payload: JWTPayload = { iat: nowS(), exp: nowS() + 120, jti: unique('jti').replace(' ', '-'), aud: 'parley', ...claims };
  for (const [k, v] of Object.entries(payload)) if (v === undefined) delete payload[k];
  return new SignJWT(payload).setProtectedHeader(header).sign(key);
}

export const sso = (app: FastifyInstance, token: string, query = '', headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url: `/sso?token=${encodeURIComponent(token)}${query}`, headers });

/** Who the session cookie of a handoff's answer signs in. */
export async function sessionOf(app: FastifyInstance, res: LightMyRequestResponse) {
  const cookie = res.cookies.find((c) => c.name === 'parley_session');
  if (!cookie) throw new Error(`no session cookie: ${res.statusCode} ${res.body}`);
  return ok(await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: `parley_session=${cookie.value}` } }));
}

/** A customer and one of its customer users as the store put them in; answers their externalIds. */
export async function storeCustomer(app: FastifyInstance, john: Agent) {
  const store = await newStore(app, john, ['directory:write']);
  const ids = { customer: externalId('C'), user: externalId('U') };
  ok(await store.put(`/customers/${ids.customer}`, { name: unique('Initech') }), 201);
  const email = `${ids.user.toLowerCase()}@initech.example`;
  ok(
    await store.put(`/customer-users/${ids.user}`, {
      email,
      firstName: 'Peter',
      lastName: 'Gibbons',
      role: 'buyer',
      customerExternalId: ids.customer,
    }),
    201,
  );
  return { ...ids, email };
}
