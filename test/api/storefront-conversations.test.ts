import { beforeAll, expect, it } from 'vitest';
import { describeApi, type Agent } from '../support/api';

type Summary = { id: number; name: string; status: string; unreadCount: number; source: { label: string } | null; lastMessage: { preview: string } | null };
const names = (res: { json(): { items: Summary[] } }) => res.json().items.map((c) => c.name).sort();

describeApi('storefront conversations', (h) => {
  let amanda: Agent, marlene: Agent, ruth: Agent, nancy: Agent;
  let so1001: number;
  beforeAll(async () => {
    [amanda, marlene, ruth, nancy] = await Promise.all([h().as('amanda'), h().as('marlene'), h().as('ruth'), h().as('nancy')]);
    so1001 = (await amanda.get('/orders')).json().items.find((r: { number: string }) => r.number === 'SO-1001').id;
  });

  it('shows each customer user what the visibility rules allow', async () => {
    expect(names(await amanda.get('/conversations'))).toEqual(['Order SO-1001', 'Payment terms', 'Request for Quote RFQ-2001']);
    expect(names(await ruth.get('/conversations'))).toEqual(['Order SO-1101']);
    // a customer Administrator: their customer's and its sub-customers'
    expect(names(await marlene.get('/conversations'))).toEqual(['Order SO-1001', 'Order SO-1101', 'Payment terms', 'Request for Quote RFQ-2001']);
    expect(names(await nancy.get('/conversations'))).toEqual(['Quote Q-3201']);
  });

  it('lists newest activity first with the last message and my unread count', async () => {
    const items: (Summary & { lastActivityAt: string })[] = (await amanda.get('/conversations')).json().items;
    const times = items.map((c) => c.lastActivityAt);
    expect([...times].sort().reverse()).toEqual(times);
    const order = items.find((c) => c.name === 'Order SO-1001')!;
    expect(order.unreadCount).toBe(2);
    expect(order.source!.label).toBe('Order SO-1001');
    expect(order.lastMessage!.preview).toBe('Anything else I can help with?');
  });

  it('filters by status and by source record', async () => {
    expect(names(await amanda.get('/conversations?status=closed'))).toEqual(['Payment terms']);
    expect(names(await amanda.get('/conversations?status=active'))).toEqual(['Order SO-1001', 'Request for Quote RFQ-2001']);
    expect(names(await amanda.get(`/conversations?recordId=${so1001}`))).toEqual(['Order SO-1001']);
    const bad = await amanda.get('/conversations?status=archived');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect(bad.json().error.fields).toHaveProperty('status');
  });

  it('pages by keyset without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { json(): { items: Summary[]; nextCursor: string | null } } = await marlene.get(`/conversations?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.json().items.map((c) => c.name));
      cursor = page.json().nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
    const bad = await marlene.get('/conversations?cursor=%%%');
    expect(bad.statusCode).toBe(400);
  });

  it('creates a conversation with its first message, linked to my record', async () => {
    const res = await amanda.post('/conversations', { subject: '  Order SO-1001  ', message: 'When will it ship?', recordId: so1001 });
    expect(res.statusCode).toBe(201);
    const { conversation, message } = res.json();
    expect(conversation).toMatchObject({ name: 'Order SO-1001', status: 'active', messagesCount: 1, unreadCount: 0, source: { label: 'Order SO-1001' }, owner: { name: 'Charlie Sheen' } });
    expect(message).toMatchObject({ seq: 1, type: 'text', body: 'When will it ship?', author: { name: 'Amanda Cole', initials: 'AC', kind: 'customer_user' } });
    expect((await amanda.get(`/conversations/${conversation.id}/messages`)).json().items).toEqual([message]);
    const questions = (await amanda.get(`/orders/${so1001}/conversations`)).json().items;
    expect(questions).toHaveLength(2);
    expect(questions[0].id).toBe(conversation.id);
    // the owner (sales representative) sees it as unread
    const charlie = await h().as('charlie');
    const indicator = (await charlie.get('/unread')).json();
    expect(indicator.latest[0]).toMatchObject({ conversationId: conversation.id, preview: 'When will it ship?', authorName: 'Amanda Cole' });
  });

  it('says "This value should not be blank." for a blank subject and message, and saves nothing', async () => {
    const before = (await amanda.get('/conversations')).json().items.length;
    for (const payload of [{ subject: '', message: '' }, { subject: '   ', message: '\n\t' }, {}]) {
      const res = await amanda.post('/conversations', payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: { subject: 'This value should not be blank.', message: 'This value should not be blank.' },
      });
    }
    const tooLong = await amanda.post('/conversations', { subject: 'x'.repeat(256), message: 'hi' });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.fields.subject).toBe('This value is too long. It should have 255 characters or less.');
    const exactly255 = await amanda.post('/conversations', { subject: 'y'.repeat(255), message: 'hi' });
    expect(exactly255.statusCode).toBe(201);
    expect((await amanda.get('/conversations')).json().items.length).toBe(before + 1);
  });

  it('refuses a message over 20,000 characters with MESSAGE_TOO_LONG', async () => {
    const created = await amanda.post('/conversations', { subject: 'Long', message: 'z'.repeat(20_001) });
    expect(created.statusCode).toBe(400);
    expect(created.json().error).toMatchObject({ code: 'MESSAGE_TOO_LONG', fields: { message: expect.stringContaining('20000') } });
    const id = (await amanda.get('/conversations?status=active')).json().items[0].id;
    const post = await amanda.post(`/conversations/${id}/messages`, { body: 'z'.repeat(20_001) });
    expect(post.statusCode).toBe(400);
    expect(post.json().error.code).toBe('MESSAGE_TOO_LONG');
    expect((await amanda.post(`/conversations/${id}/messages`, { body: 'z'.repeat(20_000) })).statusCode).toBe(201);
  });

  it('will not link a record the user may not see', async () => {
    const nancysOrder = (await nancy.get('/orders')).json().items[0].id;
    const res = await amanda.post('/conversations', { subject: 'Hmm', message: 'hi', recordId: nancysOrder });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('RECORD_NOT_FOUND');
  });

  it('answers 404 for conversations the user may not see, whatever the request', async () => {
    const acme = (await amanda.get('/conversations')).json().items[0].id;
    for (const req of [
      () => nancy.get(`/conversations/${acme}`),
      () => nancy.get(`/conversations/${acme}/messages`),
      () => nancy.post(`/conversations/${acme}/messages`, { body: 'peek' }),
      () => nancy.post(`/conversations/${acme}/read`, { upToSeq: 1 }),
      () => ruth.get(`/conversations/${acme}`),
      () => amanda.get('/conversations/999999'),
    ]) {
      const res = await req();
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('CONVERSATION_NOT_FOUND');
    }
    // Marlene, Acme's Administrator, may
    expect((await marlene.get(`/conversations/${acme}`)).statusCode).toBe(200);
  });

  it('refuses messages to a closed conversation with 409 CONVERSATION_CLOSED', async () => {
    const closed = (await amanda.get('/conversations?status=closed')).json().items[0];
    const res = await amanda.post(`/conversations/${closed.id}/messages`, { body: 'Still there?' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('CONVERSATION_CLOSED');
    const thread = (await amanda.get(`/conversations/${closed.id}/messages`)).json().items;
    expect(thread.map((m: { body: string }) => m.body)).not.toContain('Still there?');
  });

  it('pages the thread 40 at a time by sequence number', async () => {
    const { conversation } = (await ruth.post('/conversations', { subject: 'Many', message: 'm1' })).json();
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
    const order = (await amanda.get('/conversations')).json().items.find((c: Summary) => c.name === 'Order SO-1001' && c.unreadCount === 2);
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

  it('lists my orders, RFQs and quotes, and refuses others\'', async () => {
    const orders = (await amanda.get('/orders')).json();
    expect(orders.items.map((r: { number: string }) => r.number).sort()).toEqual(['SO-1001', 'SO-1002']);
    expect((await amanda.get('/rfqs')).json().items.map((r: { number: string }) => r.number)).toEqual(['RFQ-2001']);
    const quotes = (await amanda.get('/quotes')).json().items;
    expect(quotes.map((r: { number: string }) => r.number)).toEqual(['Q-3001']);
    const one = await amanda.get(`/quotes/${quotes[0].id}`);
    expect(one.json()).toMatchObject({ type: 'quote', number: 'Q-3001', label: 'Quote Q-3001' });
    // an order id under /quotes is not a quote
    expect((await amanda.get(`/quotes/${so1001}`)).statusCode).toBe(404);
    for (const res of [await nancy.get(`/orders/${so1001}`), await ruth.get(`/orders/${so1001}`), await nancy.get(`/orders/${so1001}/conversations`)]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('RECORD_NOT_FOUND');
    }
    // Marlene sees Acme West's orders too
    expect((await marlene.get('/orders')).json().items.map((r: { number: string }) => r.number).sort()).toEqual(['SO-1001', 'SO-1002', 'SO-1003', 'SO-1101', 'SO-1102']);
  });
});
