// The staff inbox's server side: "Waiting on us" (set by a customer's public
// message, ended by staff's), its order, the bulk Close/Reopen/Assign and the
// team's count in the header indicator, on both databases.
import { beforeAll, expect, it } from 'vitest';
import { backfillAwaitingStaff } from '../../src/server/conversations/conversations.migrations';
import { describeApi, type Agent } from '../support/api';
import { expectError } from '../support/errors';
import {
  backofficeConversation,
  backofficeUserId,
  customerUserId,
  newConversation,
  ok,
  postMessage,
  type ConversationSummary as Row,
} from '../support/fixtures';

const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

describeApi('staff inbox', (h) => {
  let john: Agent, charlie: Agent, amanda: Agent;
  let johnId: number, charlieId: number, amandaId: number;
  const waiting = async (who: Agent = john) =>
    ok<{ items: Row[]; total: number }>(await who.get('/conversations?waiting=true&sort=waitingSince&order=asc&pageSize=200'));
  const waitingSince = async (id: number) => (await waiting()).items.find((c) => c.id === id)?.awaitingStaffSince ?? null;
  const statusOf = async (id: number) => ok<Row>(await john.get(`/conversations/${id}`)).status;

  beforeAll(async () => {
    [john, charlie, amanda] = await Promise.all([h().as('john'), h().as('charlie'), h().as('amanda')]);
    [johnId, charlieId, amandaId] = await Promise.all([
      backofficeUserId(john, 'John Doe'),
      backofficeUserId(john, 'Charlie Sheen'),
      customerUserId(john, 'amanda'),
    ]);
  });

  it("waits on staff from the customer's first unanswered message until staff answers; notes and system messages do not count", async () => {
    const { conversation, message } = await newConversation(amanda);
    expect(await waitingSince(conversation.id)).toBe(message.createdAt);
    // a second customer message keeps the wait's start
    await pause();
    await postMessage(amanda, conversation.id);
    expect(await waitingSince(conversation.id)).toBe(message.createdAt);
    // an internal note is not an answer
    ok(await charlie.post(`/conversations/${conversation.id}/messages`, { body: 'looking into it', type: 'note' }), 201);
    expect(await waitingSince(conversation.id)).toBe(message.createdAt);
    // a reply is
    await postMessage(charlie, conversation.id);
    expect(await waitingSince(conversation.id)).toBeNull();
    expect((await waiting()).items.map((c) => c.id)).not.toContain(conversation.id);
    // the customer writes again: a new wait, from that message
    await pause();
    const again = await postMessage(amanda, conversation.id);
    expect(await waitingSince(conversation.id)).toBe(again.createdAt);
    // a Close ends the wait, and a Reopen does not start it
    ok(await john.post(`/conversations/${conversation.id}/close`));
    expect(await waitingSince(conversation.id)).toBeNull();
    ok(await john.post(`/conversations/${conversation.id}/reopen`));
    expect(await waitingSince(conversation.id)).toBeNull();
  });

  it("a message posted on behalf of the customer is the customer's and waits on staff; on behalf of staff it answers", async () => {
    const { conversation } = await backofficeConversation(john, { customerUserId: amandaId, ownerId: charlieId });
    const people = ok<{ items: { id: number; kind: string; userId: number }[] }>(
      await john.get(`/conversations/${conversation.id}/participants`),
    );
    const amandaP = people.items.find((p) => p.kind === 'customer_user' && p.userId === amandaId)!;
    const charlieP = people.items.find((p) => p.kind === 'backoffice_user' && p.userId === charlieId)!;
    const relayed = ok(
      await john.post(`/conversations/${conversation.id}/messages`, {
        body: 'Amanda called: where is it?',
        onBehalfOfParticipantId: amandaP.id,
      }),
      201,
    );
    expect(await waitingSince(conversation.id)).toBe(relayed.createdAt);
    ok(await john.post(`/conversations/${conversation.id}/messages`, { body: 'On its way', onBehalfOfParticipantId: charlieP.id }), 201);
    expect(await waitingSince(conversation.id)).toBeNull();
  });

  it('Waiting on us lists the longest waiting first, and its count is the total', async () => {
    const first = (await newConversation(amanda)).conversation;
    await pause();
    const second = (await newConversation(amanda)).conversation;
    await pause();
    // answered, then asked again: now the newest wait, although the oldest conversation
    await postMessage(charlie, first.id);
    await pause();
    await postMessage(amanda, first.id);
    const page = await waiting();
    const ours = page.items.map((c) => c.id).filter((id) => id === first.id || id === second.id);
    expect(ours).toEqual([second.id, first.id]);
    const times = page.items.map((c) => c.awaitingStaffSince!);
    expect(times).toEqual([...times].sort());
    expect(page.total).toBe(page.items.length);
    expect(page.items.every((c) => c.status === 'active')).toBe(true);
  });

  it("the header indicator gives an Administrator the team's count of conversations waiting on staff; a Sales Manager does not get it", async () => {
    await newConversation(amanda);
    const total = (await waiting()).total;
    expect(ok(await john.get('/unread')).waitingOnStaff).toBe(total);
    expect(total).toBeGreaterThan(0);
    expect(ok(await charlie.get('/unread'))).not.toHaveProperty('waitingOnStaff');
  });

  it('bulk Close and Reopen change each conversation on its own through the transition table and report each result', async () => {
    const a = (await newConversation(amanda)).conversation;
    const b = (await newConversation(amanda)).conversation;
    ok(await john.post(`/conversations/${b.id}/close`));
    const closed = ok(await charlie.post('/conversations/bulk', { action: 'close', ids: [a.id, b.id, 999999] }));
    expect(closed).toEqual({
      succeeded: 1,
      failed: 2,
      results: [
        { id: a.id, ok: true },
        { id: b.id, ok: false, error: { code: 'INVALID_STATUS_TRANSITION', message: 'A Closed conversation cannot be closed.' } },
        { id: 999999, ok: false, error: { code: 'CONVERSATION_NOT_FOUND', message: expect.any(String) } },
      ],
    });
    expect(await statusOf(a.id)).toBe('closed');
    // kept in the history and told in the thread, as a single Close
    const history = ok<{ items: { toStatus: string; changedBy: { name: string } }[] }>(await john.get(`/conversations/${a.id}/history`));
    expect(history.items.map((s) => [s.toStatus, s.changedBy.name])).toEqual([['closed', 'Charlie Sheen']]);
    const messages = ok<{ items: { type: string; body: string }[] }>(await john.get(`/conversations/${a.id}/messages`));
    expect(messages.items.at(-1)).toMatchObject({ type: 'system', body: 'Charlie Sheen closed the conversation.' });

    const reopened = ok(await john.post('/conversations/bulk', { action: 'reopen', ids: [a.id, b.id] }));
    expect(reopened).toMatchObject({ succeeded: 2, failed: 0 });
    expect([await statusOf(a.id), await statusOf(b.id)]).toEqual(['active', 'active']);
  });

  it('bulk Assign: anyone to themselves, only an Administrator to someone else; bad input is refused whole', async () => {
    const a = (await newConversation(amanda)).conversation;
    const b = (await newConversation(amanda)).conversation;
    expectError(await charlie.post('/conversations/bulk', { action: 'assign', ids: [a.id, b.id], ownerId: johnId }), 403, 'FORBIDDEN');
    const mine = ok(await charlie.post('/conversations/bulk', { action: 'assign', ids: [a.id, b.id], ownerId: charlieId }));
    expect(mine).toMatchObject({ succeeded: 2, failed: 0 });
    expect(ok<Row>(await john.get(`/conversations/${a.id}`)).owner?.name).toBe('Charlie Sheen');
    const toJohn = ok(await john.post('/conversations/bulk', { action: 'assign', ids: [a.id, 999999], ownerId: johnId }));
    expect(toJohn).toMatchObject({
      succeeded: 1,
      failed: 1,
      results: [
        { id: a.id, ok: true },
        { id: 999999, ok: false },
      ],
    });
    expect(toJohn.results[1].error.code).toBe('CONVERSATION_NOT_FOUND');
    expect(ok<Row>(await john.get(`/conversations/${a.id}`)).owner?.name).toBe('John Doe');
    // nothing changes when the owner does not exist
    expectError(await john.post('/conversations/bulk', { action: 'assign', ids: [b.id], ownerId: 999999 }), 400, 'VALIDATION_FAILED', {
      ownerId: 'Choose an existing back-office user.',
    });
    expect(ok<Row>(await john.get(`/conversations/${b.id}`)).owner?.name).toBe('Charlie Sheen');
    const refused = {
      ownerId: [{ action: 'assign', ids: [b.id] }, 'Choose an owner.'],
      action: [{ action: 'delete', ids: [b.id] }, 'Use close, reopen or assign.'],
      ids: [{ action: 'close', ids: [] }, 'Choose at least one conversation.'],
    } as const;
    for (const [field, [body, message]] of Object.entries(refused)) {
      expectError(await john.post('/conversations/bulk', body), 400, 'VALIDATION_FAILED', { [field]: message }, field);
    }
    expectError(
      await h()
        .anonymous('/admin/api')
        .post('/conversations/bulk', { action: 'close', ids: [b.id] }),
      401,
      'UNAUTHENTICATED',
    );
    // a customer user has no back-office session: their cookie opens nothing here
    const asAmanda = await h().app.inject({
      method: 'POST',
      url: '/admin/api/conversations/bulk',
      headers: { cookie: amanda.cookie, 'x-csrf-token': amanda.csrf },
      payload: { action: 'close', ids: [b.id] },
    });
    expectError(asAmanda, 401, 'UNAUTHENTICATED');
    expect(await statusOf(b.id)).toBe('active');
  });

  it("the migration's backfill sets what the posts set, for every conversation whose status never changed", async () => {
    const { db } = h().built.database;
    const read = async () => {
      const rows = await db
        .selectFrom('conversations as c')
        .select(['c.id', 'c.awaiting_staff_since'])
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('status_changes as s').select('s.id').whereRef('s.conversation_id', '=', 'c.id'))),
        )
        .orderBy('c.id')
        .execute();
      return rows;
    };
    const live = await read();
    expect(live.filter((c) => c.awaiting_staff_since !== null).length).toBeGreaterThan(2);
    await db.updateTable('conversations').set({ awaiting_staff_since: null }).execute();
    await backfillAwaitingStaff(db);
    expect(await read()).toEqual(live);
  });
});
