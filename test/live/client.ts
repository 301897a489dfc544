// A live socket as a test sees it: every frame it received, and ways to wait
// for the next ones.
import WebSocket from 'ws';

/** A frame's text: a text frame arrives as one Buffer; the other shapes of RawData are for binary ones. */
export const textOf = (data: WebSocket.RawData) =>
  (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)).toString();

// frames are checked by the tests' expectations, not typed here
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Frame = Record<string, any>;

export interface LiveClient {
  ws: WebSocket;
  frames: Frame[];
  send(frame: unknown): void;
  /** the first received frame (past or future) that matches */
  waitFor(match: (f: Frame) => boolean, timeoutMs?: number): Promise<Frame>;
  /** frames of a type, in arrival order */
  of(type: string): Frame[];
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  cookie?: string;
  origin?: string;
  /** sent as the first frame; false sends nothing */
  resume?: number | null | false;
  wsOptions?: WebSocket.ClientOptions;
}

/** Opens `${httpBase}${path}` as a WebSocket; resolves once it is ready (or open, without resume). */
export async function connectLive(httpBase: string, path: string, options: ConnectOptions = {}): Promise<LiveClient> {
  const url = httpBase.replace(/^http/, 'ws') + path;
  const headers: Record<string, string> = options.cookie ? { cookie: options.cookie } : {};
  const ws = new WebSocket(url, { headers, ...(options.origin ? { origin: options.origin } : {}), ...options.wsOptions });
  const frames: Frame[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data) => {
    frames.push(JSON.parse(textOf(data)) as Frame);
    for (const w of waiters) w();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => {
      resolve({ code, reason: String(reason) });
      for (const w of waiters) w();
    });
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`handshake refused: ${res.statusCode}`)));
  });
  ws.on('error', () => undefined);

  const client: LiveClient = {
    ws,
    frames,
    send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    waitFor(match, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = frames.find(match);
          if (found) {
            done();
            resolve(found);
          } else if ((ws.readyState as number) === WebSocket.CLOSED) {
            done();
            reject(new Error(`socket closed while waiting; frames: ${JSON.stringify(frames.map((f) => f.type))}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out waiting; frames: ${JSON.stringify(frames.map((f) => f.type))}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    of: (type) => frames.filter((f) => f.type === type),
    closed,
    async close() {
      if (ws.readyState === WebSocket.CLOSED) return;
      ws.close();
      await Promise.race([closed, new Promise((r) => setTimeout(r, 2000))]);
      if ((ws.readyState as number) !== WebSocket.CLOSED) ws.terminate();
    },
  };
  if (options.resume !== false) {
    client.send({ type: 'resume', lastEventId: options.resume ?? null });
    await client.waitFor((f) => f.type === 'ready');
  }
  return client;
}

/** The handshake's HTTP status when the server refuses the upgrade. */
export function refusedStatus(httpBase: string, path: string, headers: Record<string, string> = {}, origin?: string): Promise<number> {
  const ws = new WebSocket(httpBase.replace(/^http/, 'ws') + path, { headers, ...(origin ? { origin } : {}) });
  return new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('open', () => {
      ws.terminate();
      reject(new Error('the handshake was accepted'));
    });
    ws.once('error', () => undefined);
  });
}
