// The webhooks benchmark: Parley's post path with one endpoint subscribed to
// message.created, posting to a receiver in this process (node:http on
// 127.0.0.1, answering 204 at once). It measures how many deliveries a
// second reach the receiver, from its first to its last, with the posts a
// second of the same run beside them, and how long the backlog took to drain
// once the posts stopped.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { signIn, type LoadResult } from './http';
import { runPostLoad, startParley, type PostingOptions } from './processes';

export interface WebhooksResult {
  kind: 'webhooks';
  posts: LoadResult;
  deliveries: number;
  deliveriesPerSecond: number;
  /** deliveries still to come when the posts stopped */
  backlogAtEnd: number;
  /** seconds from the end of the posts to the last delivery */
  drainSeconds: number;
}

export async function runWebhooksBenchmark(options: PostingOptions & { dataDir: string }): Promise<WebhooksResult> {
  const arrivals: number[] = [];
  const receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      arrivals.push(performance.now());
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/parley`;
  const parley = await startParley(options.dataDir, options.parleyLog, { PARLEY_WEBHOOKS_ALLOW_PRIVATE: 'true' });
  try {
    const admin = await signIn(parley.base, 'backoffice', 'john@parley.example', 'parley-demo');
    const created = await fetch(`${parley.base}/admin/api/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      body: JSON.stringify({ url, eventTypes: ['message.created'] }),
    });
    if (created.status !== 201) throw new Error(`creating the endpoint failed: ${created.status} ${await created.text()}`);

    const posts = await runPostLoad(options, parley);
    const ended = performance.now();
    const atEnd = arrivals.length;
    // drained: nothing new for 3 s (or two minutes in all)
    for (let last = -1; arrivals.length !== last && performance.now() - ended < 120_000;) {
      last = arrivals.length;
      await new Promise((r) => setTimeout(r, 3000));
    }
    const first = arrivals[0] ?? ended;
    const lastAt = arrivals.at(-1) ?? ended;
    return {
      kind: 'webhooks',
      posts,
      deliveries: arrivals.length,
      deliveriesPerSecond: Math.round(arrivals.length / Math.max((lastAt - first) / 1000, 0.001)),
      backlogAtEnd: arrivals.length - atEnd,
      drainSeconds: Math.max(0, (lastAt - ended) / 1000),
    };
  } finally {
    await parley.stop();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
}
