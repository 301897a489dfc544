// The ceiling of Parley's stack on PostgreSQL: a bare Fastify route doing one
// insert into the same messages table (same migration, same indexes) through
// a pg pool of the same size as Parley's, each insert its own durably
// committed transaction (synchronous_commit=on), with no auth, validation,
// counters or events.
//   tsx bench/ceiling-pg-server.ts --database-url postgres://…/empty_db --port N
import Fastify from 'fastify';
import pg from 'pg';
import { openDatabase, POSTGRES_POOL_SIZE } from '../src/server/db/database';
import { migrateToLatest } from '../src/server/db/migrations';
import { migrations } from '../src/server/modules';
import { seedDemoData } from '../src/server/seed/demo';
import { requiredArg } from './options';

const arg = requiredArg;
const url = arg('--database-url');

const database = openDatabase({ databaseUrl: url, dataDir: '.' });
await migrateToLatest(database, migrations);
await seedDemoData(database);
await database.close();

const pool = new pg.Pool({ connectionString: url, max: POSTGRES_POOL_SIZE });
const { rows } = await pool.query<{ id: number; last_seq: number; author: number }>(
  `select c.id, c.last_seq, (select min(p.id) from participants p where p.conversation_id = c.id) as author
   from conversations c order by c.id limit 1`,
);
const conversation = rows[0]!;
let seq = conversation.last_seq;
const INSERT = `insert into messages (conversation_id, seq, type, body, author_participant_id, sent_by_backoffice_user_id, created_at)
   values ($1, $2, 'text', $3, $4, null, $5) returning id`;

const app = Fastify();
app.post<{ Body: { body?: unknown } }>('/messages', async (request, reply) => {
  const body = typeof request.body?.body === 'string' ? request.body.body : '';
  seq += 1;
  const values = [conversation.id, seq, body, conversation.author, new Date().toISOString()];
  const { rows: inserted } = await pool.query<{ id: number }>(INSERT, values);
  return reply.status(201).send({ id: inserted[0]!.id, seq });
});
app.get('/ready', async () => ({ ok: true }));
await app.listen({ port: Number(arg('--port')), host: '127.0.0.1' });
console.log('PostgreSQL ceiling listening');
process.once('SIGTERM', () => void app.close().then(() => pool.end().then(() => process.exit(0))));
