// The ceiling of Parley's own stack: a bare Fastify route doing one prepared
// insert into the same messages table (same migration, same indexes, same
// WAL file layout), with no auth, validation, counters or events.
//   tsx bench/ceiling-server.ts --dir DIR --synchronous NORMAL|FULL --port N
// NORMAL: commits are not fsynced (the upper bound of the stack).
// FULL: every commit is fsynced (what naive durability gives).
import Fastify from 'fastify';
import { openDatabase } from '../src/server/db/database';
import { migrateToLatest } from '../src/server/db/migrations';
import { migrations } from '../src/server/modules';
import { seedDemoData } from '../src/server/seed/demo';
import { removeDatabaseFiles, requiredArg } from './options';

const arg = requiredArg;
const dir = arg('--dir');
const synchronous = arg('--synchronous');
if (synchronous !== 'NORMAL' && synchronous !== 'FULL') throw new Error('--synchronous must be NORMAL or FULL');

removeDatabaseFiles(dir);
const database = openDatabase({ dataDir: dir });
await migrateToLatest(database, migrations);
await seedDemoData(database);
const sqlite = database.sqlite!;
sqlite.pragma(`synchronous = ${synchronous}`);

const conversation = sqlite.prepare('select id, last_seq from conversations order by id limit 1').get() as { id: number; last_seq: number };
const author = sqlite.prepare('select id from participants where conversation_id = ? order by id limit 1').get(conversation.id) as {
  id: number;
};
const insert = sqlite.prepare(
  `insert into messages (conversation_id, seq, type, body, author_participant_id, sent_by_backoffice_user_id, created_at)
   values (?, ?, 'text', ?, ?, null, ?)`,
);
let seq = conversation.last_seq;

const app = Fastify();
app.post<{ Body: { body?: unknown } }>('/messages', async (request, reply) => {
  const body = typeof request.body?.body === 'string' ? request.body.body : '';
  seq += 1;
  const result = insert.run(conversation.id, seq, body, author.id, new Date().toISOString());
  return reply.status(201).send({ id: Number(result.lastInsertRowid), seq });
});
app.get('/ready', async () => ({ ok: true }));
await app.listen({ port: Number(arg('--port')), host: '127.0.0.1' });
console.log(`ceiling (${synchronous}) listening`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
