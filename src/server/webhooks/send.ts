// One POST of a delivery: node:http(s) with keep-alive, the public-only
// lookup (addresses.ts), a hard timeout over the whole exchange, and the
// first 2 KB of the answer kept for the log. Redirects are not followed: a
// 3xx is a failed attempt like any other non-2xx.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { hostOf, isPrivateAddress, publicOnlyLookup } from './addresses';

export const RESPONSE_KEPT_BYTES = 2048;

export interface PostResult {
  status: number | null;
  ok: boolean;
  durationMs: number;
  response: string;
  error: string | null;
}

export interface Sender {
  post(url: string, body: string, headers: Record<string, string>): Promise<PostResult>;
  /** aborts what is in flight and closes the kept-alive connections */
  close(): void;
}

export function createSender({ timeoutMs, allowPrivate }: { timeoutMs: number; allowPrivate: boolean }): Sender {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 16 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 16 }),
  };
  const lookup = publicOnlyLookup(allowPrivate);
  const inFlight = new Set<http.ClientRequest>();

  const post = async (target: string, body: string, headers: Record<string, string>): Promise<PostResult> => {
    const url = new URL(target);
    const host = hostOf(url);
    // an IP literal is connected to without a lookup: check it here
    if (net.isIP(host) && !allowPrivate && isPrivateAddress(host)) {
      return {
        status: null,
        ok: false,
        durationMs: 0,
        response: '',
        error: `Refused: ${host} is a private, loopback or link-local address.`,
      };
    }
    return new Promise<PostResult>((resolve) => {
      const started = performance.now();
      const finish = (result: Omit<PostResult, 'durationMs'>) => {
        clearTimeout(timer);
        resolve({ ...result, durationMs: Math.round(performance.now() - started) });
      };
      const failed = (error: string) => finish({ status: null, ok: false, response: '', error });
      const request = (url.protocol === 'https:' ? https : http).request(url, {
        method: 'POST',
        agent: agents[url.protocol as 'http:' | 'https:'],
        lookup,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'Parley-Webhooks/1',
          ...headers,
        },
      });
      inFlight.add(request);
      const timer = setTimeout(() => request.destroy(new Error(`Timed out after ${timeoutMs} ms without a full answer.`)), timeoutMs);
      request.on('response', (res) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        res.on('data', (chunk: Buffer) => {
          if (kept < RESPONSE_KEPT_BYTES) {
            chunks.push(chunk.subarray(0, RESPONSE_KEPT_BYTES - kept));
            kept += chunk.length;
          }
        });
        res.on('end', () => {
          inFlight.delete(request);
          const status = res.statusCode ?? null;
          const ok = status !== null && status >= 200 && status < 300;
          // streaming decode leaves out a character cut in half at the 2 KB mark
          const response = new TextDecoder().decode(Buffer.concat(chunks), { stream: true });
          finish({ status, ok, response, error: ok ? null : `HTTP ${status}` });
        });
        res.on('error', (error) => {
          inFlight.delete(request);
          failed(error.message);
        });
      });
      request.on('error', (error: NodeJS.ErrnoException) => {
        inFlight.delete(request);
        failed(error.code === 'EPRIVATE' ? `Refused: ${error.message}.` : error.code ? `${error.message} (${error.code})` : error.message);
      });
      request.end(body);
    });
  };

  return {
    post,
    close() {
      for (const request of inFlight) request.destroy(new Error('Parley is stopping.'));
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
