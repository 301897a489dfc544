import { beforeAll, expect, it } from 'vitest';
import { describeApi, type Agent } from '../support/api';
import {
  backofficeConversation,
  backofficeUserId,
  customerUserId,
  newConversation,
  ok,
  postMessage,
  type ConversationSummary as Summary,
} from '../support/fixtures';

// Issue 17: list previews show the last real message, not the status lines
// after it; a message staff post in a customer's name is news to that customer
// and read by the Administrator who wrote it.
describeApi('previews and messages written on behalf', (h) => {
  let amanda: Agent, charlie: Agent, john: Agent;
  let amandaId: number, johnId: number;
  beforeAll(async () => {
    [amanda, charlie, john] = await Promise.all([h().as('amanda'), h().as('charlie'), h().as('john')]);
    amandaId = await customerUserId(john, 'amanda');
    johnId = await backofficeUserId(john, 'John Doe');
  });

  it('previews the last text message on both sides, not the close and reopen lines after it', async () => {
    const { conversation } = await newConversation(amanda, { message: 'Where is my order?' });
    await postMessage(charlie, conversation.id, 'It ships **today**.');
    ok(await john.post(`/conversations/${conversation.id}/close`));
    ok(await john.post(`/conversations/${conversation.id}/reopen`));

    const expected = { type: 'text', preview: 'It ships **today**.', authorName: 'Charlie Sheen' };
    const storefront = ok<{ items: Summary[] }>(await amanda.get('/conversations?limit=100')).items.find((c) => c.id === conversation.id)!;
    expect(storefront.lastMessage).toMatchObject(expected);
    expect(ok<Summary>(await amanda.get(`/conversations/${conversation.id}`)).lastMessage).toMatchObject(expected);
    const grid = ok<{ items: Summary[] }>(await john.get(`/conversations?name=${encodeURIComponent(conversation.name)}`)).items;
    expect(grid.map((c) => c.lastMessage)).toEqual([expect.objectContaining(expected)]);
    // the thread itself keeps every line, in order
    const thread = ok<{ items: { type: string; body: string }[] }>(await amanda.get(`/conversations/${conversation.id}/messages`)).items;
    expect(thread.map((m) => m.body)).toEqual([
      'Where is my order?',
      'It ships **today**.',
      'John Doe closed the conversation.',
      'John Doe reopened the conversation.',
    ]);
    // the next text message is the preview again
    await postMessage(amanda, conversation.id, 'Thanks!');
    expect(ok<Summary>(await john.get(`/conversations/${conversation.id}`)).lastMessage).toMatchObject({
      preview: 'Thanks!',
      authorName: 'Amanda Cole',
    });
  });

  it('previews the last status line of a conversation that has nothing else', async () => {
    const { conversation } = await backofficeConversation(john, { customerUserId: amandaId });
    ok(await john.post(`/conversations/${conversation.id}/close`));
    expect(ok<Summary>(await amanda.get(`/conversations/${conversation.id}`)).lastMessage).toMatchObject({
      type: 'system',
      preview: 'John Doe closed the conversation.',
    });
  });

  it("counts a message written in Amanda's name as unread for her and as read for the Administrator who wrote it", async () => {
    const { conversation } = await backofficeConversation(john, { customerUserId: amandaId, ownerId: johnId });
    const participants = ok<{ items: { id: number; name: string }[] }>(
      await john.get(`/conversations/${conversation.id}/participants`),
    ).items;
    const amandaP = participants.find((p) => p.name === 'Amanda Cole')!;
    const posted = await john.post(`/conversations/${conversation.id}/messages`, {
      body: 'Amanda asked by phone: ship to the new address.',
      onBehalfOfParticipantId: amandaP.id,
    });
    expect(ok(posted, 201)).toMatchObject({ author: { name: 'Amanda Cole' }, sentBy: { name: 'John Doe' } });
    expect(ok<Summary>(await amanda.get(`/conversations/${conversation.id}`))).toMatchObject({ unreadCount: 1, lastReadSeq: 0 });
    expect(ok<Summary>(await john.get(`/conversations/${conversation.id}`))).toMatchObject({ unreadCount: 0, lastReadSeq: 1 });
    // Amanda writing in person has read it all, as before
    await postMessage(amanda, conversation.id, 'Yes, that was me.');
    expect(ok<Summary>(await amanda.get(`/conversations/${conversation.id}`))).toMatchObject({ unreadCount: 0, lastReadSeq: 2 });
    expect(ok<Summary>(await john.get(`/conversations/${conversation.id}`))).toMatchObject({ unreadCount: 1 });
  });

  it('keeps a message written in her name unread when Amanda reads up to the message before it', async () => {
    const { conversation } = await backofficeConversation(john, { customerUserId: amandaId, ownerId: johnId });
    await postMessage(john, conversation.id, 'First, from John.');
    const participants = ok<{ items: { id: number; name: string }[] }>(
      await john.get(`/conversations/${conversation.id}/participants`),
    ).items;
    const amandaP = participants.find((p) => p.name === 'Amanda Cole')!;
    ok(
      await john.post(`/conversations/${conversation.id}/messages`, { body: 'Written for Amanda.', onBehalfOfParticipantId: amandaP.id }),
      201,
    );
    expect(ok(await amanda.post(`/conversations/${conversation.id}/read`, { upToSeq: 1 }))).toEqual({ lastReadSeq: 1, unreadCount: 1 });
  });
});
