// Resume without loss: a client that comes back with the last id it saw gets
// every event it missed, once, in order, then the live ones.
import { beforeAll, expect, it } from 'vitest';
import type { Agent } from '../support/api';
import { describeLive } from '../live/harness';
import { connectLive, type LiveClient } from '../live/client';

describeLive('live resume', {}, (h) => {
  let base = '';
  let amanda: Agent;
  let charlie: Agent;
  let conversationId = 0;
  const open = (lastEventId: number | null) => connectLive(base, '/api/live', { cookie: amanda.cookie, resume: lastEventId });
  const post = (body: string) => charlie.post(`/conversations/${conversationId}/messages`, { body });
  const bodies = (c: LiveClient) => c.of('message.created').map((f) => f.data.message.body as string);
  const lastId = (c: LiveClient) =>
    Math.max(...c.frames.map((f) => (f.id as number | undefined) ?? (f.type === 'ready' ? f.lastEventId : 0)));

  beforeAll(async () => {
    base = h().base;
    amanda = await h().as('amanda');
    charlie = await h().as('charlie');
    conversationId = (await amanda.get('/conversations')).json().items.find((c: { name: string }) => c.name === 'Order SO-1001').id;
  });

  it('after a dropped socket, the 50 messages posted meanwhile arrive once each, in order', async () => {
    const first = await open(null);
    expect((await post('before the drop')).statusCode).toBe(201);
    await first.waitFor((f) => f.type === 'message.created');
    const seen = lastId(first);
    first.ws.terminate();

    const missed = Array.from({ length: 50 }, (_, i) => `missed ${i + 1}`);
    for (const body of missed) expect((await post(body)).statusCode).toBe(201);

    const again = await open(seen);
    // the replay brings what had settled when the socket joined; on PostgreSQL another
    // database's open transaction may hold the last few back until it ends, and those
    // follow live, right after the ready frame: every one once, in order, either way
    await again.waitFor((f) => f.type === 'message.created' && f.data.message.body === missed.at(-1));
    expect(bodies(again)).toEqual(missed);
    const ids = again.of('message.created').map((f) => f.id as number);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const readyAt = again.frames.findIndex((f) => f.type === 'ready');
    const replayed = again.frames.slice(0, readyAt).filter((f) => f.type === 'message.created');
    expect(replayed.length).toBeGreaterThan(0);
    expect(again.of('ready')[0]!.lastEventId).toBe(replayed.at(-1)!.id);
    await post('live after resume');
    await again.waitFor((f) => f.type === 'message.created' && f.data.message.body === 'live after resume');
    expect(bodies(again)).toEqual([...missed, 'live after resume']);
    await again.close();
  });

  it('loses and repeats nothing when messages keep coming during the replay', async () => {
    const first = await open(null);
    const seen = lastId(first);
    await first.close();
    const before = Array.from({ length: 30 }, (_, i) => `queued ${i + 1}`);
    for (const body of before) await post(body);
    const during = Array.from({ length: 30 }, (_, i) => `during ${i + 1}`);
    // posted concurrently with the reconnection and its replay
    const posting = Promise.all(during.map((body) => post(body)));
    const again = await open(seen);
    await posting;
    await again.waitFor(() => again.of('message.created').length >= 60);
    await new Promise((r) => setTimeout(r, 200));
    const got = bodies(again);
    expect(got).toHaveLength(60);
    expect(new Set(got).size).toBe(60);
    expect(got.slice(0, 30)).toEqual(before);
    expect([...got.slice(30)].sort()).toEqual([...during].sort());
    const ids = again.of('message.created').map((f) => f.id as number);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    // the thread's own numbering agrees: every seq once, in order
    const seqs = again.of('message.created').map((f) => f.data.message.seq as number);
    expect(seqs).toEqual(Array.from({ length: 60 }, (_, i) => seqs[0]! + i));
    await again.close();
  });

  it('replays only what the user may see', async () => {
    const nancy = await h().as('nancy');
    const start = await connectLive(base, '/api/live', { cookie: nancy.cookie });
    const seen = start.of('ready')[0]!.lastEventId as number;
    await start.close();
    // a bystander of Nancy's has her message live once it is settled (on
    // PostgreSQL another database's open transaction may hold it back a while)
    const bystander = await connectLive(base, '/api/live', { cookie: nancy.cookie });
    await post('not for nancy');
    const nancyConversation = (await nancy.get('/conversations')).json().items[0].id;
    await nancy.post(`/conversations/${nancyConversation}/messages`, { body: 'for nancy' });
    await bystander.waitFor((f) => f.type === 'message.created' && f.data.message.body === 'for nancy');
    await bystander.close();
    const again = await connectLive(base, '/api/live', { cookie: nancy.cookie, resume: seen });
    expect(bodies(again)).toEqual(['for nancy']);
    await again.close();
  });

  it('starts a client that comes with an id from the future (another database) from now', async () => {
    // beyond any id either database hands out (PostgreSQL's are positions: see events/positions.ts)
    const far = 2 ** 52;
    const future = await open(far);
    const newest = future.of('ready')[0]!.lastEventId as number;
    expect(newest).toBeLessThan(far);
    await post('after a future id');
    await future.waitFor((f) => f.type === 'message.created' && f.data.message.body === 'after a future id');
    await future.close();
  });
});
