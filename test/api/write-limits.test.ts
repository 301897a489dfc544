// Defect 11: per-person limits on messages and new conversations (429
// RATE_LIMITED with Retry-After; refused writes cost nothing; service tokens
// are not counted here), and the All messages tab a page at a time.
import { expect, it } from 'vitest';
import { describeApi } from '../support/api';
import { expectError } from '../support/errors';
import { backofficeConversation, closedConversation, customerUserId, newConversation, ok, postMessage, unique } from '../support/fixtures';
import { newStore } from '../support/integration';

describeApi(
  'write limits',
  (h) => {
    it('lets a person start 2 conversations an hour, then answers 429 RATE_LIMITED with Retry-After', async () => {
      const amanda = await h().as('amanda');
      await newConversation(amanda);
      await newConversation(amanda);
      const refused = await amanda.post('/conversations', { subject: unique(), message: 'Third' });
      expectError(refused, 429, 'RATE_LIMITED');
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(3500);
      expect(retryAfter).toBeLessThanOrEqual(3600);
    });

    it('lets a person post 3 messages a minute, counted per person, then 429 with Retry-After', async () => {
      const [ruth, marlene] = [await h().as('ruth'), await h().as('marlene')];
      const john = await h().as('john');
      const { conversation } = await backofficeConversation(john, { customerUserId: await customerUserId(john, 'marlene') });
      for (let i = 0; i < 3; i++) await postMessage(marlene, conversation.id);
      const refused = await marlene.post(`/conversations/${conversation.id}/messages`, { body: 'Fourth' });
      expectError(refused, 429, 'RATE_LIMITED');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      // nothing was stored for the refused post
      const thread = ok(await marlene.get(`/conversations/${conversation.id}/messages`));
      expect(thread.items.map((m: { body: string }) => m.body)).not.toContain('Fourth');
      // another person still may
      const ruthConversation = (await newConversation(ruth, { message: 'Mine' })).conversation;
      await postMessage(ruth, ruthConversation.id);
    });

    it('counts only the writes that succeed: refused posts to a closed conversation take no place', async () => {
      const [john, charlie] = [await h().as('john'), await h().as('charlie')];
      const closed = await closedConversation(john, { customerUserId: await customerUserId(john, 'nancy') });
      for (let i = 0; i < 5; i++)
        expectError(await charlie.post(`/conversations/${closed.id}/messages`, { body: 'Closed?' }), 409, 'CONVERSATION_CLOSED');
      await john.post(`/conversations/${closed.id}/reopen`);
      for (let i = 0; i < 3; i++) await postMessage(charlie, closed.id);
      expectError(await charlie.post(`/conversations/${closed.id}/messages`, { body: 'Fourth' }), 429, 'RATE_LIMITED');
    });

    it('does not count a service token against these limits (it has its own)', async () => {
      const [john, charlie] = [await h().as('john'), await h().as('charlie')];
      const store = await newStore(h().app, john);
      const { conversation } = await backofficeConversation(charlie, { customerUserId: await customerUserId(john, 'ruth') });
      for (let i = 0; i < 6; i++) {
        ok(await store.post(`/conversations/${conversation.id}/messages`, { body: `System ${i}`, author: 'system' }), 201);
      }
    });
  },
  { env: { PARLEY_MESSAGES_PER_MINUTE: '3', PARLEY_CONVERSATIONS_PER_HOUR: '2' } },
);

describeApi('All messages, a page at a time', (h) => {
  it('pages by sequence number, with the text filter applied before paging', async () => {
    const [amanda, john] = [await h().as('amanda'), await h().as('john')];
    const { conversation } = await newConversation(amanda, { message: 'apple 1' });
    for (const body of ['pear 2', 'apple 3', 'pear 4', 'apple 5', 'apple 6']) await postMessage(amanda, conversation.id, body);
    const url = `/conversations/${conversation.id}/all-messages`;

    const first = ok(await john.get(`${url}?limit=2`));
    expect(first.items.map((m: { seq: number }) => m.seq)).toEqual([1, 2]);
    expect(first.nextAfter).toBe(2);
    const rest = ok(await john.get(`${url}?limit=4&after=2`));
    expect(rest.items.map((m: { seq: number }) => m.seq)).toEqual([3, 4, 5, 6]);
    expect(rest.nextAfter).toBeNull();

    const apples = ok(await john.get(`${url}?text=APPLE&limit=2`));
    expect(apples.items.map((m: { body: string }) => m.body)).toEqual(['apple 1', 'apple 3']);
    const moreApples = ok(await john.get(`${url}?text=APPLE&limit=2&after=${apples.nextAfter}`));
    expect(moreApples.items.map((m: { body: string }) => m.body)).toEqual(['apple 5', 'apple 6']);
    expect(moreApples.nextAfter).toBeNull();
    // an author's name matches too, and % matches itself
    expect(ok(await john.get(`${url}?text=amanda%20cole`)).items).toHaveLength(6);
    expect(ok(await john.get(`${url}?text=%25`)).items).toHaveLength(0);
  });

  it('serves 100 by default and at most 200', async () => {
    const [amanda, john] = [await h().as('amanda'), await h().as('john')];
    const { conversation } = await newConversation(amanda);
    const url = `/conversations/${conversation.id}/all-messages`;
    expect(ok(await john.get(url)).nextAfter).toBeNull();
    expectError(await john.get(`${url}?limit=201`), 400, 'VALIDATION_FAILED', { limit: expect.any(String) });
    expectError(await john.get(`${url}?limit=0`), 400, 'VALIDATION_FAILED', { limit: expect.any(String) });
  });
});
