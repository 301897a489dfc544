// Every /integration/v1 endpoint × every scope set, and revoked, expired and
// unknown tokens: the exact status and error code. A token with the scope
// gets its answer (a 404 for a store id nobody has); without it, 403
// FORBIDDEN; a token that is not (or no longer) valid, 401 UNAUTHENTICATED.
import { beforeAll, expect, it } from 'vitest';
import type { TokenScope } from '../../src/shared/integration';
import { describeApi } from '../support/api';
import { ok, unique } from '../support/fixtures';
import { externalId, newStore, storeWith, type Store } from '../support/integration';

type Want = number | [number, string];
interface Row {
  method: string;
  path: () => string;
  body?: () => unknown;
  /** the scopes that open it (any one of them) */
  scopes: TokenScope[];
  /** the answer with the scope */
  granted: Want;
}

describeApi('integration access matrix', (h) => {
  const stores: Record<string, Store> = {};
  const known = { customer: '', user: '', conversation: 0 };
  const scopeSets: TokenScope[][] = [
    ['webhooks:manage'],
    ['directory:write'],
    ['records:write'],
    ['conversations:read'],
    ['conversations:write'],
  ];

  beforeAll(async () => {
    const john = await h().as('john');
    for (const scopes of scopeSets) stores[scopes.join(',')] = await newStore(h().app, john, scopes);
    const all = await newStore(h().app, john, ['directory:write', 'conversations:write']);
    known.customer = externalId('cust');
    known.user = externalId('user');
    ok(await all.put(`/customers/${known.customer}`, { name: unique('Matrix') }), 201);
    const email = `${known.user}@matrix.example`.toLowerCase();
    ok(
      await all.put(`/customer-users/${known.user}`, {
        email,
        firstName: 'M',
        lastName: 'X',
        role: 'buyer',
        customerExternalId: known.customer,
      }),
      201,
    );
    known.conversation = ok(
      await all.post('/conversations', { name: 'Matrix', customerUserExternalId: known.user, message: 'Hi', author: 'system' }),
      201,
    ).conversation.id;

    const revoked = await newStore(h().app, john, ['directory:write', 'records:write', 'conversations:read', 'conversations:write']);
    ok(await john.post(`/integrations/tokens/${revoked.id}/revoke`));
    stores.revoked = revoked;
    stores.expired = await newStore(
      h().app,
      john,
      ['directory:write', 'records:write', 'conversations:read', 'conversations:write'],
      '2021-01-01T00:00:00Z',
    );
    stores.unknown = storeWith(h().app, `pk_${'x'.repeat(43)}`);
  });

  const order = () => ({
    number: unique('N').replace(' ', '-'),
    status: 'Open',
    total: '1.00',
    currency: 'USD',
    customerUserExternalId: known.user,
  });
  const rows: Row[] = [
    { method: 'PUT', path: () => `/customers/${externalId()}`, body: () => ({ name: 'M' }), scopes: ['directory:write'], granted: 201 },
    { method: 'GET', path: () => `/customers/${known.customer}`, scopes: ['directory:write'], granted: 200 },
    { method: 'GET', path: () => '/customers/nobody', scopes: ['directory:write'], granted: [404, 'CUSTOMER_NOT_FOUND'] },
    { method: 'GET', path: () => '/customers', scopes: ['directory:write'], granted: 200 },
    {
      method: 'PUT',
      path: () => `/customer-users/${known.user}`,
      body: () => ({
        email: `${known.user}@matrix.example`.toLowerCase(),
        firstName: 'M',
        lastName: 'X',
        role: 'buyer',
        customerExternalId: known.customer,
      }),
      scopes: ['directory:write'],
      granted: 200,
    },
    { method: 'GET', path: () => `/customer-users/${known.user}`, scopes: ['directory:write'], granted: 200 },
    { method: 'GET', path: () => '/customer-users', scopes: ['directory:write'], granted: 200 },
    { method: 'DELETE', path: () => '/customer-users/nobody', scopes: ['directory:write'], granted: [404, 'CUSTOMER_USER_NOT_FOUND'] },
    {
      method: 'PUT',
      path: () => `/backoffice-users/${externalId()}`,
      body: () => ({ email: `${externalId()}@parley.example`.toLowerCase(), firstName: 'S', lastName: 'T', role: 'sales_manager' }),
      scopes: ['directory:write'],
      granted: 201,
    },
    { method: 'GET', path: () => '/backoffice-users/nobody', scopes: ['directory:write'], granted: [404, 'NOT_FOUND'] },
    { method: 'GET', path: () => '/backoffice-users', scopes: ['directory:write'], granted: 200 },
    ...(['orders', 'rfqs', 'quotes'] as const).flatMap((path): Row[] => [
      { method: 'PUT', path: () => `/${path}/${externalId()}`, body: order, scopes: ['records:write'], granted: 201 },
      { method: 'GET', path: () => `/${path}/nobody`, scopes: ['records:write'], granted: [404, 'RECORD_NOT_FOUND'] },
      { method: 'GET', path: () => `/${path}`, scopes: ['records:write'], granted: 200 },
      { method: 'DELETE', path: () => `/${path}/nobody`, scopes: ['records:write'], granted: [404, 'RECORD_NOT_FOUND'] },
    ]),
    { method: 'POST', path: () => '/bulk', body: () => '', scopes: ['directory:write', 'records:write'], granted: 200 },
    { method: 'GET', path: () => '/conversations', scopes: ['conversations:read'], granted: 200 },
    { method: 'GET', path: () => `/conversations/${known.conversation}`, scopes: ['conversations:read'], granted: 200 },
    { method: 'GET', path: () => '/conversations/999999', scopes: ['conversations:read'], granted: [404, 'CONVERSATION_NOT_FOUND'] },
    { method: 'GET', path: () => `/conversations/${known.conversation}/messages`, scopes: ['conversations:read'], granted: 200 },
    {
      method: 'POST',
      path: () => '/conversations',
      body: () => ({ name: 'M', customerUserExternalId: known.user, message: 'Hello', author: 'system' }),
      scopes: ['conversations:write'],
      granted: 201,
    },
    {
      method: 'POST',
      path: () => `/conversations/${known.conversation}/messages`,
      body: () => ({ body: 'Hello', author: { email: 'john@parley.example' } }),
      scopes: ['conversations:write'],
      granted: 201,
    },
    {
      method: 'POST',
      path: () => '/conversations/999999/messages',
      body: () => ({ body: 'Hello', author: 'system' }),
      scopes: ['conversations:write'],
      granted: [404, 'CONVERSATION_NOT_FOUND'],
    },
    // the webhook endpoints, for the webhooks:manage scope (a loopback URL is refused after the scope is checked)
    { method: 'GET', path: () => '/webhooks', scopes: ['webhooks:manage'], granted: 200 },
    { method: 'GET', path: () => '/webhooks/999999', scopes: ['webhooks:manage'], granted: [404, 'NOT_FOUND'] },
    { method: 'DELETE', path: () => '/webhooks/999999', scopes: ['webhooks:manage'], granted: [404, 'NOT_FOUND'] },
    {
      method: 'POST',
      path: () => '/webhooks',
      body: () => ({ url: 'http://127.0.0.1:9/hook', eventTypes: ['message.created'] }),
      scopes: ['webhooks:manage'],
      granted: [400, 'VALIDATION_FAILED'],
    },
    { method: 'GET', path: () => '/webhooks/999999/deliveries', scopes: ['webhooks:manage'], granted: [404, 'NOT_FOUND'] },
    { method: 'POST', path: () => '/webhooks/999999/test', body: () => ({}), scopes: ['webhooks:manage'], granted: [404, 'NOT_FOUND'] },
  ];

  it('answers every endpoint for every scope set and every invalid token with the exact code', async () => {
    const failures: string[] = [];
    for (const row of rows) {
      for (const [name, store] of Object.entries(stores)) {
        let want: Want;
        if (name === 'revoked' || name === 'expired' || name === 'unknown') want = [401, 'UNAUTHENTICATED'];
        else want = row.scopes.some((s) => name.split(',').includes(s)) ? row.granted : [403, 'FORBIDDEN'];
        const body = row.body?.();
        const res =
          row.path() === '/bulk'
            ? await store.request('POST', '/bulk', body, { 'content-type': 'application/x-ndjson' })
            : await store.request(row.method, row.path(), body);
        const got = res.statusCode >= 400 ? `${res.statusCode} ${res.json().error.code}` : `${res.statusCode}`;
        const expected = Array.isArray(want) ? `${want[0]} ${want[1]}` : `${want}`;
        if (got !== expected) failures.push(`${name}: ${row.method} ${row.path()} -> ${got}, expected ${expected}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
