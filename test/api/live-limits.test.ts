// Live push under bad input and bad peers: each broken socket is closed with
// a clear code, and nothing else is disturbed. The limits are lowered here so
// that each case happens quickly.
import { beforeAll, expect, it } from 'vitest';
import { signIn, type Agent } from '../support/api';
import { hashToken } from '../../src/server/accounts/accounts.service';
import { connectLive, type LiveClient } from '../live/client';
import { describeLive } from '../live/harness';

const limits = { sendBufferBytes: 64 * 1024, resumeTimeoutMs: 300, replayMax: 20, socketsPerUser: 5 };

describeLive('live limits', { limits }, (h) => {
  let base = '';
  let amanda: Agent;
  let charlie: Agent;
  let conversationId = 0;
  const open = (options: Parameters<typeof connectLive>[2] = {}) => connectLive(base, '/api/live', { cookie: amanda.cookie, ...options });
  const post = (body: string) => charlie.post(`/conversations/${conversationId}/messages`, { body });
  const serverSockets = () => h().serverSockets();

  beforeAll(async () => {
    base = h().base;
    amanda = await h().as('amanda');
    charlie = await h().as('charlie');
    conversationId = (await amanda.get('/conversations')).json().items.find((c: { name: string }) => c.name === 'Order SO-1001').id;
  });

  /** a socket of the same user that must keep working while another is closed */
  async function bystanderStillServed(bystander: LiveClient, body: string) {
    await post(body);
    await bystander.waitFor((f) => f.type === 'message.created' && f.data.message.body === body);
  }

  it('closes a socket that sends an oversized frame with 1009, and only that one', async () => {
    const bystander = await open();
    const client = await open();
    client.send(JSON.stringify({ type: 'ping', pad: 'x'.repeat(5000) }));
    expect((await client.closed).code).toBe(1009);
    await bystanderStillServed(bystander, 'after an oversized frame');
    await bystander.close();
  });

  it.each([
    ['text that is not JSON', 'not json', 1007],
    ['a binary frame', Buffer.from('{"type":"ping"}'), 1007],
    ['a frame of no known type', { type: 'subscribe', all: true }, 4400],
    ['a typing frame with a bad id', { type: 'typing', conversationId: 'x' }, 4400],
    ['a second resume', { type: 'resume', lastEventId: 0 }, 4400],
    ['a typing frame with an id past the columns', { type: 'typing', conversationId: 2_147_483_648 }, 4400],
  ])('closes a socket that sends %s with %s and a reason', async (_what, frame, code) => {
    const bystander = await open();
    const client = await open();
    if (Buffer.isBuffer(frame)) client.ws.send(frame, { binary: true });
    else client.send(frame);
    const { code: got, reason } = await client.closed;
    expect(got).toBe(code);
    expect(reason.length).toBeGreaterThan(5);
    await bystanderStillServed(bystander, `after ${_what}`);
    await bystander.close();
  });

  it('closes a socket whose resume names an event id no JSON number carries exactly with 4400', async () => {
    const client = await open({ resume: false });
    client.send({ type: 'resume', lastEventId: 2 ** 53 });
    expect((await client.closed).code).toBe(4400);
  });

  it('closes a socket that floods frames with 4429', async () => {
    const bystander = await open();
    const client = await open();
    for (let i = 0; i < 30; i++) client.send({ type: 'ping' });
    expect((await client.closed).code).toBe(4429);
    await bystanderStillServed(bystander, 'after a flood');
    await bystander.close();
  });

  it('paces a long replay of large messages to a healthy client instead of dropping it', async () => {
    const first = await open();
    const seen = first.of('ready')[0]!.lastEventId as number;
    await first.close();
    const big = (i: number) => `${i} ${'€'.repeat(19_990)}`;
    // about 60 KB each, far beyond the 64 KB send buffer together; settled
    // once a bystander has them live (see the reset test below)
    const bystander = await open();
    for (let i = 0; i < 15; i++) await post(big(i));
    await bystander.waitFor((f) => f.type === 'message.created' && f.data.message.body === big(14));
    await bystander.close();
    const again = await open({ resume: seen });
    expect(again.of('message.created').map((f) => f.data.message.body)).toEqual(Array.from({ length: 15 }, (_, i) => big(i)));
    expect(again.ws.readyState).toBe(again.ws.OPEN);
    await again.close();
  });

  it('refuses a user more sockets than the limit with 4409, and serves the ones they have', async () => {
    const nancy = await h().as('nancy');
    const mine = await Promise.all(
      Array.from({ length: limits.socketsPerUser }, () => connectLive(base, '/api/live', { cookie: nancy.cookie })),
    );
    const extra = await connectLive(base, '/api/live', { cookie: nancy.cookie, resume: false });
    expect((await extra.closed).code).toBe(4409);
    mine[0]!.send({ type: 'ping' });
    await mine[0]!.waitFor((f) => f.type === 'pong');
    await Promise.all(mine.map((c) => c.close()));
  });

  it('closes a socket that never sends resume with 4408', async () => {
    const client = await open({ resume: false });
    expect(await client.closed).toMatchObject({ code: 4408 });
  });

  it('answers ping with pong', async () => {
    const client = await open();
    client.send({ type: 'ping' });
    await client.waitFor((f) => f.type === 'pong');
    await client.close();
  });

  it('drops a client that stops reading once its send buffer is full, and keeps serving the others', async () => {
    const bystander = await open();
    const slow = await open();
    slow.ws.pause();
    const before = serverSockets().size;
    // 20,000 three-byte characters: about 60 KB a frame, so the kernel's buffers fill quickly
    const big = '€'.repeat(20_000);
    for (let round = 0; round < 20 && serverSockets().size === before; round++) {
      await Promise.all(Array.from({ length: 20 }, () => post(big)));
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(serverSockets().size).toBe(before - 1);
    for (const s of serverSockets()) expect(s.bufferedAmount).toBeLessThan(limits.sendBufferBytes + 100_000);
    slow.ws.resume();
    expect([1013, 1006]).toContain((await slow.closed).code);
    await bystanderStillServed(bystander, 'after a slow consumer');
    await bystander.close();
  });

  it('closes the sockets of a session on sign-out, and only those', async () => {
    const leaving = await signIn(h().app, 'amanda');
    const staying = await open();
    const client = await connectLive(base, '/api/live', { cookie: leaving.cookie });
    expect((await leaving.request('DELETE', '/session')).statusCode).toBe(204);
    expect(await client.closed).toEqual({ code: 4401, reason: 'Signed out.' });
    await bystanderStillServed(staying, 'after a sign-out');
    await staying.close();
  });

  it('tells a client that missed more than it would replay to reload, then continues', async () => {
    const first = await open();
    const seen = first.of('ready')[0]!.lastEventId as number;
    await first.close();
    // a bystander sees the posts live only once they are settled (on PostgreSQL
    // another database's open transaction may hold them back a while); by then
    // a resume from before them must find more than it would replay
    const bystander = await open();
    const missed = limits.replayMax + 5;
    for (let i = 0; i < missed; i++) await post(`missed ${i}`);
    await bystander.waitFor(() => bystander.of('message.created').length === missed);
    await bystander.close();
    const again = await open({ resume: seen });
    const reset = again.frames.find((f) => f.type === 'reset')!;
    expect(reset.lastEventId).toBeGreaterThan(seen);
    expect(again.of('message.created')).toEqual([]);
    expect(again.of('ready')[0]!.lastEventId).toBeGreaterThanOrEqual(reset.lastEventId);
    await post('after the reset');
    await again.waitFor((f) => f.type === 'message.created' && f.data.message.body === 'after the reset');
    await again.close();
  });
});

// apart, since it closes the app the other tests need
describeLive('live shutdown', { limits }, (h) => {
  it('closes every socket with 1001 when the app closes, without hanging', async () => {
    const client = await connectLive(h().base, '/api/live', { cookie: (await h().as('amanda')).cookie });
    const started = Date.now();
    await h().close();
    expect((await client.closed).code).toBe(1001);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

// apart, so that the fast heartbeat cannot drop the other suite's paused client first
describeLive('live heartbeat', { limits: { heartbeatMs: 200, sessionCheckMs: 100 } }, (h) => {
  it('drops a peer that stops answering pings', async () => {
    const dead = await connectLive(h().base, '/api/live', { cookie: (await h().as('amanda')).cookie, wsOptions: { autoPong: false } });
    const { code } = await dead.closed;
    expect([4410, 1006]).toContain(code);
  });

  it('keeps a peer that answers', async () => {
    const alive = await connectLive(h().base, '/api/live', { cookie: (await h().as('amanda')).cookie });
    await new Promise((r) => setTimeout(r, 700));
    expect(alive.ws.readyState).toBe(alive.ws.OPEN);
    await alive.close();
  });

  it('closes a socket whose session expired, at the next check', async () => {
    const expiring = await signIn(h().app, 'amanda');
    const client = await connectLive(h().base, '/api/live', { cookie: expiring.cookie });
    const token = expiring.cookie.split('=')[1]!;
    const past = new Date(Date.now() - 1000).toISOString();
    await h().built.database.db.updateTable('sessions').set({ expires_at: past }).where('id', '=', hashToken(token)).execute();
    expect((await client.closed).code).toBe(4401);
  });
});
