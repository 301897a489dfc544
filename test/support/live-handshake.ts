// A WebSocket handshake the server refuses, read whole (status and body), so
// that the live tests check its error code as every other refusal is checked.
import WebSocket from 'ws';
import type { Answer } from './errors';

export function refusedHandshake(httpBase: string, path: string, headers: Record<string, string> = {}, origin?: string): Promise<Answer> {
  const ws = new WebSocket(httpBase.replace(/^http/, 'ws') + path, { headers, ...(origin ? { origin } : {}) });
  return new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        ws.terminate();
        resolve({ statusCode: res.statusCode ?? 0, body });
      });
    });
    ws.once('open', () => {
      ws.terminate();
      reject(new Error('the handshake was accepted'));
    });
    ws.once('error', () => undefined);
  });
}
