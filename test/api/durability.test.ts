import { beforeAll, expect, it } from 'vitest';
import type { StoredEvent } from '../../src/shared/events';
import { describeApi, kind, type Agent } from '../support/api';
import { expectError } from '../support/errors';
import { closedConversation, customerUserId, newConversation, unique } from '../support/fixtures';

// Each test writes to a conversation of its own: one of them closes its
// conversation, and the others must not find theirs closed.
describeApi('idempotent writes and events after commit', (h) => {
  let amanda: Agent, charlie: Agent;
  const activeConversation = async () => (await newConversation(amanda)).conversation.id;
  beforeAll(async () => {
    [amanda, charlie] = [await h().as('amanda'), await h().as('charlie')];
  });

  it('a retried message with the same Idempotency-Key returns the first result and creates nothing', async () => {
    const conversationId = await activeConversation();
    const key = { 'idempotency-key': `k-${kind}-1` };
    const first = await amanda.post(`/conversations/${conversationId}/messages`, { body: 'Only once' }, key);
    expect(first.statusCode).toBe(201);
    const retry = await amanda.post(`/conversations/${conversationId}/messages`, { body: 'Only once' }, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const thread = (await amanda.get(`/conversations/${conversationId}/messages`)).json().items;
    expect(thread.filter((m: { body: string }) => m.body === 'Only once')).toHaveLength(1);
  });

  it('concurrent retries of one conversation create it once', async () => {
    const key = { 'idempotency-key': `k-${kind}-2` };
    const body = { subject: unique('Exactly one'), message: 'Hello' };
    const results = await Promise.all(Array.from({ length: 5 }, () => amanda.post('/conversations', body, key)));
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(results.map((r) => r.json().conversation.id)).size).toBe(1);
    const list = (await amanda.get('/conversations?limit=100')).json().items;
    expect(list.filter((c: { name: string }) => c.name === body.subject)).toHaveLength(1);
  });

  it('refuses a key reused for a different request', async () => {
    const conversationId = await activeConversation();
    const key = { 'idempotency-key': `k-${kind}-3` };
    expect((await amanda.post(`/conversations/${conversationId}/messages`, { body: 'A' }, key)).statusCode).toBe(201);
    const other = await amanda.post(`/conversations/${conversationId}/messages`, { body: 'B' }, key);
    expectError(other, 422, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('ten first posts at once by someone not yet taking part all succeed, and make one participant', async () => {
    const conversationId = await activeConversation();
    const marlene = await h().as('marlene');
    const posts = await Promise.all(
      Array.from({ length: 10 }, (_, i) => marlene.post(`/conversations/${conversationId}/messages`, { body: `At once ${i}` })),
    );
    expect(posts.map((r) => r.statusCode)).toEqual(Array.from({ length: 10 }, () => 201));
    const john = await h().as('john');
    const participants = (await john.get(`/conversations/${conversationId}/participants`)).json().items as { name: string }[];
    expect(participants.filter((p) => p.name === 'Marlene Bradley')).toHaveLength(1);
    const seqs = posts.map((r) => r.json().seq as number).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(10);
  });

  it('one key sent at once with different bodies: one is written, every other is refused as reused', async () => {
    const conversationId = await activeConversation();
    const key = { 'idempotency-key': `k-${kind}-race-${conversationId}` };
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => amanda.post(`/conversations/${conversationId}/messages`, { body: `Race ${i}` }, key)),
    );
    const written = answers.filter((r) => r.statusCode === 201);
    expect(written).toHaveLength(1);
    for (const refused of answers.filter((r) => r.statusCode !== 201)) expectError(refused, 422, 'IDEMPOTENCY_KEY_REUSED');
    const thread = (await amanda.get(`/conversations/${conversationId}/messages`)).json().items as { body: string }[];
    expect(thread.filter((m) => m.body.startsWith('Race '))).toHaveLength(1);
  });

  it('keys belong to their user: the same key from someone else is a new request', async () => {
    const conversationId = await activeConversation();
    const key = { 'idempotency-key': `k-${kind}-4` };
    const a = await amanda.post(`/conversations/${conversationId}/messages`, { body: 'Mine' }, key);
    const c = await charlie.post(`/conversations/${conversationId}/messages`, { body: 'Mine' }, key);
    expect([a.statusCode, c.statusCode]).toEqual([201, 201]);
    expect(a.json().id).not.toBe(c.json().id);
  });

  it('publishes each event once, after its commit, with increasing ids', async () => {
    const conversationId = await activeConversation();
    const seen: StoredEvent[] = [];
    const { bus, database } = h().built;
    const stop = bus.subscribe((events) => {
      for (const e of events) seen.push(e);
    });
    const res = await amanda.post(`/conversations/${conversationId}/messages`, { body: 'Evented' });
    const failed = await amanda.post(`/conversations/${conversationId}/messages`, { body: '' });
    expectError(failed, 400, 'VALIDATION_FAILED', { body: 'This value should not be blank.' });
    await charlie.post(`/conversations/${conversationId}/close`);
    // (closing marked it read for Charlie; Amanda has the system message unread)
    await amanda.post(`/conversations/${conversationId}/read`, { upToSeq: 9999 });
    stop();
    expect(seen.map((e) => e.type)).toEqual(['message.created', 'message.created', 'conversation.status_changed', 'conversation.read']);
    expect(seen[0]!.payload).toMatchObject({ message: { id: res.json().id, body: 'Evented' } });
    expect(seen[0]).toMatchObject({ conversationId, customerId: expect.any(Number), customerUserId: expect.any(Number) });
    const ids = seen.map((e) => e.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    // each published event is stored, so a late client can catch up from the table
    const stored = await database.db.selectFrom('events').select(['id', 'type']).where('id', 'in', ids).orderBy('id').execute();
    expect(stored.map((e) => e.type)).toEqual(seen.map((e) => e.type));
  });

  it('a failed write publishes nothing and leaves nothing half-written', async () => {
    const conversationId = (await closedConversation(charlie, { customerUserId: await customerUserId(charlie, 'amanda') })).id;
    const seen: StoredEvent[] = [];
    const stop = h().built.bus.subscribe((events) => seen.push(...events));
    const before = (await charlie.get(`/conversations/${conversationId}`)).json();
    const res = await amanda.post(`/conversations/${conversationId}/messages`, { body: 'closed now' });
    expectError(res, 409, 'CONVERSATION_CLOSED');
    stop();
    expect(seen).toEqual([]);
    const after = (await charlie.get(`/conversations/${conversationId}`)).json();
    expect(after.lastSeq).toBe(before.lastSeq);
  });
});
