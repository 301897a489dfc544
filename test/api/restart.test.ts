import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { kind } from '../support/api';
import { expectFetchError } from '../support/errors';
import { startServer } from '../support/server';
import { uniqueWord } from '../support/search';

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

  it('makes the search index file again when it is missing, or ahead of its database (a restored backup)', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-restart-'));
    const searchFile = path.join(dataDir, 'parley-search.db');
    const removeSearchFile = () => ['', '-wal', '-shm'].forEach((suffix) => fs.rmSync(`${searchFile}${suffix}`, { force: true }));
    /** what the index's file holds for the word, and how far it says it reaches, read with the server stopped */
    const indexed = (word: string) => {
      const db = new Database(path.join(dataDir, 'parley.db'), { readonly: true });
      try {
        db.prepare('attach database ? as search').run(searchFile);
        return {
          rows: db.prepare('select rowid from messages_fts where messages_fts match ?').pluck().all(`body : "${word}"`),
          upTo: db.prepare('select messages_up_to from search_progress').pluck().get() as number,
          last: db.prepare('select max(id) from messages').pluck().get() as number,
        };
      } finally {
        db.close();
      }
    };
    const findsOnce = async (url: string, word: string) => {
      const res = await fetch(`${url}/api/search?q=${word}`, { headers: await signIn(url) });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { total: number }).total).toBe(1);
    };
    const w = uniqueWord();
    try {
      const first = await startServer({}, { dataDir });
      const created = await fetch(`${first.url}/api/conversations`, {
        method: 'POST',
        headers: await signIn(first.url),
        body: JSON.stringify({ subject: 'Indexed again', message: `${w} survives` }),
      });
      expect(created.status).toBe(201);
      const { message } = (await created.json()) as { message: { id: number } };
      await first.stop();

      /** a start on what the folder now holds: it finds the message once, and its index reaches the last message */
      const restartFindsIt = async () => {
        const server = await startServer({}, { dataDir });
        await findsOnce(server.url, w);
        await server.stop();
        const { rows, upTo, last } = indexed(w);
        expect(rows).toEqual([message.id]);
        expect(upTo).toBe(last);
      };
      removeSearchFile();
      await restartFindsIt();
      // an index that says it reaches past the database's last message belongs to a later database: it starts over
      const db = new Database(searchFile);
      db.prepare('update search_progress set messages_up_to = messages_up_to + 1000').run();
      db.close();
      await restartFindsIt();
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
