// Live delivery: thousands of storefront sockets on /api/live, a back-office
// user posting one message every few ms into their conversations, and the
// time from sending each POST to each socket's message.created frame.
// Protocol (src/server/realtime/protocol.ts): the socket authenticates with
// the parley_session cookie, sends {type:'resume'} first, waits for 'ready',
// then receives {type:'message.created', data:{message}} frames; bodies carry
// a marker to match each frame to its post.
import WebSocket from 'ws';
import { percentile, signIn, signInMany } from './http';
import { rssMb } from './processes';

export interface LiveSpec {
  base: string;
  serverPid: number;
  sockets: number;
  users: { email: string; conversationIds: number[] }[];
  poster: string;
  intervalMs: number;
  warmup: number;
  duration: number;
}

export type LiveResult =
  | { available: false; reason: string }
  | {
      available: true;
      sockets: number;
      socketFailures: number;
      posts: number;
      postFailures: number;
      /** frames received (a post reaches every socket of its customer user, and of their Administrator) */
      delivered: number;
      /** posts that reached no socket at all */
      lost: number;
      p50: number;
      p99: number;
      rssBeforeMb: number;
      rssIdleMb: number;
      rssMaxMb: number;
      kbPerIdleSocket: number;
    };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function connect(url: string, cookie: string, onFrame: (data: string) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: { cookie } });
    // the protocol's first frame: live events from now on, no replay
    socket.once('open', () => socket.send(JSON.stringify({ type: 'resume', lastEventId: null })));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('error', reject);
    socket.once('close', (code, reason) => reject(new Error(`closed ${code} ${reason.toString()}`)));
    socket.on('message', (data) => {
      // a text frame arrives as one Buffer; the other shapes of RawData are for binary frames
      const text = Array.isArray(data) ? Buffer.concat(data).toString() : Buffer.from(data as ArrayBuffer).toString();
      if (text.includes('"ready"')) resolve(socket);
      onFrame(text);
    });
  });
}

export async function runLive(spec: LiveSpec, password: string): Promise<LiveResult> {
  const url = `${spec.base.replace(/^http/, 'ws')}/api/live`;
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  /** posts that reached at least one socket */
  const reached = new Set<number>();
  const onFrame = (data: string) => {
    if (!data.includes('message.created')) return;
    const marker = /live-bench (\d+)/.exec(data);
    const sent = marker && sentAt.get(Number(marker[1]));
    if (sent === undefined || sent === null) return;
    latencies.push(performance.now() - sent);
    reached.add(Number(marker![1]));
  };

  const users = await signInMany(
    spec.base,
    'storefront',
    spec.users.map((u) => u.email),
    password,
  );
  try {
    (await connect(url, users[0]!.cookie, () => undefined)).close();
  } catch (error) {
    return { available: false, reason: `/api/live did not accept a socket (${(error as Error).message})` };
  }
  const poster = await signIn(spec.base, 'backoffice', spec.poster, password);

  const rss = () => rssMb(spec.serverPid) ?? NaN;
  await sleep(1000);
  const rssBeforeMb = rss();
  const sockets: WebSocket[] = [];
  let socketFailures = 0;
  for (let i = 0; i < spec.sockets; i += 200) {
    const batch = Array.from({ length: Math.min(200, spec.sockets - i) }, (_, k) => (i + k) % users.length);
    const opened = await Promise.allSettled(batch.map((u) => connect(url, users[u]!.cookie, onFrame)));
    for (const o of opened) {
      if (o.status === 'fulfilled') sockets.push(o.value);
      else socketFailures++;
    }
  }
  await sleep(3000);
  const rssIdleMb = rss();
  let rssMaxMb = rssIdleMb;
  const sampler = setInterval(() => (rssMaxMb = Math.max(rssMaxMb, rss())), 250);

  // open loop: one post every intervalMs whatever the answers take; the
  // first `warmup` seconds are not counted (JIT, first posts making the poster a participant)
  let posts = 0;
  let counted = 0;
  let postFailures = 0;
  const inflight: Promise<void>[] = [];
  const started = performance.now();
  for (let k = 0; performance.now() - started < (spec.warmup + spec.duration) * 1000; k++) {
    const due = started + k * spec.intervalMs;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const u = Math.floor(Math.random() * users.length);
    const conversationIds = spec.users[u]!.conversationIds;
    const conversation = conversationIds[Math.floor(Math.random() * conversationIds.length)]!;
    const id = ++posts;
    if (performance.now() - started >= spec.warmup * 1000) {
      sentAt.set(id, performance.now());
      counted++;
    }
    inflight.push(
      fetch(`${spec.base}/admin/api/conversations/${conversation}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: poster.cookie, 'x-csrf-token': poster.csrf },
        body: JSON.stringify({ body: `live-bench ${id}: your order ships today.` }),
      }).then(
        async (res) => {
          if (res.status !== 201) postFailures++;
          await res.arrayBuffer();
        },
        () => void postFailures++,
      ),
    );
  }
  await Promise.all(inflight);
  await sleep(2000);
  clearInterval(sampler);
  for (const s of sockets) s.terminate();

  const sorted = latencies.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    available: true,
    sockets: sockets.length,
    socketFailures,
    posts: counted,
    postFailures,
    delivered: sorted.length,
    lost: counted - reached.size,
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    rssBeforeMb: round(rssBeforeMb),
    rssIdleMb: round(rssIdleMb),
    rssMaxMb: round(rssMaxMb),
    kbPerIdleSocket: round(((rssIdleMb - rssBeforeMb) * 1024) / Math.max(1, sockets.length)),
  };
}
