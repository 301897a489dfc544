// Live push: who receives what (the SPEC's visibility), unread totals, typing,
// and who may open a socket at all.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ActorName, Agent } from '../support/api';
import { expectError } from '../support/errors';
import { backofficeConversation, customerUserId, unique } from '../support/fixtures';
import { refusedHandshake } from '../support/live-handshake';
import { describeLive } from '../live/harness';
import { connectLive, type Frame, type LiveClient } from '../live/client';

const actors: ActorName[] = ['amanda', 'marlene', 'ruth', 'nancy', 'john', 'charlie'];
const settle = () => new Promise((r) => setTimeout(r, 300));

describeLive('live push', {}, (h) => {
  let base = '';
  const agents = {} as Record<ActorName, Agent>;
  const sockets = {} as Record<ActorName, LiveClient>;
  const ids = {} as Record<'so1001' | 'so1101' | 'q3201', number>;

  const open = (name: ActorName) => connectLive(base, `${agents[name].base}/live`, { cookie: agents[name].cookie });
  const conversationId = async (who: Agent, name: string) =>
    (await who.get('/conversations')).json().items.find((c: { name: string }) => c.name === name).id as number;
  const messagesFor = (name: ActorName, after: number) =>
    sockets[name]
      .of('message.created')
      .filter((f) => f.id > after)
      .map((f) => f.data.message.body as string);
  /**
   * A message in each demo conversation from its customer user, and a new
   * conversation for Marlene with a first message, all tagged with `tag`;
   * resolves once every socket has had time to receive them.
   */
  async function writeAcrossCustomers(tag: string) {
    const marleneId = (await agents.marlene.get('/session')).json().user.id;
    expect((await agents.amanda.post(`/conversations/${ids.so1001}/messages`, { body: `from amanda ${tag}` })).statusCode).toBe(201);
    expect((await agents.ruth.post(`/conversations/${ids.so1101}/messages`, { body: `from ruth ${tag}` })).statusCode).toBe(201);
    expect((await agents.nancy.post(`/conversations/${ids.q3201}/messages`, { body: `from nancy ${tag}` })).statusCode).toBe(201);
    const created = await agents.charlie.post('/conversations', {
      name: `For Marlene ${tag}`,
      customerUserId: marleneId,
      message: `to marlene ${tag}`,
    });
    expect(created.statusCode).toBe(201);
    await sockets.john.waitFor((f) => f.type === 'message.created' && f.data.message.body === `to marlene ${tag}`);
    await settle();
    return created.json().conversation.id as number;
  }

  beforeAll(async () => {
    base = h().base;
    for (const name of actors) agents[name] = await h().as(name);
    ids.so1001 = await conversationId(agents.amanda, 'Order SO-1001');
    ids.so1101 = await conversationId(agents.ruth, 'Order SO-1101');
    ids.q3201 = await conversationId(agents.nancy, 'Quote Q-3201');
    for (const name of actors) sockets[name] = await open(name);
  });
  afterAll(async () => {
    await Promise.all(Object.values(sockets).map((s) => s.close()));
  });

  it('sends each actor the events of the conversations they may see, and nothing of the others', async () => {
    // the newest event any socket has had: what earlier tests wrote is at or before it
    const newest = (c: LiveClient) =>
      Math.max(0, ...c.frames.map((f) => (f.id as number | undefined) ?? (f.lastEventId as number | undefined) ?? 0));
    const start = Math.max(...actors.map((a) => newest(sockets[a])));
    const tag = unique('run');
    const created = await writeAcrossCustomers(tag);
    // a read mark, stored as an event: it is for no one's socket
    expect((await agents.marlene.post(`/conversations/${created}/read`, { upToSeq: 1 })).statusCode).toBe(200);
    await settle();

    const [amanda, ruth, nancy, marlene] = ['from amanda', 'from ruth', 'from nancy', 'to marlene'].map((body) => `${body} ${tag}`);
    const all = [amanda, ruth, nancy, marlene];
    expect(messagesFor('amanda', start)).toEqual([amanda]);
    expect(messagesFor('marlene', start)).toEqual([amanda, ruth, marlene]);
    expect(messagesFor('ruth', start)).toEqual([ruth]);
    expect(messagesFor('nancy', start)).toEqual([nancy]);
    expect(messagesFor('john', start)).toEqual(all);
    expect(messagesFor('charlie', start)).toEqual(all);

    const createdFor = (name: ActorName) =>
      sockets[name]
        .of('conversation.created')
        .filter((f) => f.id > start)
        .map((f) => f.data.name as string);
    for (const name of ['marlene', 'john', 'charlie'] as const) expect(createdFor(name)).toEqual([`For Marlene ${tag}`]);
    for (const name of ['amanda', 'ruth', 'nancy'] as const) expect(createdFor(name)).toEqual([]);

    // Nancy, of another company, received nothing at all about Acme
    const acme = new Set([ids.so1001, ids.so1101, created]);
    expect(sockets.nancy.frames.filter((f) => acme.has(f.conversationId) || f.conversations?.some((c: Frame) => acme.has(c.id)))).toEqual(
      [],
    );
    // nobody ever receives another's read marks
    for (const name of actors) expect(sockets[name].of('conversation.read')).toEqual([]);
  });

  it('replays from the table exactly what each actor received live (one rule, two forms)', async () => {
    const start = Math.min(...actors.map((a) => sockets[a].of('ready')[0]!.lastEventId as number));
    await writeAcrossCustomers(unique('replayed'));
    for (const name of actors) {
      const stored = (c: LiveClient) => c.frames.filter((f) => typeof f.id === 'number' && f.id > start).map((f) => `${f.id} ${f.type}`);
      expect(stored(sockets[name]), name).not.toEqual([]);
      const replayed = await connectLive(base, `${agents[name].base}/live`, { cookie: agents[name].cookie, resume: start });
      const upTo = replayed.of('ready')[0]!.lastEventId as number;
      expect(stored(replayed)).toEqual(stored(sockets[name]).filter((line) => Number(line.split(' ')[0]) <= upTo));
      await replayed.close();
    }
  });

  it('pushes rename, close, reopen and delete to those who may see the conversation', async () => {
    const marleneId = (await agents.marlene.get('/session')).json().user.id;
    const id = (await backofficeConversation(agents.john, { customerUserId: marleneId, message: 'hello' })).conversation.id;
    const renamed = unique('Lifecycle renamed');
    expect((await agents.john.request('PATCH', `/conversations/${id}`, { name: renamed })).statusCode).toBe(200);
    expect((await agents.john.post(`/conversations/${id}/close`)).statusCode).toBe(200);
    expect((await agents.john.post(`/conversations/${id}/reopen`)).statusCode).toBe(200);
    expect((await agents.john.request('DELETE', `/conversations/${id}`)).statusCode).toBe(200);
    const types = [
      'conversation.created',
      'message.created',
      'conversation.updated',
      'message.created',
      'conversation.status_changed',
      'message.created',
      'conversation.status_changed',
      'conversation.deleted',
    ];
    for (const name of ['marlene', 'charlie', 'john'] as const) {
      await sockets[name].waitFor((f) => f.type === 'conversation.deleted' && f.conversationId === id);
      const stream = sockets[name].frames.filter((f) => f.conversationId === id);
      expect(stream.map((f) => f.type)).toEqual(types);
      expect(stream.map((f) => f.id)).toEqual([...stream.map((f) => f.id)].sort((a, b) => a - b));
      expect(stream[2]!.data.name).toBe(renamed);
      expect(stream[4]!.data).toMatchObject({ from: 'active', to: 'closed', by: { name: 'John Doe' } });
    }
    for (const name of ['amanda', 'ruth', 'nancy'] as const)
      expect(sockets[name].frames.filter((f) => f.conversationId === id)).toEqual([]);
  });

  it('sends unread.changed with my totals to the users whose counts changed, and read marks only to the reader', async () => {
    // Charlie's conversation with Amanda: the two of them take part, John does not
    const id = (await backofficeConversation(agents.charlie, { customerUserId: await customerUserId(agents.john, 'amanda') })).conversation
      .id;
    await settle();
    const before = (await agents.amanda.get('/unread')).json();
    const after = (socket: LiveClient, mark: number) => (f: Frame) => socket.frames.indexOf(f) >= mark;
    const mark = sockets.amanda.frames.length;
    const charlieMark = sockets.charlie.frames.length;
    const johnMark = sockets.john.frames.length;
    const posted = await agents.charlie.post(`/conversations/${id}/messages`, { body: 'unread for amanda' });
    const up = await sockets.amanda.waitFor((f) => after(sockets.amanda, mark)(f) && f.type === 'unread.changed');
    expect(up.totals).toEqual({ side: 'storefront', total: before.total + 1, conversations: expect.any(Number) });
    expect(up.conversations).toContainEqual({ id, unreadCount: expect.any(Number) });

    const readMark = sockets.amanda.frames.length;
    const read = await agents.amanda.post(`/conversations/${id}/read`, { upToSeq: posted.json().seq });
    expect(read.statusCode).toBe(200);
    const down = await sockets.amanda.waitFor(
      (f) =>
        after(sockets.amanda, readMark)(f) &&
        f.type === 'unread.changed' &&
        f.conversations?.some((c: Frame) => c.id === id && c.unreadCount === 0),
    );
    expect(down.totals).toEqual({ side: 'storefront', ...(await agents.amanda.get('/unread')).json() });

    // Amanda writes: Charlie (the owner, a participant) has one more unread; John takes no part
    await agents.amanda.post(`/conversations/${id}/messages`, { body: 'unread for charlie' });
    const staff = await sockets.charlie.waitFor(
      (f) =>
        after(sockets.charlie, charlieMark)(f) &&
        f.type === 'unread.changed' &&
        f.conversations?.some((c: Frame) => c.id === id && c.unreadCount > 0),
    );
    expect(staff.totals).toMatchObject({ side: 'backoffice', count: (await agents.charlie.get('/unread')).json().count });
    expect(staff.totals.latest[0]).toMatchObject({ conversationId: id, preview: 'unread for charlie' });
    await settle();
    expect(
      sockets.john.frames.slice(johnMark).filter((f) => f.type === 'unread.changed' && f.conversations?.some((c: Frame) => c.id === id)),
    ).toEqual([]);
    expect(
      sockets.nancy.frames.filter((f) => f.type === 'unread.changed' && f.conversations?.some((c: Frame) => c.id !== ids.q3201)),
    ).toEqual([]);
  });

  it('relays typing, throttled, to those who may see the conversation, never back to the typist', async () => {
    const second = await open('amanda');
    const marks = Object.fromEntries(actors.map((a) => [a, sockets[a].frames.length]));
    const typings = (name: ActorName) => sockets[name].frames.slice(marks[name]).filter((f) => f.type === 'typing');
    sockets.amanda.send({ type: 'typing', conversationId: ids.so1001 });
    sockets.amanda.send({ type: 'typing', conversationId: ids.so1001 });
    sockets.nancy.send({ type: 'typing', conversationId: ids.so1001 });
    await sockets.charlie.waitFor((f) => f.type === 'typing');
    await settle();
    for (const name of ['charlie', 'john', 'marlene'] as const) {
      expect(typings(name)).toEqual([
        { type: 'typing', conversationId: ids.so1001, user: { kind: 'customer_user', id: expect.any(Number), name: 'Amanda Cole' } },
      ]);
    }
    for (const name of ['amanda', 'ruth', 'nancy'] as const) expect(typings(name)).toEqual([]);
    expect(second.of('typing')).toEqual([]);

    sockets.charlie.send({ type: 'typing', conversationId: ids.so1001 });
    const seen = await second.waitFor((f) => f.type === 'typing');
    expect(seen.user).toMatchObject({ kind: 'backoffice_user', name: 'Charlie Sheen' });
    await second.close();
  });

  it('sends the current totals once caught up', async () => {
    const fresh = await open('nancy');
    const totals = await fresh.waitFor((f) => f.type === 'unread.changed');
    expect(totals.totals).toEqual({ side: 'storefront', ...(await agents.nancy.get('/unread')).json() });
    await fresh.close();
  });

  it('refuses a handshake without the side’s session, with the other side’s cookie, or from another origin', async () => {
    expectError(await refusedHandshake(base, '/api/live'), 401, 'UNAUTHENTICATED');
    expectError(await refusedHandshake(base, '/admin/api/live'), 401, 'UNAUTHENTICATED');
    expectError(await refusedHandshake(base, '/admin/api/live', { cookie: agents.amanda.cookie }), 401, 'UNAUTHENTICATED');
    expectError(await refusedHandshake(base, '/api/live', { cookie: agents.amanda.cookie }, 'https://evil.example'), 403, 'FORBIDDEN');
    const sameSite = await connectLive(base, '/api/live', { cookie: agents.amanda.cookie, origin: base });
    expect(sameSite.of('ready')).toHaveLength(1);
    await sameSite.close();
  });
});
