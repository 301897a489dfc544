import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kind } from '../support/api';
import { expectFetchError } from '../support/errors';
import { startServer } from '../support/server';

async function signIn(url: string) {
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'amanda@acme.example', password: 'parley-demo' }),
  });
  expect(res.status).toBe(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { 'content-type': 'application/json', cookie: res.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': csrfToken };
}

// `npm start` twice on one data folder: the first seeds, the second keeps everything.
describe.skipIf(kind !== 'sqlite')('a second start keeps the data [sqlite]', () => {
  it('seeds once into ./data/parley.db and keeps what was written', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-restart-'));
    try {
      const first = await startServer({}, { dataDir });
      expect(first.output()).toContain('amanda@acme.example');
      const headers = await signIn(first.url);
      const created = await fetch(`${first.url}/api/conversations`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ subject: 'Survives restarts', message: 'hello' }),
      });
      expect(created.status).toBe(201);
      await first.stop();
      expect(fs.existsSync(path.join(dataDir, 'parley.db'))).toBe(true);

      const second = await startServer({}, { dataDir });
      const headers2 = await signIn(second.url);
      const list = (await (await fetch(`${second.url}/api/conversations?limit=100`, { headers: headers2 })).json()) as {
        items: { name: string }[];
      };
      const names = list.items.map((c) => c.name);
      expect(names).toContain('Survives restarts');
      // the demo conversations exist once, not twice
      expect(names.filter((n) => n === 'Payment terms')).toHaveLength(1);
      await second.stop();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('PARLEY_SEED=none starts empty', async () => {
    const server = await startServer({ PARLEY_SEED: 'none' });
    try {
      const res = await fetch(`${server.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'amanda@acme.example', password: 'parley-demo' }),
      });
      await expectFetchError(res, 401, 'INVALID_CREDENTIALS');
    } finally {
      await server.stop();
    }
  });
});
