import { beforeAll, expect, it } from 'vitest';
import { describeApi, type Agent } from '../support/api';
import { expectError } from '../support/errors';
import {
  backofficeConversation,
  backofficeUserId,
  closedConversation,
  customerUserId,
  demoConversations,
  namesAmong,
  newConversation,
  ok,
  recordId,
  sortedIds,
  unique,
  type ConversationSummary as Row,
} from '../support/fixtures';

const BLANK = 'This value should not be blank.';

// The demo conversations are read by several tests here, so no test writes to
// them: a test that writes makes its own conversation. Tests that delete demo
// people or records have a database of their own (below) or delete what no
// other test reads.
describeApi('back-office conversations', (h) => {
  let john: Agent, charlie: Agent, amanda: Agent, nancy: Agent;
  let amandaId: number, johnId: number, so1001: number, q3201: number;
  let demo: Record<string, number>;
  const grid = async (who: Agent, query: string) =>
    ok<{ items: Row[]; total: number }>(await who.get(`/conversations?pageSize=200&${query}`));
  beforeAll(async () => {
    [john, charlie, amanda, nancy] = await Promise.all([h().as('john'), h().as('charlie'), h().as('amanda'), h().as('nancy')]);
    [amandaId, johnId, so1001, q3201] = await Promise.all([
      customerUserId(john, 'amanda'),
      backofficeUserId(john, 'John Doe'),
      recordId(john, 'SO-1001'),
      recordId(john, 'Q-3201'),
    ]);
    demo = await demoConversations(john);
  });

  it('creates a conversation for a customer user from their order, owned by me, with no message yet', async () => {
    const res = await charlie.post('/conversations', { name: 'Order SO-1001', customerUserId: amandaId, recordId: so1001 });
    expect(res.statusCode).toBe(201);
    expect(res.json().conversation).toMatchObject({
      name: 'Order SO-1001',
      messagesCount: 0,
      status: 'active',
      owner: { name: 'Charlie Sheen' },
      source: { label: 'Order SO-1001' },
      customer: { name: 'Acme Corporation' },
      customerUser: { name: 'Amanda Cole' },
    });
    expect(res.json().message).toBeNull();
    // Amanda sees it on her side
    const mine = (await amanda.get('/conversations?limit=100')).json().items.map((c: Row) => c.id);
    expect(mine).toContain(res.json().conversation.id);
  });

  it('validates the create form field by field', async () => {
    const blank = await john.post('/conversations', { name: ' ' });
    expectError(blank, 400, 'VALIDATION_FAILED', { name: BLANK, customerUserId: BLANK });
    const noUser = await john.post('/conversations', { name: 'X', customerUserId: 99999 });
    expectError(noUser, 400, 'VALIDATION_FAILED', { customerUserId: expect.any(String) });
    // Nancy's quote is not Amanda's record
    const wrongRecord = await john.post('/conversations', { name: 'X', customerUserId: amandaId, recordId: q3201 });
    expectError(wrongRecord, 400, 'VALIDATION_FAILED', { recordId: expect.any(String) });
    const noOwner = await john.post('/conversations', { name: 'X', customerUserId: amandaId, ownerId: 424242 });
    expectError(noOwner, 400, 'VALIDATION_FAILED', { ownerId: expect.any(String) });
    // the same owner rule as reassigning: a Sales Manager may only take it himself (or leave it unowned)
    const forOther = await charlie.post('/conversations', { name: 'X', customerUserId: amandaId, ownerId: johnId });
    expectError(forOther, 403, 'FORBIDDEN');
    expect(
      (await charlie.post('/conversations', { name: unique('Unowned'), customerUserId: amandaId, ownerId: null })).json().conversation
        .owner,
    ).toBeNull();
  });

  it('filters, sorts and pages the grid, with a total', async () => {
    // one of its own for each filter below, beside the demo ones
    const fromOrder = (await backofficeConversation(charlie, { customerUserId: amandaId, recordId: so1001 })).conversation;
    const closed = await closedConversation(charlie, { customerUserId: amandaId });
    const unowned = (await backofficeConversation(john, { customerUserId: amandaId, ownerId: null })).conversation;
    const ofGlobex = (await newConversation(nancy)).conversation;
    const mine = [fromOrder.id, closed.id, unowned.id, ofGlobex.id];
    const all = await grid(john, '');
    expect(all.total).toBe(all.items.length);
    /** what a filter must answer: the conversations of the whole grid that `keep` picks */
    const picked = (keep: (r: Row) => boolean) => sortedIds(all.items.filter(keep));
    const byName = await grid(john, 'name=so-10&sort=name&order=asc');
    expect(sortedIds(byName.items)).toEqual(picked((r) => r.name.toLowerCase().includes('so-10')));
    expect(byName.items.map((r) => r.name)).toContain('Order SO-1001');
    expect(byName.items.map((r: Row) => r.name)).toEqual([...byName.items.map((r: Row) => r.name)].sort());
    const closedOnes = await grid(john, 'status=closed');
    expect(namesAmong(closedOnes.items, demo, ...mine)).toEqual(['Payment terms', closed.name].sort());
    expect(sortedIds(closedOnes.items)).toEqual(picked((r) => r.status === 'closed'));
    const globex = await grid(john, 'customer=globex');
    expect(namesAmong(globex.items, demo, ...mine)).toEqual(['Quote Q-3201', ofGlobex.name].sort());
    expect(sortedIds(globex.items)).toEqual(picked((r) => r.customer.name === 'Globex Inc.'));
    const ofOrder = await grid(john, 'source=SO-1001');
    expect(namesAmong(ofOrder.items, demo, ...mine)).toEqual(['Order SO-1001', fromOrder.name].sort());
    expect(sortedIds(ofOrder.items)).toEqual(picked((r) => r.source?.label === 'Order SO-1001'));
    expect(ofOrder.total).toBe(ofOrder.items.length);
    const amandas = await grid(john, 'customerUser=Amanda%20Cole');
    expect(sortedIds(amandas.items)).toEqual(picked((r) => r.customerUser.name === 'Amanda Cole'));
    expect(amandas.items.map((r) => r.id)).toEqual(expect.arrayContaining(mine.slice(0, 3)));
    const busy = await grid(john, 'messagesMin=3');
    expect(sortedIds(busy.items)).toEqual(picked((r) => r.messagesCount >= 3));
    expect(busy.items.map((r) => r.id)).toContain(demo['Order SO-1001']);
    const noOwner = await grid(john, 'owner=none');
    expect(namesAmong(noOwner.items, demo, ...mine)).toEqual([unowned.name]);
    expect(sortedIds(noOwner.items)).toEqual(picked((r) => r.owner === null));
    const paged = (await john.get('/conversations?pageSize=2&page=2&sort=createdAt&order=asc')).json();
    const reference = (await john.get('/conversations?pageSize=200&sort=createdAt&order=asc')).json();
    expect(paged.items.map((r: Row) => r.id)).toEqual(reference.items.slice(2, 4).map((r: Row) => r.id));
    expect(paged).toMatchObject({ page: 2, pageSize: 2, total: reference.total });
    const today = new Date().toISOString().slice(0, 10);
    const createdToday = await grid(john, `createdFrom=${today}&createdTo=${today}`);
    expect(createdToday.items.every((r) => r.createdAt.startsWith(today))).toBe(true);
    expect(sortedIds(createdToday.items)).toEqual(picked((r) => r.createdAt.startsWith(today)));
    expectError(await john.get('/conversations?createdFrom=yesterday'), 400, 'VALIDATION_FAILED', { createdFrom: expect.any(String) });
    expectError(await john.get('/conversations?sort=password'), 400, 'VALIDATION_FAILED', { sort: expect.any(String) });
  });

  it('My Conversations: the ones I take part in', async () => {
    const charlies = (await backofficeConversation(charlie, { customerUserId: amandaId })).conversation;
    const johns = (await backofficeConversation(john, { customerUserId: amandaId })).conversation;
    const mine = sortedIds((await grid(charlie, 'mine=true&status=active')).items);
    const all = sortedIds((await grid(charlie, 'status=active')).items);
    expect(mine).not.toContain(demo['Quote Q-3201']); // John's
    expect(all).toContain(demo['Quote Q-3201']);
    expect(mine).toContain(demo['Order SO-1001']); // Charlie's
    expect(mine).toContain(charlies.id);
    expect(mine).not.toContain(johns.id);
    expect(all).toEqual(expect.arrayContaining([charlies.id, johns.id]));
  });

  it('posts, and lets only an Administrator post on behalf of another participant', async () => {
    const conv = (await backofficeConversation(charlie, { customerUserId: amandaId })).conversation;
    const first = await charlie.post(`/conversations/${conv.id}/messages`, { body: 'Hello Amanda' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ seq: 1, author: { name: 'Charlie Sheen', role: 'sales_manager' }, sentBy: null });
    // what a post answers is exactly what the thread reads back later
    expect((await amanda.get(`/conversations/${conv.id}/messages`)).json().items[0]).toEqual(first.json());
    const participants = (await john.get(`/conversations/${conv.id}/participants`)).json().items;
    const charlieP = participants.find((p: { name: string }) => p.name === 'Charlie Sheen');
    const amandaP = participants.find((p: { name: string }) => p.name === 'Amanda Cole');
    expect(amandaP).toBeDefined();

    const denied = await charlie.post(`/conversations/${conv.id}/messages`, { body: 'as Amanda', onBehalfOfParticipantId: amandaP.id });
    expectError(denied, 403, 'FORBIDDEN');

    const behalf = await john.post(`/conversations/${conv.id}/messages`, { body: 'Following up', onBehalfOfParticipantId: charlieP.id });
    expect(behalf.statusCode).toBe(201);
    expect(behalf.json()).toMatchObject({ seq: 2, author: { name: 'Charlie Sheen' }, sentBy: { name: 'John Doe' } });
    // John did not become a participant by writing in Charlie's name
    const after = (await john.get(`/conversations/${conv.id}/participants`)).json().items;
    expect(after.map((p: { name: string }) => p.name)).not.toContain('John Doe');
    const all = (await john.get(`/conversations/${conv.id}/all-messages`)).json().items;
    expect(all.map((m: { seq: number; author: { name: string } }) => [m.seq, m.author.name])).toEqual([
      [1, 'Charlie Sheen'],
      [2, 'Charlie Sheen'],
    ]);
    const filtered = (await john.get(`/conversations/${conv.id}/all-messages?text=follow`)).json().items;
    expect(filtered.map((m: { seq: number }) => m.seq)).toEqual([2]);
    const notParticipant = await john.post(`/conversations/${conv.id}/messages`, { body: 'x', onBehalfOfParticipantId: 999999 });
    expectError(notParticipant, 400, 'VALIDATION_FAILED', { onBehalfOfParticipantId: expect.any(String) });
    // Amanda has two unread messages, none of them hers
    const amandaView = (await amanda.get(`/conversations/${conv.id}`)).json();
    expect(amandaView.unreadCount).toBe(2);
  });

  it('closes and reopens through the transitions, keeping history and system messages', async () => {
    const conv = (await backofficeConversation(charlie, { customerUserId: amandaId })).conversation;
    const closed = await charlie.post(`/conversations/${conv.id}/close`);
    expect(closed.statusCode).toBe(200);
    expect(closed.json().status).toBe('closed');
    expectError(await charlie.post(`/conversations/${conv.id}/close`), 409, 'INVALID_STATUS_TRANSITION');
    for (const who of [charlie, john]) {
      expectError(
        await who.post(`/conversations/${conv.id}/messages`, { body: 'after close' }),
        409,
        'CONVERSATION_CLOSED',
        undefined,
        who.name,
      );
    }
    expectError(await amanda.post(`/conversations/${conv.id}/messages`, { body: 'after close' }), 409, 'CONVERSATION_CLOSED');
    expect((await john.post(`/conversations/${conv.id}/reopen`)).json().status).toBe('active');
    expectError(await john.post(`/conversations/${conv.id}/reopen`), 409, 'INVALID_STATUS_TRANSITION');
    const history = (await john.get(`/conversations/${conv.id}/history`)).json().items;
    expect(
      history.map((s: { fromStatus: string; toStatus: string; changedBy: { name: string } }) => [
        s.fromStatus,
        s.toStatus,
        s.changedBy.name,
      ]),
    ).toEqual([
      ['active', 'closed', 'Charlie Sheen'],
      ['closed', 'active', 'John Doe'],
    ]);
    const thread = (await amanda.get(`/conversations/${conv.id}/messages`)).json().items;
    expect(thread.map((m: { type: string; body: string }) => [m.type, m.body])).toEqual([
      ['system', 'Charlie Sheen closed the conversation.'],
      ['system', 'John Doe reopened the conversation.'],
    ]);
    // a system message is news to the customer user, but not a "message" in the grid's count
    expect((await amanda.get(`/conversations/${conv.id}`)).json().unreadCount).toBe(2);
    expect((await john.get(`/conversations/${conv.id}`)).json().messagesCount).toBe(0);
    // customers cannot change status: there is no such route on their side
    expectError(await amanda.post(`/conversations/${conv.id}/close`), 404, 'NOT_FOUND');
  });

  it('renames; only an Administrator reassigns to someone else', async () => {
    const conv = (await backofficeConversation(charlie, { customerUserId: amandaId, name: unique('Rename me') })).conversation;
    const newName = unique('Renamed');
    const renamed = await charlie.request('PATCH', `/conversations/${conv.id}`, { name: newName });
    expect(renamed.json().name).toBe(newName);
    const blank = await charlie.request('PATCH', `/conversations/${conv.id}`, { name: '' });
    expectError(blank, 400, 'VALIDATION_FAILED', { name: BLANK });
    const denied = await charlie.request('PATCH', `/conversations/${conv.id}`, { ownerId: johnId });
    expectError(denied, 403, 'FORBIDDEN');
    const reassigned = await john.request('PATCH', `/conversations/${conv.id}`, { ownerId: johnId });
    expect(reassigned.json().owner).toEqual({ id: johnId, name: 'John Doe' });
    const unowned = await john.request('PATCH', `/conversations/${conv.id}`, { ownerId: null });
    expect(unowned.json().owner).toBeNull();
  });

  it('deletes one or many, for Administrators only', async () => {
    const tag = unique('Del');
    const make = async (name: string) =>
      (await backofficeConversation(charlie, { name: `${tag} ${name}`, customerUserId: amandaId })).conversation.id;
    const [a, b, c] = [await make('A'), await make('B'), await make('C')];
    expectError(await charlie.request('DELETE', `/conversations/${a}`), 403, 'FORBIDDEN');
    expectError(await charlie.post('/conversations/delete', { ids: [b, c] }), 403, 'FORBIDDEN');
    expect(sortedIds((await grid(john, `name=${encodeURIComponent(tag)}`)).items)).toEqual([a, b, c]);
    expect((await john.request('DELETE', `/conversations/${a}`)).json()).toEqual({ deleted: 1 });
    expectError(await john.request('DELETE', `/conversations/${a}`), 404, 'CONVERSATION_NOT_FOUND');
    expect((await john.post('/conversations/delete', { ids: [b, c, 987654] })).json()).toEqual({ deleted: 2 });
    const left = (await grid(john, `name=${encodeURIComponent(tag)}`)).items;
    expect(left).toEqual([]);
    expectError(await amanda.get(`/conversations/${b}`), 404, 'CONVERSATION_NOT_FOUND');
  });

  it('shows the unread indicator: how many, and the latest four with a 50-character preview', async () => {
    const conv = (await backofficeConversation(charlie, { customerUserId: amandaId, name: unique('Indicator') })).conversation;
    const before = (await charlie.get('/unread')).json().count;
    const long = 'This message is certainly longer than fifty characters, by quite a lot.';
    await amanda.post(`/conversations/${conv.id}/messages`, { body: long });
    const after = (await charlie.get('/unread')).json();
    expect(after.count).toBe(before + 1);
    expect(after.latest).toHaveLength(Math.min(4, after.count));
    expect(after.latest[0]).toMatchObject({ conversationId: conv.id, name: conv.name, authorName: 'Amanda Cole' });
    expect(after.latest[0].preview.length).toBeLessThanOrEqual(50);
    expect(long.startsWith(after.latest[0].preview.replace(/…$/, ''))).toBe(true);
    const unread = (await grid(charlie, 'unread=true')).items;
    expect(unread.find((r) => r.id === conv.id)!.unreadCount).toBe(1);
    await charlie.post(`/conversations/${conv.id}/read`, { upToSeq: 1 });
    expect((await charlie.get('/unread')).json().count).toBe(before);
  });

  it('lists customers, customer users and records, with their conversations', async () => {
    const customers = (await john.get('/customers')).json();
    expect(customers.items.map((c: { name: string }) => c.name)).toEqual(['Acme Corporation', 'Acme West', 'Globex Inc.']);
    const acmeWest = customers.items[1];
    expect(acmeWest.parent.name).toBe('Acme Corporation');
    expect((await john.get(`/customers/${acmeWest.id}`)).json().name).toBe('Acme West');
    expectError(await john.get('/customers/9999'), 404, 'CUSTOMER_NOT_FOUND');
    const users = (await john.get(`/customer-users?customerId=${acmeWest.id}`)).json().items;
    expect(users.map((u: { name: string }) => u.name)).toEqual(['Ruth Ortiz']);
    expectError(await john.get('/customer-users/9999'), 404, 'CUSTOMER_USER_NOT_FOUND');
    const ofCustomer = (await grid(john, `customerId=${acmeWest.id}`)).items;
    expect(namesAmong(ofCustomer, demo)).toEqual(['Order SO-1101']);
    expect(ofCustomer.every((r) => r.customer.id === acmeWest.id)).toBe(true);
    const amandaRecords = (await john.get(`/records?customerUserId=${amandaId}`)).json().items;
    expect(amandaRecords.map((r: { number: string }) => r.number).sort()).toEqual(['Q-3001', 'RFQ-2001', 'SO-1001', 'SO-1002']);
    const ofRecord = (await grid(john, `recordId=${so1001}`)).items;
    expect(ofRecord.every((r) => r.source?.label === 'Order SO-1001')).toBe(true);
    expect(ofRecord.map((r) => r.id)).toContain(demo['Order SO-1001']);
    expectError(await john.get('/records/99999'), 404, 'RECORD_NOT_FOUND');
  });

  it('deleting a record keeps its conversations and clears their source', async () => {
    const nancysOrder = (await john.get('/records?q=SO-1202')).json().items[0];
    const { conversation } = (
      await nancy.post('/conversations', { subject: 'Order SO-1202', message: 'Hi', recordId: nancysOrder.id })
    ).json();
    expectError(await charlie.request('DELETE', `/records/${nancysOrder.id}`), 403, 'FORBIDDEN');
    expect((await john.request('DELETE', `/records/${nancysOrder.id}`)).statusCode).toBe(204);
    const kept = (await nancy.get(`/conversations/${conversation.id}`)).json();
    expect(kept).toMatchObject({ id: conversation.id, name: 'Order SO-1202', source: null, messagesCount: 1 });
    expectError(await nancy.get(`/orders/${nancysOrder.id}`), 404, 'RECORD_NOT_FOUND');
  });
});

// Apart, on a database of its own: Ruth and Acme West are what other tests above read.
describeApi('back-office: deleting a customer user', (h) => {
  it('deleting a customer user keeps their conversations and messages, shown as "Deleted user"', async () => {
    const [john, charlie] = [await h().as('john'), await h().as('charlie')];
    const ruthUser = (await john.get('/customer-users?q=ruth')).json().items[0];
    const ruthConv = (await john.get(`/conversations?customerUserId=${ruthUser.id}`)).json().items[0];
    expectError(await charlie.request('DELETE', `/customer-users/${ruthUser.id}`), 403, 'FORBIDDEN');
    expect((await john.request('DELETE', `/customer-users/${ruthUser.id}`)).statusCode).toBe(204);
    const kept = (await john.get(`/conversations/${ruthConv.id}`)).json();
    expect(kept.customerUser.name).toBe('Deleted user');
    const thread = (await john.get(`/conversations/${ruthConv.id}/messages`)).json().items;
    expect(thread[0].author).toMatchObject({ name: 'Deleted user', deleted: true });
    expect(thread).toHaveLength(2);
    // Ruth can no longer sign in
    const signIn = await h().app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'ruth@acmewest.example', password: 'parley-demo' },
    });
    expectError(signIn, 401, 'INVALID_CREDENTIALS');
  });
});
