// Mentions: `@` names back-office users in a reply or an internal note. The
// mentioned user takes part from then on (an unread count), is told live
// (mention.created, to them alone), finds the conversation in the grid's
// Mentions view, and gets a mail through the notifications module; customers
// learn nothing of a mention, least of all one in a note.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { emails, type Agent } from '../support/api';
import { expectError } from '../support/errors';
import { eventually } from '../support/eventually';
import { backofficeConversation, backofficeUserId, customerUserId, newConversation, ok, unique } from '../support/fixtures';
import { describeWebhooks, newEndpoint } from '../support/webhooks';
import { describeMail, mailsFor } from '../support/mail';
import { describeLive } from '../live/harness';
import { connectLive, type LiveClient } from '../live/client';

const settle = () => new Promise((r) => setTimeout(r, 300));
type Row = { id: number; name: string; unreadCount: number };

describeLive('mentions', {}, (h) => {
  const agents = {} as Record<'john' | 'charlie' | 'amanda' | 'marlene', Agent>;
  const sockets = {} as Record<keyof typeof agents, LiveClient>;
  const ids = {} as Record<'john' | 'charlie' | 'amanda', number>;

  beforeAll(async () => {
    for (const name of ['john', 'charlie', 'amanda', 'marlene'] as const) agents[name] = await h().as(name);
    for (const name of ['john', 'charlie', 'amanda', 'marlene'] as const) {
      sockets[name] = await connectLive(h().base, `${agents[name].base}/live`, { cookie: agents[name].cookie });
    }
    ids.john = await backofficeUserId(agents.john, 'John Doe');
    ids.charlie = await backofficeUserId(agents.john, 'Charlie Sheen');
    ids.amanda = await customerUserId(agents.john, 'amanda');
  });
  afterAll(async () => {
    await Promise.all(Object.values(sockets).map((s) => s.close()));
  });

  const mentionsView = async (who: Agent) =>
    ok<{ items: Row[]; total: number }>(await who.get('/conversations?mentioned=true&pageSize=200')).items;

  it('a mentioned colleague takes part, has the message unread, is told live, and finds it under Mentions', async () => {
    const name = unique('Mention');
    const { conversation } = await backofficeConversation(agents.john, { customerUserId: ids.amanda, name });
    expect((await mentionsView(agents.charlie)).map((c) => c.id)).not.toContain(conversation.id);

    const posted = ok(
      await agents.john.post(`/conversations/${conversation.id}/messages`, {
        body: '@Charlie Sheen can you check the stock?',
        mentions: [ids.charlie],
      }),
      201,
    );
    const people = ok<{ items: { name: string; unreadCount: number }[] }>(
      await agents.john.get(`/conversations/${conversation.id}/participants`),
    ).items;
    expect(people.find((p) => p.name === 'Charlie Sheen')?.unreadCount).toBe(1);

    const frame = await sockets.charlie.waitFor((f) => f.type === 'mention.created' && f.conversationId === conversation.id);
    expect(frame.data).toEqual({
      conversationId: conversation.id,
      conversationName: name,
      message: { id: posted.id, seq: posted.seq, type: 'text' },
      mentioned: { id: ids.charlie, name: 'Charlie Sheen' },
      by: { id: ids.john, name: 'John Doe' },
    });
    await sockets.charlie.waitFor((f) => f.type === 'unread.changed' && f.conversations?.some((c: Row) => c.id === conversation.id));

    const view = await mentionsView(agents.charlie);
    expect(view.find((c) => c.id === conversation.id)).toMatchObject({ name, unreadCount: 1 });
    // John wrote it; nobody mentioned him
    expect((await mentionsView(agents.john)).map((c) => c.id)).not.toContain(conversation.id);
    await settle();
    for (const who of ['john', 'amanda', 'marlene'] as const) expect(sockets[who].of('mention.created'), who).toEqual([]);
  });

  it('a mention in an internal note stays with staff: customers see no message, no count, no event', async () => {
    const { conversation } = await backofficeConversation(agents.charlie, { customerUserId: ids.amanda, message: 'Hello Amanda' });
    const before = ok<{ total: number }>(await agents.amanda.get('/unread')).total;
    const note = ok(
      await agents.charlie.post(`/conversations/${conversation.id}/messages`, {
        body: '@John Doe discount approved?',
        type: 'note',
        mentions: [ids.john],
      }),
      201,
    );
    const frame = await sockets.john.waitFor((f) => f.type === 'mention.created' && f.data.message.id === note.id);
    expect(frame.data.message.type).toBe('note');
    expect((await mentionsView(agents.john)).map((c) => c.id)).toContain(conversation.id);
    await settle();
    expect(ok<{ total: number }>(await agents.amanda.get('/unread')).total).toBe(before);
    const thread = ok<{ items: { body: string }[] }>(await agents.amanda.get(`/conversations/${conversation.id}/messages`)).items;
    expect(thread.map((m) => m.body)).toEqual(['Hello Amanda']);
    const storefrontPeople = ok<{ items: { name: string }[] }>(await agents.amanda.get(`/conversations/${conversation.id}/participants`));
    expect(storefrontPeople.items.map((p) => p.name)).toEqual(['Amanda Cole']);
    for (const who of ['amanda', 'marlene'] as const) {
      const seen = sockets[who].frames.filter((f) => JSON.stringify(f).includes('discount approved') || f.type === 'mention.created');
      expect(seen, who).toEqual([]);
    }
  });

  it('refuses mentions of anyone but active back-office users; customers cannot mention', async () => {
    const { conversation } = await backofficeConversation(agents.john, { customerUserId: ids.amanda });
    const url = `/conversations/${conversation.id}/messages`;
    expectError(await agents.john.post(url, { body: '@nobody', mentions: [999_999] }), 400, 'VALIDATION_FAILED', {
      mentions: 'Mention active back-office users only.',
    });
    expectError(await agents.john.post(url, { body: '@x', mentions: ['x'] }), 400, 'VALIDATION_FAILED', {
      'mentions.0': expect.any(String),
    });
    // nothing half-written: the refused posts left no message, and Charlie takes no part
    expect(ok<{ items: unknown[] }>(await agents.john.get(url)).items).toEqual([]);
    const names = async () =>
      ok<{ items: { name: string }[] }>(await agents.john.get(`/conversations/${conversation.id}/participants`)).items.map((p) => p.name);
    expect(await names()).not.toContain('Charlie Sheen');
    // the storefront API has no mentions: a customer's "@Charlie Sheen" is only text
    ok(await agents.amanda.post(url, { body: '@Charlie Sheen', mentions: [ids.charlie] }), 201);
    expect(await names()).not.toContain('Charlie Sheen');
    expect((await mentionsView(agents.charlie)).map((c) => c.id)).not.toContain(conversation.id);
    // mentioning oneself changes nothing and names nobody
    ok(await agents.john.post(url, { body: '@John Doe note to self', mentions: [ids.john] }), 201);
    expect((await mentionsView(agents.john)).map((c) => c.id)).not.toContain(conversation.id);
  });
});

describeMail('mentions by mail', {}, (h) => {
  it('mails the mentioned colleague through the notifications module once the delay has passed, saying who mentioned them', async () => {
    const john = await h().as('john');
    const name = unique('Mentioned');
    const { conversation } = await backofficeConversation(john, { customerUserId: await customerUserId(john, 'amanda'), name });
    const charlie = await backofficeUserId(john, 'Charlie Sheen');
    ok(
      await john.post(`/conversations/${conversation.id}/messages`, { body: '@Charlie Sheen please call them', mentions: [charlie] }),
      201,
    );
    await settle();
    h().clock.advance(10 * 60_000);
    const [mail] = await eventually(
      () => mailsFor(h().sink, emails.charlie, name),
      (m) => m.length === 1,
      'the mention mail',
    );
    expect(mail!.parsed.subject).toBe(`${name}: John Doe mentioned you`);
    expect(mail!.parsed.text).toContain(`John Doe mentioned you in "${name}".`);
    expect(mail!.parsed.text).toContain('@Charlie Sheen please call them');
  });
});

describeWebhooks('mentions and webhooks', { PARLEY_WEBHOOKS_ALLOW_PRIVATE: 'true' }, (h) => {
  it('mention.created goes only to an endpoint created with includeStaffOnly', async () => {
    const [john, amanda] = [await h().as('john'), await h().as('amanda')];
    const { receiver } = h();
    const types = ['mention.created', 'conversation.created'];
    const plain = await newEndpoint(john, receiver, types);
    const staff = await newEndpoint(john, receiver, types, { includeStaffOnly: true });
    const { conversation } = await newConversation(amanda, { message: 'first' });
    const charlie = await backofficeUserId(john, 'Charlie Sheen');
    ok(await john.post(`/conversations/${conversation.id}/messages`, { body: '@Charlie Sheen', type: 'note', mentions: [charlie] }), 201);
    const typesAt = (path: string) => receiver.received(path).map((d) => (JSON.parse(d.body) as { type: string }).type);
    await eventually(
      () => Promise.resolve(typesAt(staff.path)),
      (t) => t.length === 2,
      'the opted-in endpoint has both',
    );
    await eventually(
      () => Promise.resolve(typesAt(plain.path)),
      (t) => t.length === 1,
      'the other has the conversation',
    );
    await settle();
    expect(typesAt(staff.path)).toEqual(['conversation.created', 'mention.created']);
    expect(typesAt(plain.path)).toEqual(['conversation.created']);
  });
});
