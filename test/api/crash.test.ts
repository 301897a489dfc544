import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kind } from '../support/api';
import { startServer } from '../support/server';

// What is acknowledged survives the process being killed right after: the
// commit (and its fsync) happens before the 201 goes out.
describe.skipIf(kind !== 'sqlite')('acknowledged writes survive a killed process [sqlite]', () => {
  it('every message answered 201 is on disk after kill -9', async () => {
    const server = await startServer();
    try {
      const signIn = await fetch(`${server.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'amanda@acme.example', password: 'parley-demo' }),
      });
      const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
      const { csrfToken } = (await signIn.json()) as { csrfToken: string };
      const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken };
      const list = (await (await fetch(`${server.url}/api/conversations?status=active`, { headers })).json()) as {
        items: { id: number }[];
      };
      const target = list.items[0]!.id;

      const acknowledged: number[] = [];
      await Promise.all(
        Array.from({ length: 200 }, async (_, i) => {
          const res = await fetch(`${server.url}/api/conversations/${target}/messages`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ body: `durable ${i}` }),
          });
          if (res.status === 201) acknowledged.push(((await res.json()) as { id: number }).id);
        }),
      );
      server.process.kill('SIGKILL');
      await new Promise((r) => server.process.once('exit', r));
      expect(acknowledged.length).toBe(200);

      const db = new Database(path.join(server.dataDir, 'parley.db'));
      const ids = db.prepare(`select id from messages where id in (${acknowledged.join(',')})`).all() as { id: number }[];
      const counters = db.prepare('select last_seq, messages_count from conversations where id = ?').get(target) as { last_seq: number };
      const maxSeq = db.prepare('select max(seq) as s from messages where conversation_id = ?').get(target) as { s: number };
      db.close();
      expect(ids.length).toBe(200);
      expect(counters.last_seq).toBe(maxSeq.s);
    } finally {
      await server.stop();
    }
  });
});
