// Service tokens: made, listed, rotated and revoked by an Administrator only;
// the secret is answered once; a revoked, expired or unknown token answers
// 401, a missing scope 403; the rate limit answers 429 with its headers.
import { beforeAll, expect, it } from 'vitest';
import { describeApi, type Agent } from '../support/api';
import { expectError } from '../support/errors';
import { ok, unique } from '../support/fixtures';
import { newStore, storeWith } from '../support/integration';

describeApi('service tokens', (h) => {
  let john: Agent;
  let charlie: Agent;
  beforeAll(async () => {
    john = await h().as('john');
    charlie = await h().as('charlie');
  });

  it('are made by an Administrator, shown once, listed without secret, and refused to a Sales Manager', async () => {
    const label = unique('ERP');
    const made = ok(await john.post('/integrations/tokens', { label, scopes: ['records:write', 'conversations:read'] }), 201);
    expect(made.secret).toMatch(/^pk_[A-Za-z0-9_-]{43}$/);
    expect(made.token).toMatchObject({
      label,
      scopes: ['records:write', 'conversations:read'],
      prefix: made.secret.slice(0, 7),
      status: 'active',
      createdBy: 'John Doe',
      lastUsedAt: null,
      expiresAt: null,
      revokedAt: null,
    });
    const listed = ok(await john.get('/integrations/tokens')).items.find((t: { id: number }) => t.id === made.token.id);
    expect(listed).toEqual(made.token);
    expect(JSON.stringify(ok(await john.get('/integrations/tokens')))).not.toContain(made.secret);

    expectError(await charlie.get('/integrations/tokens'), 403, 'FORBIDDEN');
    expectError(await charlie.post('/integrations/tokens', { label, scopes: ['records:write'] }), 403, 'FORBIDDEN');
    expectError(await charlie.post(`/integrations/tokens/${made.token.id}/revoke`), 403, 'FORBIDDEN');
    expectError(await charlie.post(`/integrations/tokens/${made.token.id}/rotate`), 403, 'FORBIDDEN');
    expectError(await john.post('/integrations/tokens', { label: ' ', scopes: [] }), 400, 'VALIDATION_FAILED', {
      label: 'This value should not be blank.',
      scopes: 'Choose at least one scope.',
    });
  });

  it('work as a bearer token, note their last use, and stop at once when revoked', async () => {
    const store = await newStore(h().app, john, ['conversations:read']);
    const res = await store.get('/conversations');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['ratelimit-limit']).toBe('600');
    expect(res.headers['ratelimit-remaining']).toBe('599');
    const used = ok(await john.get('/integrations/tokens')).items.find((t: { id: number }) => t.id === store.id);
    expect(used.lastUsedAt).toEqual(expect.any(String));

    expectError(await store.get('/customers'), 403, 'FORBIDDEN');
    const revoked = ok(await john.post(`/integrations/tokens/${store.id}/revoke`));
    expect(revoked).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
    expectError(await store.get('/conversations'), 401, 'UNAUTHENTICATED');
    expectError(await john.post(`/integrations/tokens/${store.id}/rotate`), 409, 'INVALID_STATUS_TRANSITION');
  });

  it('rotate: the new secret works, the old one no longer', async () => {
    const store = await newStore(h().app, john, ['conversations:read']);
    const rotated = ok(await john.post(`/integrations/tokens/${store.id}/rotate`), 201);
    expect(rotated.secret).not.toBe(store.secret);
    expect(rotated.token).toMatchObject({ id: store.id, label: store.label, status: 'active' });
    expectError(await store.get('/conversations'), 401, 'UNAUTHENTICATED');
    expect((await storeWith(h().app, rotated.secret).get('/conversations')).statusCode).toBe(200);
  });

  it('refuse an expired, an unknown, a malformed or a missing token, and a session cookie', async () => {
    const expired = await newStore(h().app, john, ['conversations:read'], '2020-01-01T00:00:00Z');
    const listed = ok(await john.get('/integrations/tokens')).items.find((t: { id: number }) => t.id === expired.id);
    expect(listed.status).toBe('expired');
    expectError(await expired.get('/conversations'), 401, 'UNAUTHENTICATED');
    expectError(await storeWith(h().app, `pk_${'A'.repeat(43)}`).get('/conversations'), 401, 'UNAUTHENTICATED');
    expectError(await storeWith(h().app, 'not-a-token').get('/conversations'), 401, 'UNAUTHENTICATED');
    expectError(await h().app.inject({ method: 'GET', url: '/integration/v1/conversations' }), 401, 'UNAUTHENTICATED');
    expectError(
      await h().app.inject({ method: 'GET', url: '/integration/v1/conversations', headers: { cookie: john.cookie } }),
      401,
      'UNAUTHENTICATED',
    );
    expectError(await john.post('/integrations/tokens/999999/revoke'), 404, 'NOT_FOUND');
  });
});

describeApi(
  'service token rate limit',
  (h) => {
    it('answers 429 RATE_LIMITED with Retry-After and RateLimit headers past the limit, per token', async () => {
      const john = await h().as('john');
      const store = await newStore(h().app, john, ['conversations:read']);
      const other = await newStore(h().app, john, ['conversations:read']);
      for (let i = 2; i >= 0; i--) {
        const res = await store.get('/conversations');
        expect(res.statusCode).toBe(200);
        expect(res.headers['ratelimit-remaining']).toBe(String(i));
      }
      const refused = await store.get('/conversations');
      expectError(refused, 429, 'RATE_LIMITED');
      expect(refused.headers['ratelimit-limit']).toBe('3');
      expect(refused.headers['ratelimit-remaining']).toBe('0');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect((await other.get('/conversations')).statusCode).toBe(200);
    });
  },
  { env: { PARLEY_INTEGRATION_RATE_LIMIT: '3' } },
);
