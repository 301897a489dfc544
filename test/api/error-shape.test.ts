// Every refusal is { error: { code, message, fields? } } with the status the
// catalogue gives its code, including those Fastify's router and Node's HTTP
// parser make before any route runs.
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { beforeAll, expect, it } from 'vitest';
import { describeApi, type Agent } from '../support/api';
import { expectError, type Answer } from '../support/errors';

/** A raw request to the listening app, read whole: for what app.inject never reaches (Node's parser). */
function rawRequest(port: number, request: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(request));
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', ...rest] = text.split('\r\n\r\n');
      resolve({ statusCode: Number(head.split(' ')[1]), body: rest.join('\r\n\r\n') });
    });
  });
}

describeApi('the error shape of every 4xx', (h) => {
  let amanda: Agent;
  let port: number;
  beforeAll(async () => {
    amanda = await h().as('amanda');
    await h().app.listen({ port: 0, host: '127.0.0.1' });
    port = (h().app.server.address() as AddressInfo).port;
  });

  it('answers a bad percent-encoding and an over-long path part in the shape', async () => {
    expectError(await amanda.get('/conversations/%ff'), 400, 'VALIDATION_FAILED', { path: expect.stringContaining('percent-encoding') });
    expectError(await amanda.get(`/conversations/${'1'.repeat(101)}`), 414, 'URL_TOO_LONG');
  });

  it('answers headers too large (431) and what is not HTTP (400) in the shape, from Node’s own parser', async () => {
    const big = await new Promise<Answer>((resolve, reject) => {
      const req = http.get({ port, host: '127.0.0.1', path: '/api/session', headers: { 'x-padding': 'x'.repeat(20_000) } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
    });
    expectError(big, 431, 'HEADERS_TOO_LARGE');
    expectError(await rawRequest(port, 'NOT HTTP AT ALL\r\n\r\n'), 400, 'VALIDATION_FAILED');
  });

  it('says which part of the body is wrong: malformed or empty JSON, not an object', async () => {
    const json = { 'content-type': 'application/json' };
    expectError(await amanda.request('POST', '/conversations', '{"subject": "x",', json), 400, 'VALIDATION_FAILED', {
      body: expect.stringMatching(/^Malformed JSON/),
    });
    expectError(await amanda.request('POST', '/conversations', '', json), 400, 'VALIDATION_FAILED', { body: expect.any(String) });
    expectError(await amanda.request('POST', '/conversations', '"just a string"', json), 400, 'VALIDATION_FAILED', {
      body: 'Send a JSON object.',
    });
    expectError(await amanda.request('POST', '/conversations', '{"__proto__": {"x": 1}}', json), 400, 'VALIDATION_FAILED', {
      body: expect.any(String),
    });
  });

  it('answers a body that is not JSON with 415 UNSUPPORTED_MEDIA_TYPE, whatever its type', async () => {
    for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await amanda.request('POST', '/conversations', 'subject=x&message=y', { 'content-type': type });
      expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', undefined, type);
    }
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await amanda.post('/conversations', { subject: 'x', message: 'y'.repeat(300 * 1024) });
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('says in words that an id must be a number', async () => {
    expectError(await amanda.get('/conversations/abc'), 400, 'VALIDATION_FAILED', { id: 'Use a whole number from 1 to 2147483647.' });
    expectError(await amanda.get('/conversations?limit=ten'), 400, 'VALIDATION_FAILED', { limit: 'Use a whole number from 1 to 100.' });
  });
});
