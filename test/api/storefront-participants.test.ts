// Colleagues on the storefront: whom a customer user may add (an
// Administrator their customer tree, a Buyer their own customer), taking
// them out again (never the customer user who started it, never staff, whom
// customers do not see), the setting that turns it off, and the back-office
// picker's search over a customer's whole tree.
import { beforeAll, expect, it } from 'vitest';
import { describeApi, type Agent } from '../support/api';
import { expectError } from '../support/errors';
import { customerUserId, newConversation, ok } from '../support/fixtures';

type People = { items: { id: number; name: string; kind: string }[]; mayChange: boolean };
const names = (people: People) => people.items.map((p) => p.name).sort();

describeApi('storefront colleagues', (h) => {
  let john: Agent, amanda: Agent, marlene: Agent, ruth: Agent, nancy: Agent;
  const ids = {} as Record<'marlene' | 'ruth', number>;

  beforeAll(async () => {
    [john, amanda, marlene, ruth, nancy] = await Promise.all([
      h().as('john'),
      h().as('amanda'),
      h().as('marlene'),
      h().as('ruth'),
      h().as('nancy'),
    ]);
    for (const who of ['marlene', 'ruth'] as const) ids[who] = await customerUserId(john, who);
  });

  const colleagues = async (who: Agent, q = '') =>
    ok<{ items: { name: string; customer: { name: string } }[] }>(await who.get(`/colleagues${q ? `?q=${q}` : ''}`)).items.map(
      (c) => `${c.name} (${c.customer.name})`,
    );

  it('offers an Administrator the customer tree and a Buyer their own customer', async () => {
    expect(await colleagues(marlene)).toEqual(expect.arrayContaining(['Amanda Cole (Acme Corporation)', 'Ruth Ortiz (Acme West)']));
    expect(await colleagues(amanda)).toContain('Marlene Bradley (Acme Corporation)');
    // not oneself
    expect(await colleagues(amanda)).not.toContain('Amanda Cole (Acme Corporation)');
    expect(await colleagues(amanda)).not.toContain('Ruth Ortiz (Acme West)');
    expect(await colleagues(ruth)).not.toContain('Amanda Cole (Acme Corporation)');
    expect((await colleagues(nancy)).every((c) => c.endsWith('(Globex Inc.)'))).toBe(true);
    expect(await colleagues(marlene, 'ruth')).toEqual(['Ruth Ortiz (Acme West)']);
    expectError(await john.get('/colleagues'), 404, 'NOT_FOUND');
  });

  it('adds and takes out colleagues, each told in the thread; never the customer user who started it, never staff', async () => {
    const { conversation } = await newConversation(amanda);
    const url = `/conversations/${conversation.id}/participants`;
    expect(ok<People>(await amanda.get(url))).toMatchObject({ mayChange: true });
    const added = ok<People>(await amanda.post(url, { customerUserId: ids.marlene }));
    expect(names(added)).toEqual(['Amanda Cole', 'Marlene Bradley']);
    const marleneP = added.items.find((p) => p.name === 'Marlene Bradley')!;
    const amandaP = added.items.find((p) => p.name === 'Amanda Cole')!;

    expectError(await amanda.request('DELETE', `${url}/${amandaP.id}`), 409, 'PARTICIPANT_REQUIRED');
    // staff take part too (John joins by writing), but the storefront knows nothing of them
    ok(await john.post(`/conversations/${conversation.id}/messages`, { body: 'Hello from staff' }), 201);
    const staff = ok<{ items: { id: number; kind: string }[] }>(await john.get(url)).items.find((p) => p.kind === 'backoffice_user')!;
    expectError(await amanda.request('DELETE', `${url}/${staff.id}`), 404, 'PARTICIPANT_NOT_FOUND');
    expectError(await nancy.request('DELETE', `${url}/${marleneP.id}`), 404, 'CONVERSATION_NOT_FOUND');

    const after = ok<People>(await amanda.request('DELETE', `${url}/${marleneP.id}`));
    expect(names(after)).toEqual(['Amanda Cole']);
    expectError(await amanda.request('DELETE', `${url}/${marleneP.id}`), 404, 'PARTICIPANT_NOT_FOUND');
    const thread = ok<{ items: { body: string; type: string }[] }>(await amanda.get(`/conversations/${conversation.id}/messages`)).items;
    expect(thread.filter((m) => m.type === 'system').map((m) => m.body)).toEqual([
      'Amanda Cole added Marlene Bradley',
      'Amanda Cole removed Marlene Bradley',
    ]);
  });

  it('a Buyer takes out only colleagues of their own customer; the Administrator also those of the tree', async () => {
    const { conversation } = await newConversation(amanda);
    const url = `/conversations/${conversation.id}/participants`;
    // Marlene (Administrator of Acme) adds Ruth of Acme West, which Amanda (a Buyer of Acme) could not
    const withRuth = ok<People>(await marlene.post(url, { customerUserId: ids.ruth }));
    const ruthP = withRuth.items.find((p) => p.name === 'Ruth Ortiz')!;
    expectError(await amanda.request('DELETE', `${url}/${ruthP.id}`), 403, 'FORBIDDEN');
    expect(names(ok<People>(await amanda.get(url)))).toContain('Ruth Ortiz');
    expect(names(ok<People>(await marlene.request('DELETE', `${url}/${ruthP.id}`)))).toEqual(['Amanda Cole']);
    expectError(await ruth.get(url), 404, 'CONVERSATION_NOT_FOUND');
  });

  it("the back-office picker searches customer users of a customer's whole tree", async () => {
    const acmeWest = ok<{ items: { id: number; name: string }[] }>(await john.get('/customers?q=Acme%20West')).items[0]!;
    const tree = ok<{ items: { name: string }[] }>(await john.get(`/customer-users?customerTreeOf=${acmeWest.id}&limit=100`)).items;
    expect(tree.map((u) => u.name)).toEqual(expect.arrayContaining(['Amanda Cole', 'Marlene Bradley', 'Ruth Ortiz']));
    expect(tree.map((u) => u.name)).not.toContain('Nancy Sallee');
    const own = ok<{ items: { name: string }[] }>(await john.get(`/customer-users?customerId=${acmeWest.id}&limit=100`)).items;
    expect(own.map((u) => u.name)).toEqual(['Ruth Ortiz']);
    expectError(await john.get('/customer-users?customerTreeOf=abc'), 400, 'VALIDATION_FAILED', { customerTreeOf: expect.any(String) });
  });
});

describeApi(
  'storefront colleagues turned off',
  (h) => {
    it('PARLEY_STOREFRONT_PARTICIPANTS=off: mayChange is false and taking out is FORBIDDEN too', async () => {
      const [john, amanda] = [await h().as('john'), await h().as('amanda')];
      const { conversation } = await newConversation(amanda);
      const url = `/conversations/${conversation.id}/participants`;
      const marlene = await customerUserId(john, 'marlene');
      const people = ok<{ items: { id: number; name: string }[] }>(await john.post(url, { kind: 'customer_user', userId: marlene }));
      expect(ok<People>(await amanda.get(url)).mayChange).toBe(false);
      const marleneP = people.items.find((p) => p.name === 'Marlene Bradley')!;
      expectError(await amanda.request('DELETE', `${url}/${marleneP.id}`), 403, 'FORBIDDEN');
      expect(names(ok<People>(await amanda.get(url)))).toEqual(['Amanda Cole', 'Marlene Bradley']);
    });
  },
  { env: { PARLEY_STOREFRONT_PARTICIPANTS: 'off' } },
);
