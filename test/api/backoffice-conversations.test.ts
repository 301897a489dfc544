import { beforeAll, expect, it } from 'vitest';
import { describeApi, type Agent } from '../support/api';

type Row = { id: number; name: string; status: string; messagesCount: number; unreadCount: number; source: { label: string } | null; owner: { name: string } | null };

describeApi('back-office conversations', (h) => {
  let john: Agent, charlie: Agent, amanda: Agent, nancy: Agent;
  let amandaId: number, so1001: number, q3201: number;
  const ids = (res: { json(): { items: Row[] } }) => res.json().items.map((r) => r.id);
  beforeAll(async () => {
    [john, charlie, amanda, nancy] = await Promise.all([h().as('john'), h().as('charlie'), h().as('amanda'), h().as('nancy')]);
    amandaId = (await john.get('/customer-users?q=amanda')).json().items[0].id;
    so1001 = (await john.get('/records?q=SO-1001')).json().items[0].id;
    q3201 = (await john.get('/records?q=Q-3201')).json().items[0].id;
  });

  it('creates a conversation for a customer user from their order, owned by me, with no message yet', async () => {
    const res = await charlie.post('/conversations', { name: 'Order SO-1001', customerUserId: amandaId, recordId: so1001 });
    expect(res.statusCode).toBe(201);
    expect(res.json().conversation).toMatchObject({
      name: 'Order SO-1001', messagesCount: 0, status: 'active', owner: { name: 'Charlie Sheen' },
      source: { label: 'Order SO-1001' }, customer: { name: 'Acme Corporation' }, customerUser: { name: 'Amanda Cole' },
    });
    expect(res.json().message).toBeNull();
    // Amanda sees it on her side
    const mine = (await amanda.get('/conversations')).json().items.map((c: Row) => c.id);
    expect(mine).toContain(res.json().conversation.id);
  });

  it('validates the create form field by field', async () => {
    const blank = await john.post('/conversations', { name: ' ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.fields).toMatchObject({ name: 'This value should not be blank.', customerUserId: 'This value should not be blank.' });
    const noUser = await john.post('/conversations', { name: 'X', customerUserId: 99999 });
    expect(noUser.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { customerUserId: expect.any(String) } });
    // Nancy's quote is not Amanda's record
    const wrongRecord = await john.post('/conversations', { name: 'X', customerUserId: amandaId, recordId: q3201 });
    expect(wrongRecord.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { recordId: expect.any(String) } });
    const noOwner = await john.post('/conversations', { name: 'X', customerUserId: amandaId, ownerId: 424242 });
    expect(noOwner.json().error.fields).toHaveProperty('ownerId');
    // the same owner rule as reassigning: a Sales Manager may only take it himself (or leave it unowned)
    const johnId = (await john.get('/users')).json().items.find((u: { name: string }) => u.name === 'John Doe').id;
    const forOther = await charlie.post('/conversations', { name: 'X', customerUserId: amandaId, ownerId: johnId });
    expect(forOther.statusCode).toBe(403);
    expect(forOther.json().error.code).toBe('FORBIDDEN');
    expect((await charlie.post('/conversations', { name: 'Unowned', customerUserId: amandaId, ownerId: null })).json().conversation.owner).toBeNull();
  });

  it('filters, sorts and pages the grid, with a total', async () => {
    const all = (await john.get('/conversations?pageSize=200')).json();
    expect(all.total).toBe(all.items.length);
    const byName = (await john.get('/conversations?name=so-10&sort=name&order=asc')).json();
    expect(byName.items.every((r: Row) => r.name.toLowerCase().includes('so-10'))).toBe(true);
    expect(byName.items.map((r: Row) => r.name)).toEqual([...byName.items.map((r: Row) => r.name)].sort());
    const closed = (await john.get('/conversations?status=closed')).json();
    expect(closed.items.map((r: Row) => r.name)).toEqual(['Payment terms']);
    const globex = (await john.get('/conversations?customer=globex')).json();
    expect(globex.items.map((r: Row) => r.name)).toEqual(['Quote Q-3201']);
    const fromOrder = (await john.get('/conversations?source=SO-1001')).json();
    expect(fromOrder.total).toBe(2);
    const amandas = (await john.get('/conversations?customerUser=Amanda%20Cole')).json();
    expect(amandas.items.every((r: Row & { customerUser: { name: string } }) => r.customerUser.name === 'Amanda Cole')).toBe(true);
    const busy = (await john.get('/conversations?messagesMin=3')).json();
    expect(busy.items.every((r: Row) => r.messagesCount >= 3)).toBe(true);
    const noOwner = (await john.get('/conversations?owner=none')).json();
    expect(noOwner.items.map((r: Row) => r.name)).toEqual(['Unowned']);
    const paged = (await john.get('/conversations?pageSize=2&page=2&sort=createdAt&order=asc')).json();
    const reference = (await john.get('/conversations?pageSize=200&sort=createdAt&order=asc')).json();
    expect(paged.items.map((r: Row) => r.id)).toEqual(reference.items.slice(2, 4).map((r: Row) => r.id));
    expect(paged).toMatchObject({ page: 2, pageSize: 2, total: reference.total });
    const today = new Date().toISOString().slice(0, 10);
    const createdToday = (await john.get(`/conversations?createdFrom=${today}&createdTo=${today}`)).json();
    expect(createdToday.items.every((r: Row & { createdAt: string }) => r.createdAt.startsWith(today))).toBe(true);
    const badDate = await john.get('/conversations?createdFrom=yesterday');
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.fields).toHaveProperty('createdFrom');
    const badSort = await john.get('/conversations?sort=password');
    expect(badSort.statusCode).toBe(400);
  });

  it('My Conversations: the ones I take part in', async () => {
    const mine = (await charlie.get('/conversations?mine=true&status=active&pageSize=100')).json();
    const all = (await charlie.get('/conversations?status=active&pageSize=100')).json();
    expect(mine.items.map((r: Row) => r.name)).not.toContain('Quote Q-3201'); // John's
    expect(all.items.map((r: Row) => r.name)).toContain('Quote Q-3201');
  });

  it('posts, and lets only an Administrator post on behalf of another participant', async () => {
    const conv = (await charlie.post('/conversations', { name: 'Behalf', customerUserId: amandaId })).json().conversation;
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
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('FORBIDDEN');

    const behalf = await john.post(`/conversations/${conv.id}/messages`, { body: 'Following up', onBehalfOfParticipantId: charlieP.id });
    expect(behalf.statusCode).toBe(201);
    expect(behalf.json()).toMatchObject({ seq: 2, author: { name: 'Charlie Sheen' }, sentBy: { name: 'John Doe' } });
    // John did not become a participant by writing in Charlie's name
    const after = (await john.get(`/conversations/${conv.id}/participants`)).json().items;
    expect(after.map((p: { name: string }) => p.name)).not.toContain('John Doe');
    const all = (await john.get(`/conversations/${conv.id}/all-messages`)).json().items;
    expect(all.map((m: { seq: number; author: { name: string } }) => [m.seq, m.author.name])).toEqual([[1, 'Charlie Sheen'], [2, 'Charlie Sheen']]);
    const filtered = (await john.get(`/conversations/${conv.id}/all-messages?text=follow`)).json().items;
    expect(filtered.map((m: { seq: number }) => m.seq)).toEqual([2]);
    const notParticipant = await john.post(`/conversations/${conv.id}/messages`, { body: 'x', onBehalfOfParticipantId: 999999 });
    expect(notParticipant.json().error.fields).toHaveProperty('onBehalfOfParticipantId');
    // Amanda has two unread messages, none of them hers
    const amandaView = (await amanda.get(`/conversations/${conv.id}`)).json();
    expect(amandaView.unreadCount).toBe(2);
  });

  it('closes and reopens through the transitions, keeping history and system messages', async () => {
    const conv = (await charlie.post('/conversations', { name: 'Lifecycle', customerUserId: amandaId })).json().conversation;
    const closed = await charlie.post(`/conversations/${conv.id}/close`);
    expect(closed.statusCode).toBe(200);
    expect(closed.json().status).toBe('closed');
    const again = await charlie.post(`/conversations/${conv.id}/close`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('INVALID_STATUS_TRANSITION');
    for (const who of [charlie, john]) {
      const res = await who.post(`/conversations/${conv.id}/messages`, { body: 'after close' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('CONVERSATION_CLOSED');
    }
    const amandaTry = await amanda.post(`/conversations/${conv.id}/messages`, { body: 'after close' });
    expect(amandaTry.json().error.code).toBe('CONVERSATION_CLOSED');
    expect((await john.post(`/conversations/${conv.id}/reopen`)).json().status).toBe('active');
    expect((await john.post(`/conversations/${conv.id}/reopen`)).json().error.code).toBe('INVALID_STATUS_TRANSITION');
    const history = (await john.get(`/conversations/${conv.id}/history`)).json().items;
    expect(history.map((s: { fromStatus: string; toStatus: string; changedBy: { name: string } }) => [s.fromStatus, s.toStatus, s.changedBy.name])).toEqual([
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
    expect((await amanda.post(`/conversations/${conv.id}/close`)).statusCode).toBe(404);
  });

  it('renames; only an Administrator reassigns to someone else', async () => {
    const conv = (await charlie.post('/conversations', { name: 'Rename me', customerUserId: amandaId })).json().conversation;
    const renamed = await charlie.request('PATCH', `/conversations/${conv.id}`, { name: 'Renamed' });
    expect(renamed.json().name).toBe('Renamed');
    const blank = await charlie.request('PATCH', `/conversations/${conv.id}`, { name: '' });
    expect(blank.json().error.fields.name).toBe('This value should not be blank.');
    const users = (await john.get('/users')).json().items;
    const johnId = users.find((u: { name: string }) => u.name === 'John Doe').id;
    const denied = await charlie.request('PATCH', `/conversations/${conv.id}`, { ownerId: johnId });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('FORBIDDEN');
    const reassigned = await john.request('PATCH', `/conversations/${conv.id}`, { ownerId: johnId });
    expect(reassigned.json().owner).toEqual({ id: johnId, name: 'John Doe' });
    const unowned = await john.request('PATCH', `/conversations/${conv.id}`, { ownerId: null });
    expect(unowned.json().owner).toBeNull();
  });

  it('deletes one or many, for Administrators only', async () => {
    const make = async (name: string) => (await charlie.post('/conversations', { name, customerUserId: amandaId })).json().conversation.id;
    const [a, b, c] = [await make('Del A'), await make('Del B'), await make('Del C')];
    const denied = await charlie.request('DELETE', `/conversations/${a}`);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('FORBIDDEN');
    expect((await charlie.post('/conversations/delete', { ids: [b, c] })).statusCode).toBe(403);
    expect((await john.request('DELETE', `/conversations/${a}`)).json()).toEqual({ deleted: 1 });
    expect((await john.request('DELETE', `/conversations/${a}`)).json().error.code).toBe('CONVERSATION_NOT_FOUND');
    expect((await john.post('/conversations/delete', { ids: [b, c, 987654] })).json()).toEqual({ deleted: 2 });
    const left = ids(await john.get('/conversations?name=Del%20&pageSize=50'));
    expect(left).toEqual([]);
    expect((await amanda.get(`/conversations/${b}`)).statusCode).toBe(404);
  });

  it('shows the unread indicator: how many, and the latest four with a 50-character preview', async () => {
    const conv = (await charlie.post('/conversations', { name: 'Indicator', customerUserId: amandaId })).json().conversation;
    const before = (await charlie.get('/unread')).json().count;
    const long = 'This message is certainly longer than fifty characters, by quite a lot.';
    await amanda.post(`/conversations/${conv.id}/messages`, { body: long });
    const after = (await charlie.get('/unread')).json();
    expect(after.count).toBe(before + 1);
    expect(after.latest).toHaveLength(Math.min(4, after.count));
    expect(after.latest[0]).toMatchObject({ conversationId: conv.id, name: 'Indicator', authorName: 'Amanda Cole' });
    expect(after.latest[0].preview.length).toBeLessThanOrEqual(50);
    expect(long.startsWith(after.latest[0].preview.replace(/…$/, ''))).toBe(true);
    const grid = (await charlie.get('/conversations?unread=true&pageSize=100')).json().items;
    expect(grid.find((r: Row) => r.id === conv.id).unreadCount).toBe(1);
    await charlie.post(`/conversations/${conv.id}/read`, { upToSeq: 1 });
    expect((await charlie.get('/unread')).json().count).toBe(before);
  });

  it('lists customers, customer users and records, with their conversations', async () => {
    const customers = (await john.get('/customers')).json();
    expect(customers.items.map((c: { name: string }) => c.name)).toEqual(['Acme Corporation', 'Acme West', 'Globex Inc.']);
    const acmeWest = customers.items[1];
    expect(acmeWest.parent.name).toBe('Acme Corporation');
    expect((await john.get(`/customers/${acmeWest.id}`)).json().name).toBe('Acme West');
    expect((await john.get('/customers/9999')).json().error.code).toBe('CUSTOMER_NOT_FOUND');
    const users = (await john.get(`/customer-users?customerId=${acmeWest.id}`)).json().items;
    expect(users.map((u: { name: string }) => u.name)).toEqual(['Ruth Ortiz']);
    expect((await john.get('/customer-users/9999')).json().error.code).toBe('CUSTOMER_USER_NOT_FOUND');
    const ofCustomer = (await john.get(`/conversations?customerId=${acmeWest.id}`)).json().items;
    expect(ofCustomer.map((r: Row) => r.name)).toEqual(['Order SO-1101']);
    const amandaRecords = (await john.get(`/records?customerUserId=${amandaId}`)).json().items;
    expect(amandaRecords.map((r: { number: string }) => r.number).sort()).toEqual(['Q-3001', 'RFQ-2001', 'SO-1001', 'SO-1002']);
    const ofRecord = (await john.get(`/conversations?recordId=${so1001}`)).json().items;
    expect(ofRecord.every((r: Row) => r.source?.label === 'Order SO-1001')).toBe(true);
    expect((await john.get('/records/99999')).json().error.code).toBe('RECORD_NOT_FOUND');
  });

  it('deleting a record keeps its conversations and clears their source', async () => {
    const nancysOrder = (await john.get('/records?q=SO-1202')).json().items[0];
    const { conversation } = (await nancy.post('/conversations', { subject: 'Order SO-1202', message: 'Hi', recordId: nancysOrder.id })).json();
    expect((await charlie.request('DELETE', `/records/${nancysOrder.id}`)).statusCode).toBe(403);
    expect((await john.request('DELETE', `/records/${nancysOrder.id}`)).statusCode).toBe(204);
    const kept = (await nancy.get(`/conversations/${conversation.id}`)).json();
    expect(kept).toMatchObject({ id: conversation.id, name: 'Order SO-1202', source: null, messagesCount: 1 });
    expect((await nancy.get(`/orders/${nancysOrder.id}`)).statusCode).toBe(404);
  });

  it('deleting a customer user keeps their conversations and messages, shown as "Deleted user"', async () => {
    const ruthUser = (await john.get('/customer-users?q=ruth')).json().items[0];
    const ruthConv = (await john.get(`/conversations?customerUserId=${ruthUser.id}`)).json().items[0];
    expect((await charlie.request('DELETE', `/customer-users/${ruthUser.id}`)).statusCode).toBe(403);
    expect((await john.request('DELETE', `/customer-users/${ruthUser.id}`)).statusCode).toBe(204);
    const kept = (await john.get(`/conversations/${ruthConv.id}`)).json();
    expect(kept.customerUser.name).toBe('Deleted user');
    const thread = (await john.get(`/conversations/${ruthConv.id}/messages`)).json().items;
    expect(thread[0].author).toMatchObject({ name: 'Deleted user', deleted: true });
    expect(thread).toHaveLength(2);
    // Ruth can no longer sign in
    const signIn = await h().app.inject({ method: 'POST', url: '/api/session', payload: { email: 'ruth@acmewest.example', password: 'parley-demo' } });
    expect(signIn.statusCode).toBe(401);
  });
});
