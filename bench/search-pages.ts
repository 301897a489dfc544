// npx tsx bench/search-pages.ts [--data-dir D] [--posts N]
// What the search index adds to one post on SQLite, in WAL frames (4 KB
// pages written): counts, not times, so valid on a busy machine. On copies of
// the bench database, N posts' rows (the conversation's counters and the
// message; no events or read marks) are written with the search triggers and
// without them, one post a commit and four a commit (the write thread's group
// commit under load), and the WAL's frames are read before any checkpoint.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parseOptions } from './options';

const options = parseOptions(process.argv.slice(2));
const postsFlag = process.argv.indexOf('--posts');
const posts = postsFlag >= 0 ? Number(process.argv[postsFlag + 1]) : 300;

function framesPerPost(withIndex: boolean, perCommit: number): number {
  const file = path.join(os.tmpdir(), `parley-search-pages-${process.pid}.db`);
  const remove = () => ['', '-wal', '-shm'].forEach((suffix) => fs.rmSync(`${file}${suffix}`, { force: true }));
  remove();
  fs.copyFileSync(path.join(options.dataDir, 'parley.db'), file);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    if (!withIndex) db.exec('drop trigger messages_fts_insert');
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
      })();
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
  const [withIndex, without] = [framesPerPost(true, perCommit), framesPerPost(false, perCommit)];
  console.log(
    `${perCommit} a commit: ${withIndex.toFixed(2)} with the search index, ${without.toFixed(2)} without (+${(withIndex - without).toFixed(2)})`,
  );
}
