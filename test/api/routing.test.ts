// Routing: a conversation a customer starts is owned by the customer's sales
// representative, or the nearest parent customer's, else the default owner of
// Settings > Routing, else nobody (the grid's Unassigned view: owner=none).
import { beforeAll, expect, it } from 'vitest';
import { describeApi, type Agent } from '../support/api';
import { expectError } from '../support/errors';
import { backofficeUserId, newConversation, ok, unique } from '../support/fixtures';
import { externalId, newStore, type Store } from '../support/integration';

describeApi('routing', (h) => {
  let john: Agent, charlie: Agent, store: Store;
  const ids = {} as Record<'john' | 'charlie', number>;

  beforeAll(async () => {
    [john, charlie] = [await h().as('john'), await h().as('charlie')];
    ids.john = await backofficeUserId(john, 'John Doe');
    ids.charlie = await backofficeUserId(john, 'Charlie Sheen');
    store = await newStore(h().app, john);
  });

  /** A customer without a sales representative anywhere up its tree, and a conversation the store starts for one of its users. */
  async function conversationOfRepless() {
    const customer = externalId('C');
    const user = externalId('U');
    ok(await store.put(`/customers/${customer}`, { name: unique('Initech'), parentExternalId: null }), 201);
    ok(
      await store.put(`/customer-users/${user}`, {
        email: `${user}@initech.example`,
        firstName: 'Peter',
        lastName: 'Gibbons',
        role: 'buyer',
        customerExternalId: customer,
      }),
      201,
    );
    return ok(
      await store.post('/conversations', { name: unique(), customerUserExternalId: user, message: 'Hello', author: 'system' }),
      201,
    );
  }

  it("the customer's sales representative, or the nearest parent customer's", async () => {
    const amanda = (await newConversation(await h().as('amanda'))).conversation;
    expect(amanda.owner).toEqual({ id: ids.charlie, name: 'Charlie Sheen' });
    // Acme West has no representative of its own: Acme's
    const ruth = (await newConversation(await h().as('ruth'))).conversation;
    expect(ruth.owner).toEqual({ id: ids.charlie, name: 'Charlie Sheen' });
  });

  it('else the default owner of Settings > Routing, else nobody; the Unassigned view lists those without owner', async () => {
    expect(ok(await john.get('/settings/routing'))).toEqual({ defaultOwner: null });
    const nobodys = await conversationOfRepless();
    expect(nobodys.conversation.owner).toBeNull();
    const unassigned = ok<{ items: { id: number }[] }>(await john.get('/conversations?owner=none&pageSize=200')).items.map((c) => c.id);
    expect(unassigned).toContain(nobodys.conversation.id);

    expect(ok(await john.request('PATCH', '/settings/routing', { defaultOwnerId: ids.john }))).toEqual({
      defaultOwner: { id: ids.john, name: 'John Doe' },
    });
    const johns = await conversationOfRepless();
    expect(johns.conversation.owner).toEqual({ id: ids.john, name: 'John Doe' });
    // a customer with a representative still goes to them
    expect((await newConversation(await h().as('nancy'))).conversation.owner).toEqual({ id: ids.john, name: 'John Doe' });
    expect((await newConversation(await h().as('amanda'))).conversation.owner?.name).toBe('Charlie Sheen');

    ok(await john.request('PATCH', '/settings/routing', { defaultOwnerId: null }));
    expect((await conversationOfRepless()).conversation.owner).toBeNull();
  });

  it('only an Administrator changes the routing; the default owner must exist', async () => {
    expectError(await charlie.request('PATCH', '/settings/routing', { defaultOwnerId: ids.charlie }), 403, 'FORBIDDEN');
    ok(await charlie.get('/settings/routing'));
    expectError(await john.request('PATCH', '/settings/routing', { defaultOwnerId: 999_999 }), 400, 'VALIDATION_FAILED', {
      defaultOwnerId: expect.any(String),
    });
    expectError(await john.request('PATCH', '/settings/routing', {}), 400, 'VALIDATION_FAILED', { defaultOwnerId: expect.any(String) });
  });
});
