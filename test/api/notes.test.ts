// Internal notes: back-office users write them in the thread; customers never
// learn of them. The sweep reads every storefront endpoint and watches every
// customer socket (the conversation's customer user, their Administrator, a
// guest) before and after a note, and finds no trace: no body, no id, no
// changed count, no frame. Webhooks carry a note only to an endpoint that opted in.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ActorName, Agent } from '../support/api';
import { expectError } from '../support/errors';
import { eventually } from '../support/eventually';
import { customerUserId, newConversation, ok, postMessage, recordId, unique } from '../support/fixtures';
import { describeWebhooks, newEndpoint } from '../support/webhooks';
import { describeLive } from '../live/harness';
import { connectLive, type Frame, type LiveClient } from '../live/client';

const settle = () => new Promise((r) => setTimeout(r, 400));
const customers: ActorName[] = ['amanda', 'marlene', 'ruth'];

describeLive('internal notes', {}, (h) => {
  const agents = {} as Record<ActorName, Agent>;
  const sockets = {} as Record<ActorName, LiveClient>;
  let conversationId = 0;
  let so1001 = 0;

  beforeAll(async () => {
    for (const name of [...customers, 'john', 'charlie'] as ActorName[]) agents[name] = await h().as(name);
    so1001 = await recordId(agents.john, 'SO-1001');
    ({
      conversation: { id: conversationId },
    } = await newConversation(agents.amanda, { subject: unique('Notes'), recordId: so1001, message: 'When will it ship?' }));
    // Ruth takes part as a guest
    ok(
      await agents.john.post(`/conversations/${conversationId}/participants`, {
        kind: 'customer_user',
        userId: await customerUserId(agents.john, 'ruth'),
      }),
    );
    for (const name of [...customers, 'john', 'charlie'] as ActorName[]) {
      sockets[name] = await connectLive(h().base, `${agents[name].base}/live`, { cookie: agents[name].cookie });
    }
  });
  afterAll(async () => {
    await Promise.all(Object.values(sockets).map((s) => s.close()));
  });

  /** Every storefront answer a customer user can get that might show the conversation. */
  const storefrontSweep = async (who: Agent) => {
    const paths = [
      '/conversations',
      '/conversations?limit=100',
      '/conversations?status=active',
      `/conversations?recordId=${so1001}`,
      `/conversations/${conversationId}`,
      `/conversations/${conversationId}/messages`,
      `/conversations/${conversationId}/messages?after=0`,
      `/conversations/${conversationId}/messages?before=100`,
      `/conversations/${conversationId}/participants`,
      `/orders/${so1001}/conversations`,
      '/unread',
    ];
    const answers: Record<string, unknown> = {};
    for (const path of paths) {
      const res = await who.get(path);
      answers[path] = res.statusCode === 200 ? res.json() : res.statusCode;
    }
    return answers;
  };
  const framesAfter = (name: ActorName, count: number): Frame[] => sockets[name].frames.slice(count);

  it('a note leaves no trace on the storefront: no body, no id, no changed count, no frame', async () => {
    await settle();
    const before = Object.fromEntries(await Promise.all(customers.map(async (c) => [c, await storefrontSweep(agents[c])] as const)));
    const frameCounts = Object.fromEntries(customers.map((c) => [c, sockets[c].frames.length]));
    const secret = unique('Customer is a slow payer');
    const resumeFrom = Math.max(
      0,
      ...sockets.john.frames.map((f) => (f.id as number | undefined) ?? (f.lastEventId as number | undefined) ?? 0),
    );

    const note = ok(await agents.john.post(`/conversations/${conversationId}/messages`, { body: secret, type: 'note' }), 201);
    expect(note).toMatchObject({ type: 'note', body: secret, author: { name: 'John Doe' } });
    // staff receive it live
    await sockets.charlie.waitFor((f) => f.type === 'message.created' && f.data.message.id === note.id);
    await sockets.john.waitFor((f) => f.type === 'message.created' && f.data.message.id === note.id);
    await settle();

    for (const c of customers) {
      expect(await storefrontSweep(agents[c]), c).toEqual(before[c]);
      // not even an unread.changed with the same totals: nothing reached the socket at all
      expect(framesAfter(c, frameCounts[c]!), c).toEqual([]);
      const everything = JSON.stringify(sockets[c].frames);
      expect(everything).not.toContain(secret);
    }

    // a reconnecting customer is not replayed the note either
    const replayed = await connectLive(h().base, '/api/live', { cookie: agents.amanda.cookie, resume: resumeFrom });
    await settle();
    expect(JSON.stringify(replayed.frames)).not.toContain(secret);
    expect(replayed.frames.filter((f) => f.type === 'message.created')).toEqual([]);
    await replayed.close();
  });

  it('a note counts as unread for the back-office participants only; the next reply counts once for customers', async () => {
    const charlieBefore = ok<{ unreadCount: number }>(await agents.charlie.get(`/conversations/${conversationId}`));
    const amandaBefore = ok<{ unreadCount: number; messagesCount: number; lastSeq: number }>(
      await agents.amanda.get(`/conversations/${conversationId}`),
    );
    // Charlie (the sales representative, owner) takes part; John wrote the note and has read it
    await agents.john.post(`/conversations/${conversationId}/messages`, { body: unique('Another note'), type: 'note' });
    const charlieAfter = ok<{ unreadCount: number }>(await agents.charlie.get(`/conversations/${conversationId}`));
    expect(charlieAfter.unreadCount).toBe(charlieBefore.unreadCount + 1);

    const reply = await postMessage(agents.john, conversationId, 'It ships on Monday.');
    const amandaAfter = ok<{ unreadCount: number; messagesCount: number; lastSeq: number; lastMessage: { seq: number; preview: string } }>(
      await agents.amanda.get(`/conversations/${conversationId}`),
    );
    expect(amandaAfter.unreadCount).toBe(amandaBefore.unreadCount + 1);
    expect(amandaAfter.messagesCount).toBe(amandaBefore.messagesCount + 1);
    expect(amandaAfter.lastSeq).toBe(reply.seq);
    expect(amandaAfter.lastMessage).toMatchObject({ seq: reply.seq, preview: 'It ships on Monday.' });
    // the thread as customers read it: no note in it
    const thread = ok<{ items: { type: string }[] }>(await agents.amanda.get(`/conversations/${conversationId}/messages`)).items;
    expect(thread.map((m) => m.type)).not.toContain('note');
    // marking read up to the reply leaves nothing unread
    expect(ok(await agents.amanda.post(`/conversations/${conversationId}/read`, { upToSeq: reply.seq }))).toEqual({
      lastReadSeq: reply.seq,
      unreadCount: 0,
    });
    // staff read notes in the thread and the All messages tab
    const staffThread = ok<{ items: { type: string }[] }>(await agents.charlie.get(`/conversations/${conversationId}/all-messages`)).items;
    expect(staffThread.filter((m) => m.type === 'note')).toHaveLength(2);
  });

  it('only back-office users write notes; not as a customer user; not on a closed conversation', async () => {
    const marleneP = ok<{ items: { id: number; name: string }[] }>(
      await agents.john.get(`/conversations/${conversationId}/participants`),
    ).items.find((p) => p.name === 'Ruth Ortiz')!;
    expectError(
      await agents.john.post(`/conversations/${conversationId}/messages`, {
        body: 'x',
        type: 'note',
        onBehalfOfParticipantId: marleneP.id,
      }),
      400,
      'VALIDATION_FAILED',
      { onBehalfOfParticipantId: expect.any(String) },
    );
    expectError(
      await agents.john.post(`/conversations/${conversationId}/messages`, { body: 'x', type: 'memo' }),
      400,
      'VALIDATION_FAILED',
      {
        type: expect.any(String),
      },
    );
    ok(await agents.john.post(`/conversations/${conversationId}/close`));
    expectError(
      await agents.john.post(`/conversations/${conversationId}/messages`, { body: 'x', type: 'note' }),
      409,
      'CONVERSATION_CLOSED',
    );
  });
});

describeWebhooks('internal notes and webhooks', { PARLEY_WEBHOOKS_ALLOW_PRIVATE: 'true' }, (h) => {
  it('a note goes only to an endpoint created with includeStaffOnly; the others get the messages around it', async () => {
    const [john, amanda] = [await h().as('john'), await h().as('amanda')];
    const { receiver } = h();
    const plain = await newEndpoint(john, receiver, ['message.created']);
    const staff = await newEndpoint(john, receiver, ['message.created'], { includeStaffOnly: true });
    const { conversation } = await newConversation(amanda, { message: 'first' });
    const secret = unique('note');
    ok(await john.post(`/conversations/${conversation.id}/messages`, { body: secret, type: 'note' }), 201);
    await postMessage(john, conversation.id, 'last');
    const bodies = (path: string) =>
      receiver.received(path).map((d) => (JSON.parse(d.body) as { data: { message: { body: string } } }).data.message.body);
    await eventually(
      () => Promise.resolve(bodies(staff.path)),
      (b) => b.length === 3,
      'the opted-in endpoint has all three',
    );
    await eventually(
      () => Promise.resolve(bodies(plain.path)),
      (b) => b.length === 2,
      'the other has two',
    );
    expect(bodies(staff.path)).toEqual(['first', secret, 'last']);
    expect(bodies(plain.path)).toEqual(['first', 'last']);
  });
});
