// People in a conversation (Oro's Context): adding and removing them on both
// sides, the system message each change leaves, From offering every
// participant, and the visibility rule grown by guests.
import { beforeAll, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Participant } from '../../src/shared/api';
import { describeApi, type Agent } from '../support/api';
import { expectError } from '../support/errors';
import { backofficeConversation, backofficeUserId, customerUserId, newConversation, ok, postMessage, unique } from '../support/fixtures';

type P = z.infer<typeof Participant>;
const names = (items: { name: string }[]) => items.map((p) => p.name).sort();

describeApi('participants', (h) => {
  let john: Agent, charlie: Agent, amanda: Agent, marlene: Agent, ruth: Agent, nancy: Agent;
  const ids = {} as Record<'amanda' | 'marlene' | 'ruth' | 'nancy' | 'charlie' | 'john', number>;

  beforeAll(async () => {
    [john, charlie, amanda, marlene, ruth, nancy] = [
      await h().as('john'),
      await h().as('charlie'),
      await h().as('amanda'),
      await h().as('marlene'),
      await h().as('ruth'),
      await h().as('nancy'),
    ];
    for (const who of ['amanda', 'marlene', 'ruth', 'nancy'] as const) ids[who] = await customerUserId(john, who);
    ids.charlie = await backofficeUserId(john, 'Charlie Sheen');
    ids.john = await backofficeUserId(john, 'John Doe');
  });

  const addAsStaff = (staff: Agent, conversationId: number, kind: P['kind'], userId: number) =>
    staff.post(`/conversations/${conversationId}/participants`, { kind, userId });
  const thread = async (who: Agent, conversationId: number) =>
    ok<{ items: { seq: number; type: string; body: string; author: { name: string } | null; sentBy: { name: string } | null }[] }>(
      await who.get(`/conversations/${conversationId}/messages`),
    ).items;

  it("Oro's scenario: Create Conversation with Context Charlie Sheen, then an Administrator posts From Charlie Sheen", async () => {
    const { conversation } = await backofficeConversation(john, {
      customerUserId: ids.amanda,
      participants: [{ kind: 'backoffice_user', userId: ids.charlie }],
    });
    const people = ok<{ items: P[] }>(await john.get(`/conversations/${conversation.id}/participants`)).items;
    expect(names(people)).toEqual(['Amanda Cole', 'Charlie Sheen', 'John Doe']);
    const charlieP = people.find((p) => p.name === 'Charlie Sheen')!;
    const posted = ok(
      await john.post(`/conversations/${conversation.id}/messages`, { body: 'Another User Message', onBehalfOfParticipantId: charlieP.id }),
      201,
    );
    expect(posted).toMatchObject({ seq: 2, author: { name: 'Charlie Sheen' }, sentBy: { name: 'John Doe' } });
    const all = ok<{ items: { seq: number; body: string; author: { name: string } | null }[] }>(
      await john.get(`/conversations/${conversation.id}/all-messages`),
    ).items;
    expect(all.map((m) => [m.seq, m.author?.name ?? null, m.body])).toEqual([
      [1, null, 'John Doe added Charlie Sheen'],
      [2, 'Charlie Sheen', 'Another User Message'],
    ]);
  });

  it('the back-office adds staff and customer users of the tree, each with a system message; adding again changes nothing', async () => {
    const { conversation } = await newConversation(amanda);
    const added = ok<{ items: P[] }>(await addAsStaff(charlie, conversation.id, 'backoffice_user', ids.john)).items;
    expect(names(added)).toEqual(expect.arrayContaining(['Amanda Cole', 'John Doe']));
    // Ruth is of Acme West, a sub-customer of Acme: in the tree
    ok(await addAsStaff(charlie, conversation.id, 'customer_user', ids.ruth));
    ok(await addAsStaff(charlie, conversation.id, 'customer_user', ids.ruth));
    const bodies = (await thread(amanda, conversation.id)).filter((m) => m.type === 'system').map((m) => m.body);
    expect(bodies).toEqual(['Charlie Sheen added John Doe', 'Charlie Sheen added Ruth Ortiz']);

    // Nancy is of Globex: another tree
    expectError(await addAsStaff(charlie, conversation.id, 'customer_user', ids.nancy), 400, 'VALIDATION_FAILED', {
      userId: expect.any(String),
    });
    expectError(await addAsStaff(charlie, conversation.id, 'backoffice_user', 999_999), 400, 'VALIDATION_FAILED', {
      userId: expect.any(String),
    });
    expectError(await addAsStaff(charlie, 999_999, 'backoffice_user', ids.john), 404, 'CONVERSATION_NOT_FOUND');
  });

  it('a guest sees the conversation, its messages and unread count while taking part, and loses it when removed', async () => {
    const { conversation } = await newConversation(amanda, { message: 'Ruth, can you confirm the address?' });
    expectError(await ruth.get(`/conversations/${conversation.id}`), 404, 'CONVERSATION_NOT_FOUND');
    const unreadBefore = ok<{ total: number }>(await ruth.get('/unread')).total;

    const people = ok<{ items: P[] }>(await addAsStaff(john, conversation.id, 'customer_user', ids.ruth)).items;
    const ruthP = people.find((p) => p.name === 'Ruth Ortiz')!;
    const listed = ok<{ items: { id: number; unreadCount: number }[] }>(await ruth.get('/conversations?limit=100')).items;
    // Amanda's message and the system message that added Ruth
    expect(listed.find((c) => c.id === conversation.id)?.unreadCount).toBe(2);
    expect(ok<{ total: number }>(await ruth.get('/unread')).total).toBe(unreadBefore + 2);
    expect((await thread(ruth, conversation.id)).map((m) => m.body)).toEqual([
      'Ruth, can you confirm the address?',
      'John Doe added Ruth Ortiz',
    ]);
    const reply = await postMessage(ruth, conversation.id, 'Confirmed.');
    expect(reply.author).toMatchObject({ name: 'Ruth Ortiz', participantId: ruthP.id });
    expect(ok<{ unreadCount: number }>(await amanda.get(`/conversations/${conversation.id}`)).unreadCount).toBe(2);

    await postMessage(amanda, conversation.id, 'Thanks');
    ok(await john.request('DELETE', `/conversations/${conversation.id}/participants/${ruthP.id}`));
    expectError(await ruth.get(`/conversations/${conversation.id}`), 404, 'CONVERSATION_NOT_FOUND');
    expectError(await ruth.get(`/conversations/${conversation.id}/messages`), 404, 'CONVERSATION_NOT_FOUND');
    expectError(await ruth.post(`/conversations/${conversation.id}/messages`, { body: 'still here?' }), 404, 'CONVERSATION_NOT_FOUND');
    const after = ok<{ items: { id: number }[] }>(await ruth.get('/conversations?limit=100')).items;
    expect(after.map((c) => c.id)).not.toContain(conversation.id);
    expect(ok<{ total: number }>(await ruth.get('/unread')).total).toBe(unreadBefore);
    // what she wrote stays hers
    expect((await thread(amanda, conversation.id)).map((m) => [m.body, m.author?.name ?? null])).toEqual([
      ['Ruth, can you confirm the address?', 'Amanda Cole'],
      ['John Doe added Ruth Ortiz', null],
      ['Confirmed.', 'Ruth Ortiz'],
      ['Thanks', 'Amanda Cole'],
      ['John Doe removed Ruth Ortiz', null],
    ]);
    // added again, she takes part again
    ok(await addAsStaff(john, conversation.id, 'customer_user', ids.ruth));
    ok(await ruth.get(`/conversations/${conversation.id}`));
  });

  it('neither the customer user nor the owner can be removed; someone not taking part is PARTICIPANT_NOT_FOUND', async () => {
    const { conversation } = await backofficeConversation(charlie, { customerUserId: ids.amanda });
    const people = ok<{ items: P[] }>(await charlie.get(`/conversations/${conversation.id}/participants`)).items;
    for (const p of people) {
      expectError(
        await charlie.request('DELETE', `/conversations/${conversation.id}/participants/${p.id}`),
        409,
        'PARTICIPANT_REQUIRED',
        undefined,
        p.name,
      );
    }
    expectError(await charlie.request('DELETE', `/conversations/${conversation.id}/participants/999999`), 404, 'PARTICIPANT_NOT_FOUND');
  });

  it("on the storefront a Buyer adds colleagues of their own customer, an Administrator those of the customer's tree", async () => {
    const { conversation } = await newConversation(amanda);
    const add = (who: Agent, id: number, userId: number) => who.post(`/conversations/${id}/participants`, { customerUserId: userId });
    // Ruth is of the sub-customer: not Amanda's own customer
    expectError(await add(amanda, conversation.id, ids.ruth), 400, 'VALIDATION_FAILED', { userId: expect.any(String) });
    expectError(await add(amanda, conversation.id, ids.nancy), 400, 'VALIDATION_FAILED', { userId: expect.any(String) });
    const people = ok<{ items: Record<string, unknown>[] }>(await add(amanda, conversation.id, ids.marlene)).items;
    expect(names(people as { name: string }[])).toEqual(expect.arrayContaining(['Amanda Cole', 'Marlene Bradley']));
    // the storefront is not told anyone's read marks
    for (const p of people) expect(Object.keys(p).sort()).toEqual(['id', 'kind', 'name', 'role', 'userId']);
    ok(await add(marlene, conversation.id, ids.ruth));
    ok(await ruth.get(`/conversations/${conversation.id}`));
    expect((await thread(amanda, conversation.id)).filter((m) => m.type === 'system').map((m) => m.body)).toEqual([
      'Amanda Cole added Marlene Bradley',
      'Marlene Bradley added Ruth Ortiz',
    ]);
    // Nancy may not see it: 404, whatever she asks
    expectError(await add(nancy, conversation.id, ids.nancy), 404, 'CONVERSATION_NOT_FOUND');
    expectError(await nancy.get(`/conversations/${conversation.id}/participants`), 404, 'CONVERSATION_NOT_FOUND');
    expectError(await amanda.post(`/conversations/${conversation.id}/participants`, {}), 400, 'VALIDATION_FAILED', {
      customerUserId: expect.any(String),
    });
  });

  it('From offers every participant: an Administrator posts as an added customer user, the message keeps who sent it', async () => {
    const { conversation } = await newConversation(amanda, { subject: unique() });
    const people = ok<{ items: P[] }>(await addAsStaff(john, conversation.id, 'customer_user', ids.marlene)).items;
    const marleneP = people.find((p) => p.name === 'Marlene Bradley')!;
    const posted = ok(
      await john.post(`/conversations/${conversation.id}/messages`, { body: 'On her behalf', onBehalfOfParticipantId: marleneP.id }),
      201,
    );
    expect(posted).toMatchObject({ author: { name: 'Marlene Bradley', kind: 'customer_user' }, sentBy: { name: 'John Doe' } });
  });
});

describeApi(
  'participants, storefront part turned off',
  (h) => {
    it('PARLEY_STOREFRONT_PARTICIPANTS=off: customer users may not add anyone (403 FORBIDDEN); the back-office still may', async () => {
      const [amanda, john] = [await h().as('amanda'), await h().as('john')];
      const marlene = await customerUserId(john, 'marlene');
      const { conversation } = await newConversation(amanda);
      expectError(await amanda.post(`/conversations/${conversation.id}/participants`, { customerUserId: marlene }), 403, 'FORBIDDEN');
      ok(await john.post(`/conversations/${conversation.id}/participants`, { kind: 'customer_user', userId: marlene }));
    });
  },
  { env: { PARLEY_STOREFRONT_PARTICIPANTS: 'off' } },
);
