import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSender } from './send';

describe('a webhook post', () => {
  let server: http.Server;
  let port = 0;
  let requests = 0;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      requests++;
      req.resume();
      req.on('end', () => res.writeHead(201).end('é'.repeat(2000)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('refuses, at delivery time, a host that resolves to a private address, and an IP literal that is one, without connecting', async () => {
    const sender = createSender({ timeoutMs: 1000, allowPrivate: false });
    const byName = await sender.post(`http://localhost:${port}/`, '{}', {});
    expect(byName).toMatchObject({ status: null, ok: false, error: expect.stringContaining('Refused: localhost resolves to') });
    const literal = await sender.post(`http://127.0.0.1:${port}/`, '{}', {});
    expect(literal).toMatchObject({ status: null, ok: false, error: 'Refused: 127.0.0.1 is a private, loopback or link-local address.' });
    expect(requests).toBe(0);
    sender.close();
  });

  it('keeps the first 2 KB of the answer', async () => {
    const sender = createSender({ timeoutMs: 1000, allowPrivate: true });
    const result = await sender.post(`http://localhost:${port}/`, '{}', {});
    expect(result).toMatchObject({ status: 201, ok: true, error: null });
    expect(result.response).toBe('é'.repeat(1024));
    expect(result.response.startsWith('éé')).toBe(true);
    sender.close();
  });
});
