import { beforeAll, expect, it } from 'vitest';
import { describeApi, type Agent } from '../support/api';
import { expectError } from '../support/errors';
import {
  closedConversation,
  customerUserId,
  demoConversations,
  namesAmong,
  newConversation,
  ok,
  postMessage,
  sortedIds as ids,
  unique,
  type ConversationSummary as Summary,
} from '../support/fixtures';

// The demo conversations are read by several tests here, so no test writes to
// them or marks them read: a test that writes makes its own conversation.
describeApi('storefront conversations', (h) => {
  let amanda: Agent, marlene: Agent, ruth: Agent, nancy: Agent, charlie: Agent, john: Agent;
  let so1001: number, amandaId: number;
  let demo: Record<string, number>;
  const list = async (who: Agent, query = '') => ok(await who.get(`/conversations?limit=100${query}`)).items as Summary[];
  beforeAll(async () => {
    [amanda, marlene, ruth, nancy] = await Promise.all([h().as('amanda'), h().as('marlene'), h().as('ruth'), h().as('nancy')]);
    [charlie, john] = await Promise.all([h().as('charlie'), h().as('john')]);
    so1001 = (await amanda.get('/orders')).json().items.find((r: { number: string }) => r.number === 'SO-1001').id;
    amandaId = await customerUserId(john, 'amanda');
    demo = await demoConversations(john);
  });

  it('shows each customer user what the visibility rules allow', async () => {
    for (const who of [amanda, marlene, ruth, nancy]) await newConversation(who);
    expect(namesAmong(await list(amanda), demo)).toEqual(['Order SO-1001', 'Payment terms', 'Request for Quote RFQ-2001']);
    expect(namesAmong(await list(ruth), demo)).toEqual(['Order SO-1101']);
    // a customer Administrator: their customer's and its sub-customers'
    expect(namesAmong(await list(marlene), demo)).toEqual([
      'Order SO-1001',
      'Order SO-1101',
      'Payment terms',
      'Request for Quote RFQ-2001',
    ]);
    expect(namesAmong(await list(nancy), demo)).toEqual(['Quote Q-3201']);
    // and the same rule over every conversation there is by now (the ones just made included), as the back-office sees them
    const all = ok(await john.get('/conversations?pageSize=200'));
    expect(all.total).toBe(all.items.length);
    const where = (keep: (c: Summary) => boolean) => ids(all.items.filter(keep));
    expect(ids(await list(amanda))).toEqual(where((c) => c.customerUser.name === 'Amanda Cole'));
    expect(ids(await list(ruth))).toEqual(where((c) => c.customerUser.name === 'Ruth Ortiz'));
    expect(ids(await list(marlene))).toEqual(where((c) => ['Acme Corporation', 'Acme West'].includes(c.customer.name)));
    expect(ids(await list(nancy))).toEqual(where((c) => c.customerUser.name === 'Nancy Sallee'));
  });

  it('lists newest activity first with the last message and my unread count', async () => {
    const items = await list(amanda);
    const times = items.map((c) => c.lastActivityAt);
    expect([...times].sort().reverse()).toEqual(times);
    const order = items.find((c) => c.id === demo['Order SO-1001'])!;
    expect(order.unreadCount).toBe(2);
    expect(order.source!.label).toBe('Order SO-1001');
    expect(order.lastMessage!.preview).toBe('Anything else I can help with?');
  });

  it('filters by status and by source record', async () => {
    const active = (await newConversation(amanda, { recordId: so1001 })).conversation;
    const closed = await closedConversation(charlie, { customerUserId: amandaId });
    const closedOnes = await list(amanda, '&status=closed');
    expect(namesAmong(closedOnes, demo, active.id, closed.id)).toEqual(['Payment terms', closed.name].sort());
    expect(closedOnes.every((c) => c.status === 'closed')).toBe(true);
    const activeOnes = await list(amanda, '&status=active');
    expect(namesAmong(activeOnes, demo, active.id, closed.id)).toEqual(['Order SO-1001', 'Request for Quote RFQ-2001', active.name].sort());
    expect(activeOnes.every((c) => c.status === 'active')).toBe(true);
    const ofRecord = await list(amanda, `&recordId=${so1001}`);
    expect(namesAmong(ofRecord, demo, active.id, closed.id)).toEqual(['Order SO-1001', active.name].sort());
    expect(ofRecord.every((c) => c.source?.id === so1001)).toBe(true);
    expectError(await amanda.get('/conversations?status=archived'), 400, 'VALIDATION_FAILED', { status: expect.any(String) });
  });

  it('pages by keyset without gaps or repeats', async () => {
    const everything = (await list(marlene)).map((c) => c.id);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { json(): { items: Summary[]; nextCursor: string | null } } = await marlene.get(
        `/conversations?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.json().items.map((c) => c.id));
      cursor = page.json().nextCursor;
    } while (cursor);
    // one at a time, the same conversations in the same order as all at once: no gap, no repeat
    expect(seen).toEqual(everything);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(
      expect.arrayContaining(['Order SO-1001', 'Order SO-1101', 'Payment terms', 'Request for Quote RFQ-2001'].map((n) => demo[n])),
    );
    expectError(await marlene.get('/conversations?cursor=%%%'), 400, 'VALIDATION_FAILED', {
      cursor: 'Use the nextCursor of a previous page.',
    });
  });

  it('creates a conversation with its first message, linked to my record', async () => {
    const before = ok(await amanda.get(`/orders/${so1001}/conversations`)).items.length;
    const res = await amanda.post('/conversations', { subject: '  Order SO-1001  ', message: 'When will it ship?', recordId: so1001 });
    expect(res.statusCode).toBe(201);
    const { conversation, message } = res.json();
    expect(conversation).toMatchObject({
      name: 'Order SO-1001',
      status: 'active',
      messagesCount: 1,
      unreadCount: 0,
      source: { label: 'Order SO-1001' },
      owner: { name: 'Charlie Sheen' },
    });
    expect(message).toMatchObject({
      seq: 1,
      type: 'text',
      body: 'When will it ship?',
      author: { name: 'Amanda Cole', initials: 'AC', kind: 'customer_user' },
    });
    expect((await amanda.get(`/conversations/${conversation.id}/messages`)).json().items).toEqual([message]);
    const questions = (await amanda.get(`/orders/${so1001}/conversations`)).json().items;
    expect(questions).toHaveLength(before + 1);
    expect(questions[0].id).toBe(conversation.id);
    // the owner (sales representative) sees it as unread
    const indicator = (await charlie.get('/unread')).json();
    expect(indicator.latest[0]).toMatchObject({
      conversationId: conversation.id,
      preview: 'When will it ship?',
      authorName: 'Amanda Cole',
    });
  });

  it('says "This value should not be blank." for a blank subject and message, and saves nothing', async () => {
    const before = (await list(amanda)).length;
    for (const payload of [{ subject: '', message: '' }, { subject: '   ', message: '\n\t' }, {}]) {
      const res = await amanda.post('/conversations', payload);
      expectError(
        res,
        400,
        'VALIDATION_FAILED',
        { subject: 'This value should not be blank.', message: 'This value should not be blank.' },
        JSON.stringify(payload),
      );
    }
    const tooLong = await amanda.post('/conversations', { subject: 'x'.repeat(256), message: 'hi' });
    expectError(tooLong, 400, 'VALIDATION_FAILED', { subject: 'This value is too long. It should have 255 characters or less.' });
    const exactly255 = await amanda.post('/conversations', { subject: 'y'.repeat(255), message: 'hi' });
    expect(exactly255.statusCode).toBe(201);
    expect((await list(amanda)).length).toBe(before + 1);
  });

  it('refuses a message over 20,000 characters with MESSAGE_TOO_LONG', async () => {
    const created = await amanda.post('/conversations', { subject: unique('Long'), message: 'z'.repeat(20_001) });
    expectError(created, 400, 'MESSAGE_TOO_LONG', { message: expect.stringContaining('20000') });
    const id = (await newConversation(amanda)).conversation.id;
    const post = await amanda.post(`/conversations/${id}/messages`, { body: 'z'.repeat(20_001) });
    expectError(post, 400, 'MESSAGE_TOO_LONG', { body: expect.stringContaining('20000') });
    expect((await amanda.post(`/conversations/${id}/messages`, { body: 'z'.repeat(20_000) })).statusCode).toBe(201);
  });

  it('will not link a record the user may not see', async () => {
    const nancysOrder = (await nancy.get('/orders')).json().items[0].id;
    const res = await amanda.post('/conversations', { subject: unique('Hmm'), message: 'hi', recordId: nancysOrder });
    expectError(res, 404, 'RECORD_NOT_FOUND');
  });

  it('answers 404 for conversations the user may not see, whatever the request', async () => {
    const acme = demo['Order SO-1001']!;
    for (const req of [
      () => nancy.get(`/conversations/${acme}`),
      () => nancy.get(`/conversations/${acme}/messages`),
      () => nancy.post(`/conversations/${acme}/messages`, { body: 'peek' }),
      () => nancy.post(`/conversations/${acme}/read`, { upToSeq: 1 }),
      () => ruth.get(`/conversations/${acme}`),
      () => amanda.get('/conversations/999999'),
    ]) {
      expectError(await req(), 404, 'CONVERSATION_NOT_FOUND', undefined, String(req));
    }
    // Marlene, Acme's Administrator, may
    expect((await marlene.get(`/conversations/${acme}`)).statusCode).toBe(200);
  });

  it('refuses messages to a closed conversation with 409 CONVERSATION_CLOSED', async () => {
    const closed = demo['Payment terms']!;
    const res = await amanda.post(`/conversations/${closed}/messages`, { body: 'Still there?' });
    expectError(res, 409, 'CONVERSATION_CLOSED');
    const thread = (await amanda.get(`/conversations/${closed}/messages`)).json().items;
    expect(thread.map((m: { body: string }) => m.body)).not.toContain('Still there?');
  });

  it('pages the thread 40 at a time by sequence number', async () => {
    const { conversation } = await newConversation(ruth, { subject: unique('Many'), message: 'm1' });
    for (let i = 2; i <= 85; i++) await ruth.post(`/conversations/${conversation.id}/messages`, { body: `m${i}` });
    const latest = (await ruth.get(`/conversations/${conversation.id}/messages`)).json();
    expect(latest.items).toHaveLength(40);
    expect(latest.items[0].seq).toBe(46);
    expect(latest.items[39].seq).toBe(85);
    expect(latest.hasMoreBefore).toBe(true);
    expect(latest.hasMoreAfter).toBe(false);
    const older = (await ruth.get(`/conversations/${conversation.id}/messages?before=46`)).json();
    expect(older.items.map((m: { seq: number }) => m.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 6));
    const oldest = (await ruth.get(`/conversations/${conversation.id}/messages?before=6`)).json();
    expect(oldest.items.map((m: { seq: number }) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(oldest.hasMoreBefore).toBe(false);
    const newer = (await ruth.get(`/conversations/${conversation.id}/messages?after=80`)).json();
    expect(newer.items.map((m: { seq: number }) => m.seq)).toEqual([81, 82, 83, 84, 85]);
    expect(newer.hasMoreAfter).toBe(false);
  });

  it('marks read, and the unread counts follow', async () => {
    // the demo's shape: Amanda, Charlie, Amanda, then two of Charlie's she has not read
    const order = (await newConversation(amanda)).conversation;
    for (const author of [charlie, amanda, charlie, charlie]) await postMessage(author, order.id);
    expect(ok(await amanda.get(`/conversations/${order.id}`)).unreadCount).toBe(2);
    const before = (await amanda.get('/unread')).json();
    const partial = await amanda.post(`/conversations/${order.id}/read`, { upToSeq: 4 });
    expect(partial.json()).toEqual({ lastReadSeq: 4, unreadCount: 1 });
    const full = await amanda.post(`/conversations/${order.id}/read`, { upToSeq: 999 });
    expect(full.json()).toEqual({ lastReadSeq: 5, unreadCount: 0 });
    // going back does not un-read
    expect((await amanda.post(`/conversations/${order.id}/read`, { upToSeq: 1 })).json()).toEqual({ lastReadSeq: 5, unreadCount: 0 });
    const after = (await amanda.get('/unread')).json();
    expect(after.total).toBe(before.total - 2);
    expect(after.conversations).toBe(before.conversations - 1);
    // Marlene takes no part in it: nothing to mark, nothing unread
    expect((await marlene.post(`/conversations/${order.id}/read`, { upToSeq: 5 })).json()).toEqual({ lastReadSeq: 0, unreadCount: 0 });
  });

  it("lists my orders, RFQs and quotes, and refuses others'", async () => {
    const orders = (await amanda.get('/orders')).json();
    expect(orders.items.map((r: { number: string }) => r.number).sort()).toEqual(['SO-1001', 'SO-1002']);
    expect((await amanda.get('/rfqs')).json().items.map((r: { number: string }) => r.number)).toEqual(['RFQ-2001']);
    const quotes = (await amanda.get('/quotes')).json().items;
    expect(quotes.map((r: { number: string }) => r.number)).toEqual(['Q-3001']);
    const one = await amanda.get(`/quotes/${quotes[0].id}`);
    expect(one.json()).toMatchObject({ type: 'quote', number: 'Q-3001', label: 'Quote Q-3001' });
    // an order id under /quotes is not a quote
    expectError(await amanda.get(`/quotes/${so1001}`), 404, 'RECORD_NOT_FOUND');
    for (const res of [
      await nancy.get(`/orders/${so1001}`),
      await ruth.get(`/orders/${so1001}`),
      await nancy.get(`/orders/${so1001}/conversations`),
    ]) {
      expectError(res, 404, 'RECORD_NOT_FOUND');
    }
    // Marlene sees Acme West's orders too
    expect(
      (await marlene.get('/orders'))
        .json()
        .items.map((r: { number: string }) => r.number)
        .sort(),
    ).toEqual(['SO-1001', 'SO-1002', 'SO-1003', 'SO-1101', 'SO-1102']);
  });
});
