// npx tsx bench/search-pages.ts [--data-dir D] [--posts N]
// What the search index adds to one post on SQLite, in WAL frames (pages
// written): counts, not times, so valid on a busy machine. On copies of the
// bench database, N posts' rows (the conversation's counters and the
// message; no events or read marks) are written one post a commit and four
// a commit (the write thread's group commit under load), and the WAL's
// frames are read before any checkpoint: without indexing them, indexing
// each commit's messages in that commit (as the insert trigger did before
// migration 021), and indexing them in batches of 100 posts (the indexer,
// search.indexer.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parseOptions } from './options';
import { messageRow } from '../src/server/search/search.migrations';

const options = parseOptions(process.argv.slice(2));
const postsFlag = process.argv.indexOf('--posts');
const posts = postsFlag >= 0 ? Number(process.argv[postsFlag + 1]) : 300;

type Indexing = 'none' | 'each commit' | 'batches of 100';

function framesPerPost(indexing: Indexing, perCommit: number): number {
  const file = path.join(os.tmpdir(), `parley-search-pages-${process.pid}.db`);
  const remove = () => ['', '-wal', '-shm'].forEach((suffix) => fs.rmSync(`${file}${suffix}`, { force: true }));
  remove();
  fs.copyFileSync(path.join(options.dataDir, 'parley.db'), file);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    const index = db.prepare(`insert into messages_fts(rowid, body, scope) select ${messageRow('m')}
      from messages m join conversations c on c.id = m.conversation_id where m.id > (select messages_up_to from search_progress)`);
    const advance = db.prepare('update search_progress set messages_up_to = (select max(id) from messages)');
    const catchUp = () => {
      index.run();
      advance.run();
    };
    const conversations = db.prepare('select id from conversations order by id limit 50').all() as { id: number }[];
    const bump = db.prepare(
      `update conversations set last_seq = last_seq + 1, last_public_seq = last_seq + 1, messages_count = messages_count + 1,
         last_activity_at = ?, updated_at = ? where id = ? returning last_seq`,
    );
    const insert = db.prepare(
      `insert into messages (conversation_id, seq, type, body, author_participant_id, sent_by_backoffice_user_id, created_at)
       values (?, ?, 'text', ?, null, null, ?)`,
    );
    db.pragma('wal_checkpoint(TRUNCATE)');
    for (let i = 0; i < posts; i += perCommit) {
      db.transaction(() => {
        for (let k = i; k < i + perCommit; k++) {
          const at = new Date().toISOString();
          const id = conversations[k % conversations.length]!.id;
          const { last_seq } = bump.get(at, at, id) as { last_seq: number };
          insert.run(id, last_seq, `Bench message ${k}: could you confirm the delivery date?`, at);
        }
        if (indexing === 'each commit') catchUp();
      })();
      if (indexing === 'batches of 100' && (i + perCommit) % 100 === 0) db.transaction(catchUp)();
    }
    const [wal] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
    return wal!.log / posts;
  } finally {
    db.close();
    remove();
  }
}

console.log(`${posts} posts on ${options.dataDir}: WAL frames (pages) a post`);
for (const perCommit of [1, 4]) {
  const none = framesPerPost('none', perCommit);
  const figures = (['each commit', 'batches of 100'] as const).map((indexing) => {
    const frames = framesPerPost(indexing, perCommit);
    return `indexed ${indexing} ${frames.toFixed(2)} (+${(frames - none).toFixed(2)})`;
  });
  console.log(`${perCommit} a commit: not indexed ${none.toFixed(2)}, ${figures.join(', ')}`);
}
