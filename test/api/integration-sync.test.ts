// The sync API end to end, keyed by the store's ids: idempotent upserts, a
// parent and its child in one bulk import (child first), deletes that keep
// conversations, keyset pages and updatedSince, and conversations written as
// a back-office user or as the system.
import { beforeAll, describe, expect, it } from 'vitest';
import { describeApi, type Agent } from '../support/api';
import { expectError } from '../support/errors';
import { ok, unique } from '../support/fixtures';
import { externalId, newStore, type Store } from '../support/integration';

describeApi('sync API', (h) => {
  let john: Agent;
  let store: Store;
  beforeAll(async () => {
    john = await h().as('john');
    store = await newStore(h().app, john);
  });

  /** A customer, a buyer of it and an order of theirs, made through PUT; their store ids. */
  async function directory() {
    const ids = { customer: externalId('cust'), user: externalId('user'), order: externalId('order') };
    ok(await store.put(`/customers/${ids.customer}`, { name: unique('Initech'), salesRepEmail: 'charlie@parley.example' }), 201);
    const email = `${ids.user}@initech.example`.toLowerCase();
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
    const order = {
      number: unique('SO').replace(' ', '-'),
      status: 'Open',
      total: '99.50',
      currency: 'EUR',
      customerUserExternalId: ids.user,
    };
    ok(await store.put(`/orders/${ids.order}`, order), 201);
    return { ...ids, email, orderBody: order };
  }

  describe('PUT', () => {
    it('creates (201), then the same body changes nothing (200, same updatedAt), then a change updates it', async () => {
      const id = externalId('cust');
      const body = { name: unique('Umbrella'), salesRepEmail: 'charlie@parley.example' };
      const created = ok(await store.put(`/customers/${id}`, body), 201);
      expect(created).toMatchObject({ externalId: id, name: body.name, parentExternalId: null, salesRepEmail: 'charlie@parley.example' });
      const again = ok(await store.put(`/customers/${id}`, body), 200);
      expect(again).toEqual(created);
      const renamed = ok(await store.put(`/customers/${id}`, { ...body, name: `${body.name} Ltd` }), 200);
      expect(renamed.name).toBe(`${body.name} Ltd`);
      expect(renamed.updatedAt >= created.updatedAt).toBe(true);
      expect(ok(await store.get(`/customers/${id}`))).toEqual(renamed);
      // the back-office sees the same customer, with its representative
      expect(ok(await john.get(`/customers/${created.id}`))).toMatchObject({ name: renamed.name, salesRep: { name: 'Charlie Sheen' } });
    });

    it('keeps orders with their lines, and answers unknown references with their field', async () => {
      const { user } = await directory();
      const id = externalId('order');
      const body = {
        number: unique('SO').replace(' ', '-'),
        status: 'Processing',
        total: '1250.00',
        currency: 'USD',
        createdAt: '2026-11-01T10:00:00+01:00',
        customerUserExternalId: user,
        lines: [{ sku: 'W-1', name: 'Widget', quantity: 5, price: '250.00' }],
      };
      const created = ok(await store.put(`/orders/${id}`, body), 201);
      expect(created).toMatchObject({ type: 'order', number: body.number, createdAt: '2026-11-01T09:00:00.000Z', lines: body.lines });
      expect(ok(await store.put(`/orders/${id}`, body), 200).updatedAt).toBe(created.updatedAt);
      expectError(await store.get(`/quotes/${id}`), 404, 'RECORD_NOT_FOUND');
      expectError(
        await store.put(`/orders/${externalId()}`, { ...body, number: 'X-1', customerUserExternalId: 'nobody' }),
        400,
        'VALIDATION_FAILED',
        {
          customerUserExternalId: 'No customer user has this externalId.',
        },
      );
      expectError(await store.put(`/orders/${externalId()}`, body), 409, 'EXTERNAL_ID_CONFLICT', {
        number: `The order with externalId ${id} has this number.`,
      });
      expectError(
        await store.put(`/customer-users/${externalId()}`, {
          email: 'x@y.example',
          firstName: 'A',
          lastName: 'B',
          role: 'buyer',
          customerExternalId: 'none',
        }),
        400,
        'VALIDATION_FAILED',
        { customerExternalId: 'No customer has this externalId.' },
      );
      expectError(await store.put(`/customers/${externalId()}`, { name: '' }), 400, 'VALIDATION_FAILED', {
        name: 'This value should not be blank.',
      });
    });

    it('refuses an email that another externalId holds, and adopts a customer user made in Parley by their email', async () => {
      const { customer, email, user } = await directory();
      const other = { email, firstName: 'Other', lastName: 'Person', role: 'buyer', customerExternalId: customer };
      expectError(await store.put(`/customer-users/${externalId()}`, other), 409, 'EXTERNAL_ID_CONFLICT', {
        email: `The customer user with externalId ${user} has this email.`,
      });
      const adopted = ok(
        await store.put(`/backoffice-users/${externalId('staff')}`, {
          email: 'charlie@parley.example',
          firstName: 'Charlie',
          lastName: 'Sheen',
          role: 'sales_manager',
        }),
        200,
      );
      expect(adopted).toMatchObject({ email: 'charlie@parley.example', active: true });
    });
  });

  describe('bulk', () => {
    it('writes a child before its parent, kinds mixed, and answers each line; the same import again changes nothing', async () => {
      const [parent, child, user, quote] = [externalId('p'), externalId('c'), externalId('u'), externalId('q')];
      const lines = [
        {
          kind: 'quote',
          externalId: quote,
          number: unique('Q').replace(' ', '-'),
          status: 'Open',
          total: '10.00',
          currency: 'USD',
          customerUserExternalId: user,
        },
        {
          kind: 'customer_user',
          externalId: user,
          email: `${user}@x.example`.toLowerCase(),
          firstName: 'Ann',
          lastName: 'Lee',
          role: 'administrator',
          customerExternalId: child,
        },
        { kind: 'customer', externalId: child, name: unique('Child'), parentExternalId: parent },
        { kind: 'customer', externalId: parent, name: unique('Parent') },
        { kind: 'customer', externalId: externalId(), name: '' },
        { kind: 'planet', externalId: 'x' },
      ];
      const first = ok(await store.bulk(lines));
      expect(first.counts).toEqual({ created: 4, updated: 0, unchanged: 0, failed: 2 });
      expect(first.results.map((r: { line: number; outcome: string }) => [r.line, r.outcome])).toEqual([
        [1, 'created'],
        [2, 'created'],
        [3, 'created'],
        [4, 'created'],
        [5, 'failed'],
        [6, 'failed'],
      ]);
      expect(first.results[4].error).toEqual({
        code: 'VALIDATION_FAILED',
        message: expect.any(String),
        fields: { name: 'This value should not be blank.' },
      });
      expect(first.results[5].error.fields).toEqual({ kind: expect.stringContaining('customer_user') });
      expect(ok(await store.get(`/customers/${child}`)).parentExternalId).toBe(parent);
      expect(ok(await store.get(`/quotes/${quote}`)).customerUserExternalId).toBe(user);

      const again = ok(await store.bulk(lines.slice(0, 4)));
      expect(again.counts).toEqual({ created: 0, updated: 0, unchanged: 4, failed: 0 });
    });

    it('answers a line whose parent is missing with its field, and refuses lines beyond the token’s scopes', async () => {
      const recordsOnly = await newStore(h().app, john, ['records:write']);
      const res = ok(
        await recordsOnly.bulk([
          { kind: 'customer', externalId: externalId(), name: 'No scope' },
          {
            kind: 'order',
            externalId: externalId(),
            number: 'N-1',
            status: 'Open',
            total: '1',
            currency: 'USD',
            customerUserExternalId: 'ghost',
          },
        ]),
      );
      expect(res.results.map((r: { error: { code: string; fields?: unknown } }) => [r.error.code, r.error.fields])).toEqual([
        ['FORBIDDEN', undefined],
        ['VALIDATION_FAILED', { customerUserExternalId: 'No customer user has this externalId.' }],
      ]);
      const conversationsOnly = await newStore(h().app, john, ['conversations:read']);
      expectError(await conversationsOnly.bulk([]), 403, 'FORBIDDEN');
    });

    it('replays the first answer for a retried Idempotency-Key', async () => {
      const id = externalId();
      const key = unique('key');
      const first = await store.bulk([{ kind: 'customer', externalId: id, name: 'Once' }], { 'idempotency-key': key });
      expect(ok(first).counts.created).toBe(1);
      const retry = await store.bulk([{ kind: 'customer', externalId: id, name: 'Once' }], { 'idempotency-key': key });
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(ok(retry)).toEqual(ok(first));
      expectError(
        await store.bulk([{ kind: 'customer', externalId: id, name: 'Other' }], { 'idempotency-key': key }),
        422,
        'IDEMPOTENCY_KEY_REUSED',
      );
    });
  });

  describe('lists', () => {
    it('page by keyset in change order, and updatedSince keeps the later changes', async () => {
      const names = Array.from({ length: 5 }, () => externalId('page'));
      for (const id of names) ok(await store.put(`/customers/${id}`, { name: id }), 201);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      const since = ok(await store.get(`/customers/${names[0]}`)).updatedAt as string;
      do {
        const page: { items: { externalId: string }[]; nextCursor: string | null } = ok(
          await store.get(`/customers?limit=2&updatedSince=${encodeURIComponent(since)}${cursor ? `&cursor=${cursor}` : ''}`),
        );
        seen.push(...page.items.map((c) => c.externalId));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor && pages < 50);
      expect(seen.filter((id) => names.includes(id))).toEqual(names);
      expect(new Set(seen).size).toBe(seen.length);

      ok(await store.put(`/customers/${names[1]}`, { name: 'changed' }));
      const later = ok(await store.get(`/customers/${names[1]}`)).updatedAt as string;
      const changed = ok(await store.get(`/customers?updatedSince=${encodeURIComponent(later)}`)).items.map(
        (c: { externalId: string }) => c.externalId,
      );
      expect(changed).toContain(names[1]);
      expect(changed).not.toContain(names[0]);
      expectError(await store.get('/customers?cursor=nonsense'), 400, 'VALIDATION_FAILED', {
        cursor: 'Use the nextCursor of a previous page.',
      });
      expectError(await store.get('/customers?updatedSince=yesterday'), 400, 'VALIDATION_FAILED', { updatedSince: expect.any(String) });
    });
  });

  describe('deletes and conversations', () => {
    it('a conversation written as a back-office user and as the system; a deleted record leaves it without source', async () => {
      const { user, order } = await directory();
      const start = await store.post('/conversations', {
        name: 'About your order',
        customerUserExternalId: user,
        record: { type: 'order', externalId: order },
        message: 'Your order has shipped.',
        author: { email: 'charlie@parley.example' },
      });
      const { conversation, message } = ok(start, 201);
      expect(conversation).toMatchObject({ name: 'About your order', owner: { name: 'Charlie Sheen' }, source: { type: 'order' } });
      expect(message).toMatchObject({ type: 'text', author: { kind: 'backoffice_user', name: 'Charlie Sheen' } });
      const system = ok(await store.post(`/conversations/${conversation.id}/messages`, { body: 'Tracking: 1Z999', author: 'system' }), 201);
      expect(system).toMatchObject({ type: 'system', author: null, seq: 2 });
      const thread = ok(await store.get(`/conversations/${conversation.id}/messages`));
      expect(thread.items.map((m: { body: string }) => m.body)).toEqual(['Your order has shipped.', 'Tracking: 1Z999']);
      const mine = ok(await store.get(`/conversations?customerUserExternalId=${user}`));
      expect(mine.items.map((c: { id: number }) => c.id)).toEqual([conversation.id]);

      expect((await store.request('DELETE', `/orders/${order}`)).statusCode).toBe(204);
      expectError(await store.get(`/orders/${order}`), 404, 'RECORD_NOT_FOUND');
      await expect.poll(async () => ok(await store.get(`/conversations/${conversation.id}`)).source, { timeout: 5000 }).toBeNull();
      expectError(await store.request('DELETE', `/orders/${order}`), 404, 'RECORD_NOT_FOUND');
    });

    it('a deleted customer user keeps their messages, shown as a deleted user', async () => {
      const { user, email } = await directory();
      const started = ok(
        await store.post('/conversations', { name: 'Hello', customerUserExternalId: user, message: 'Welcome aboard.', author: 'system' }),
        201,
      );
      expect(started.message).toMatchObject({ type: 'system', author: null });
      const customerUserId = started.conversation.customerUser.id;
      expect((await store.request('DELETE', `/customer-users/${user}`)).statusCode).toBe(204);
      expectError(await store.get(`/customer-users/${user}`), 404, 'CUSTOMER_USER_NOT_FOUND');
      const row = ok(await john.get(`/customer-users/${customerUserId}`));
      expect(row).toMatchObject({ deleted: true, name: 'Deleted user' });
      expect(row.email).not.toBe(email);
      expect(ok(await store.get(`/conversations/${started.conversation.id}`)).customerUser.name).toBe('Deleted user');
    });

    it('refuses an unknown author, a closed conversation, and replays a retried post', async () => {
      const { user } = await directory();
      const { conversation } = ok(
        await store.post('/conversations', { name: 'Retry', customerUserExternalId: user, message: 'First', author: 'system' }),
        201,
      );
      expectError(
        await store.post(`/conversations/${conversation.id}/messages`, { body: 'x', author: { email: 'nobody@parley.example' } }),
        400,
        'VALIDATION_FAILED',
        {
          'author.email': 'No active back-office user has this id.',
        },
      );
      const key = { 'idempotency-key': unique('post') };
      const first = ok(await store.post(`/conversations/${conversation.id}/messages`, { body: 'Once', author: 'system' }, key), 201);
      const retry = await store.post(`/conversations/${conversation.id}/messages`, { body: 'Once', author: 'system' }, key);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(ok(retry, 201)).toEqual(first);
      ok(await john.post(`/conversations/${conversation.id}/close`));
      expectError(
        await store.post(`/conversations/${conversation.id}/messages`, { body: 'late', author: 'system' }),
        409,
        'CONVERSATION_CLOSED',
      );
      expectError(await store.get('/conversations/999999'), 404, 'CONVERSATION_NOT_FOUND');
    });
  });
});
