// The browser client (src/web/ui/live.ts) against the real server, with the
// `ws` package standing in for the browser's WebSocket.
import { beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  createLiveClient,
  createLiveRefreshSource,
  type LiveClient,
  type LiveState,
  type ServerFrame,
  type SocketLike,
} from '../../src/web/ui/live';
import { signIn, type Agent } from '../support/api';
import { describeLive } from '../live/harness';

const until = async (check: () => boolean, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describeLive('live browser client', {}, (h) => {
  let base = '';
  let charlie: Agent;
  let conversationId = 0;
  const post = (body: string) => charlie.post(`/conversations/${conversationId}/messages`, { body });

  function start(agent: Agent) {
    const states: LiveState[] = [];
    const frames: ServerFrame[] = [];
    const client: LiveClient = createLiveClient({
      path: '/api/live',
      url: `${base.replace('http', 'ws')}/api/live`,
      initialDelayMs: 50,
      createSocket: (url) => new WebSocket(url, { headers: { cookie: agent.cookie } }) as unknown as SocketLike,
    });
    client.onState((s) => states.push(s));
    client.onAny((f) => frames.push(f));
    const bodies = () => frames.flatMap((f) => (f.type === 'message.created' ? [f.data.message.body] : []));
    return { client, states, frames, bodies };
  }

  beforeAll(async () => {
    base = h().base;
    charlie = await h().as('charlie');
    conversationId = (await (await h().as('amanda')).get('/conversations'))
      .json()
      .items.find((c: { name: string }) => c.name === 'Order SO-1001').id;
  });

  it('reconnects after a drop, shows it as reconnecting, and receives what was missed once, in order', async () => {
    const { client, states, bodies } = start(await h().as('amanda'));
    await until(() => client.state() === 'open');
    await post('before');
    await until(() => bodies().length === 1);

    for (const s of h().serverSockets()) s.terminate();
    await until(() => client.state() === 'reconnecting');
    const missed = ['one', 'two', 'three', 'four', 'five'];
    for (const body of missed) await post(body);
    await until(() => client.state() === 'open');
    await until(() => bodies().length === 6);
    await new Promise((r) => setTimeout(r, 100));
    expect(bodies()).toEqual(['before', ...missed]);
    expect(states).toEqual(['open', 'reconnecting', 'open']);
    expect(client.lastEventId()).toBeGreaterThan(0);
    client.close();
    expect(client.state()).toBe('closed');
  });

  it('stops for good when its session is signed out', async () => {
    const leaving = await signIn(h().app, 'amanda');
    const { client, states } = start(leaving);
    await until(() => client.state() === 'open');
    await leaving.request('DELETE', '/session');
    await until(() => client.state() === 'closed');
    await new Promise((r) => setTimeout(r, 200));
    expect(states).toEqual(['open', 'closed']);
  });

  it('sends typing at most every two seconds per conversation', async () => {
    const amanda = start(await h().as('amanda'));
    await until(() => amanda.client.state() === 'open');
    const seen: number[] = [];
    const staff = createLiveClient({
      path: '/admin/api/live',
      url: `${base.replace('http', 'ws')}/admin/api/live`,
      createSocket: (url) => new WebSocket(url, { headers: { cookie: charlie.cookie } }) as unknown as SocketLike,
    });
    staff.on('typing', (f) => seen.push(f.conversationId));
    await until(() => staff.state() === 'open');
    amanda.client.typing(conversationId);
    amanda.client.typing(conversationId);
    await until(() => seen.length === 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(seen).toEqual([conversationId]);
    staff.close();
    amanda.client.close();
  });

  it('falls back to polling while the socket cannot connect', async () => {
    const down = createLiveClient({
      path: '/api/live',
      // nothing listens on port 9 here: every attempt fails at once
      url: 'ws://127.0.0.1:9/api/live',
      initialDelayMs: 20,
      maxDelayMs: 50,
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
    });
    let polls = 0;
    const stop = createLiveRefreshSource(down, 50).subscribe(() => (polls += 1));
    await new Promise((r) => setTimeout(r, 400));
    expect(down.state()).toBe('reconnecting');
    expect(polls).toBeGreaterThanOrEqual(3);
    stop();
    down.close();
  });

  it('stops polling while the socket is up, and signals each event instead', async () => {
    const { client, frames } = start(await h().as('amanda'));
    let changes = 0;
    const stop = createLiveRefreshSource(client, 50).subscribe(() => (changes += 1));
    // once caught up, the server sends my totals: after that, quiet
    await until(() => client.state() === 'open' && frames.some((f) => f.type === 'unread.changed'));
    const atOpen = changes;
    await new Promise((r) => setTimeout(r, 300));
    expect(changes).toBe(atOpen);
    await post('a change');
    await until(() => changes > atOpen);
    stop();
    client.close();
  });

  it('notices a socket that died silently (no close, nothing heard) and reconnects', async () => {
    const amanda = await h().as('amanda');
    const states: LiveState[] = [];
    const client = createLiveClient({
      path: '/api/live',
      url: `${base.replace('http', 'ws')}/api/live`,
      initialDelayMs: 20,
      pingEveryMs: 100,
      pongTimeoutMs: 100,
      createSocket: (url) => new WebSocket(url, { headers: { cookie: amanda.cookie } }) as unknown as SocketLike,
    });
    client.onState((s) => states.push(s));
    await until(() => client.state() === 'open');
    // the server side stops reading and answering: to the client, a dead network
    const before = new Set(h().serverSockets());
    for (const s of before) s.pause();
    await until(() => states.includes('reconnecting'), 3000);
    await until(() => client.state() === 'open', 3000);
    expect(states).toEqual(['open', 'reconnecting', 'open']);
    for (const s of before) s.terminate();
    client.close();
  });
});
