// A real HTTP receiver for webhook tests (node:http on 127.0.0.1): it keeps
// every request as it came, answers as the test says per path, and checks a
// delivery the way the README tells an integrator to, with the
// standardwebhooks package.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Delivery {
  path: string;
  headers: Record<string, string>;
  /** the raw body, exactly as sent */
  body: string;
  /** when it arrived (the real time, not the app's clock) */
  at: number;
}

/** What to answer: a status and body, or hang (no answer until the sender gives up). */
export type Answer = { status: number; body?: string } | 'hang';

export interface Receiver {
  /** http://127.0.0.1:port/<path> */
  url(path: string): string;
  /** how to answer the nth request (0-based) to a path; 200 by default */
  answer(path: string, answer: (n: number, delivery: Delivery) => Answer): void;
  received(path: string): Delivery[];
  close(): Promise<void>;
}

/** The integrator's check: the payload when `secret` signed this delivery, else it throws (standardwebhooks' error). */
export function verified(delivery: Delivery, secret: string): { type: string; timestamp: string; data: Record<string, unknown> } {
  return new Webhook(secret).verify(delivery.body, delivery.headers) as { type: string; timestamp: string; data: Record<string, unknown> };
}

export async function startReceiver(): Promise<Receiver> {
  const received = new Map<string, Delivery[]>();
  const answers = new Map<string, (n: number, delivery: Delivery) => Answer>();
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').slice(1);
      const delivery: Delivery = {
        path,
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')])),
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      const list = received.get(path) ?? [];
      list.push(delivery);
      received.set(path, list);
      const answer = answers.get(path)?.(list.length - 1, delivery) ?? { status: 200 };
      if (answer === 'hang') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body ?? 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}/${path}`,
    answer: (path, answer) => answers.set(path, answer),
    received: (path) => [...(received.get(path) ?? [])],
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
